package organizations

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

// specValid checks a JSON answer against the spec's response to the given
// operation.
func specValid(t *testing.T, method, path string, body []byte) {
	t.Helper()
	r, err := http.NewRequest(method, "http://localhost/v1"+path, nil)
	require.NoError(t, err)
	h := http.Header{"Content-Type": {"application/json"}}
	if err := spectest.ValidateResponse(r, 200, h, body); err != nil {
		t.Errorf("%s", err)
	}
}

// roundTrip decodes raw into a fresh T with the SDK's codec, encodes it as
// the API writes it (internal.MarshalAPI, as the SDK's fakes do), decodes
// that again and checks both decodings agree; it returns the first decoding
// and the encoding.
func roundTrip[T any](t *testing.T, raw string) (*T, []byte) {
	t.Helper()
	v := new(T)
	require.NoError(t, internal.Unmarshal([]byte(raw), v))
	b, err := internal.MarshalAPI(v)
	require.NoError(t, err)
	again := new(T)
	require.NoError(t, internal.Unmarshal(b, again))
	assert.Equal(t, v, again, "after a round trip through %s", b)
	return v, b
}

func TestOrganizationJSON(t *testing.T) {
	o, b := roundTrip[Organization](t, orgJSON("org_1", "acme"))
	assert.Equal(t, wantOrg("org_1", "acme"), o)
	assert.Contains(t, string(b), `"created_at":1700000000000`)
	assert.Contains(t, string(b), `"last_active_at":1700000002000`)
	specValid(t, "GET", "/organizations/org_1", b)

	// Optional fields absent: nil pointers, left out again on the way out.
	o, b = roundTrip[Organization](t, minimalOrgJSON("org_2"))
	assert.Nil(t, o.MembersCount)
	assert.Nil(t, o.LastActiveAt)
	assert.Nil(t, o.MissingMemberWithElevatedPermissions)
	assert.Equal(t, ms(1), o.CreatedAt)
	assert.NotContains(t, string(b), "last_active_at")
	assert.NotContains(t, string(b), "members_count")
	specValid(t, "GET", "/organizations/org_2", b)

	// A hand-made organization with nil metadata still encodes spec-valid.
	b, err := internal.MarshalAPI(&Organization{Object: "organization", ID: "org_3"})
	require.NoError(t, err)
	assert.Contains(t, string(b), `"public_metadata":{}`)
	specValid(t, "GET", "/organizations/org_3", b)
}

func TestOrganizationNullsAndUnknownFields(t *testing.T) {
	var o Organization
	require.NoError(t, internal.Unmarshal([]byte(`{"object":"organization","id":"org_1","role_set_key":null,
		"last_active_at":null,"logo_url":"https://old","field_of_the_future":{"x":1}}`), &o))
	assert.Equal(t, "", o.RoleSetKey)
	assert.Nil(t, o.LastActiveAt)
	assert.Equal(t, "org_1", o.ID)
}

func TestMembershipJSON(t *testing.T) {
	m, b := roundTrip[OrganizationMembership](t, membershipJSON(7, "org_1", "org:member"))
	want := &OrganizationMembership{
		Object: "organization_membership", ID: "orgmem_7", Role: "org:member", RoleName: "Member",
		Permissions:    []string{"org:sys_profile:read"},
		PublicMetadata: Metadata{"team": "blue"}, PrivateMetadata: Metadata{},
		Organization: Organization{
			Object: "organization", ID: "org_1", Name: "Org org_1", Slug: "slug-org_1",
			PublicMetadata: Metadata{}, CreatedAt: ms(1), UpdatedAt: ms(2),
		},
		PublicUserData: PublicUserData{
			UserID: "user_7", FirstName: "Ada", ImageURL: "https://img.clerk.com/u.png",
			Identifier: "user7@example.com",
		},
		CreatedAt: ms(1700000000000), UpdatedAt: ms(1700000005000),
	}
	assert.Equal(t, want, m)
	specValid(t, "POST", "/organizations/org_1/memberships", b)

	// Without public_user_data (it is optional in the spec): the zero value,
	// so m.PublicUserData.Identifier never panics, and left out again.
	m, b = roundTrip[OrganizationMembership](t, `{"object":"organization_membership","id":"orgmem_1","role":"org:admin",
		"permissions":[],"public_metadata":{},"organization":`+minimalOrgJSON("org_1")+`,"created_at":1,"updated_at":2}`)
	assert.Equal(t, "", m.PublicUserData.Identifier)
	assert.NotContains(t, string(b), "public_user_data")
	specValid(t, "POST", "/organizations/org_1/memberships", b)

	b, err := internal.MarshalAPI(OrganizationMembership{Object: "organization_membership", ID: "orgmem_2", Role: "org:admin",
		Organization: Organization{Object: "organization", ID: "org_1"}})
	require.NoError(t, err)
	assert.Contains(t, string(b), `"permissions":[]`)
	specValid(t, "POST", "/organizations/org_1/memberships", b)
}

func TestInvitationJSON(t *testing.T) {
	inv, b := roundTrip[OrganizationInvitation](t, invitationJSON("orginv_1", "org_1", InvitationPending))
	want := &OrganizationInvitation{
		Object: "organization_invitation", ID: "orginv_1", EmailAddress: "new@example.com",
		Role: "org:member", RoleName: "Member", OrganizationID: "org_1", InviterID: "user_admin",
		PublicInviterData: &PublicInviterData{
			UserID: "user_admin", FirstName: "Grace", LastName: "Hopper",
			ImageURL: "https://img.clerk.com/g.png", HasImage: true, Identifier: "grace@example.com",
		},
		Status: InvitationPending, PublicMetadata: Metadata{"src": "test"}, PrivateMetadata: Metadata{"ticket": float64(7)},
		URL: internal.NewSecret("https://accounts.example.com/join?ticket=x"), ExpiresAt: new(ms(1702592000000)),
		CreatedAt: ms(1700000000000), UpdatedAt: ms(1700000001000),
	}
	assert.Equal(t, want, inv)
	specValid(t, "GET", "/organizations/org_1/invitations/orginv_1", b)

	// Nullable fields as null: no inviter, no URL, no expiry.
	inv, b = roundTrip[OrganizationInvitation](t, `{"object":"organization_invitation","id":"orginv_2",
		"email_address":"a@b.co","role":"org:member","role_name":"Member","inviter_id":null,
		"public_inviter_data":null,"public_metadata":{},"url":null,"expires_at":null,"created_at":1,"updated_at":2,
		"status":"some_future_status"}`)
	assert.Nil(t, inv.PublicInviterData)
	assert.Nil(t, inv.ExpiresAt)
	assert.Equal(t, InvitationStatus("some_future_status"), inv.Status)
	assert.Contains(t, string(b), `"expires_at":null`)
	assert.Contains(t, string(b), `"public_inviter_data":null`)
	specValid(t, "GET", "/organizations/org_1/invitations/orginv_2", []byte(strings.Replace(string(b), "some_future_status", "pending", 1)))
}

func TestInvitationWithPublicOrganizationDataJSON(t *testing.T) {
	raw := withField(invitationJSON("orginv_1", "org_1", InvitationAccepted), "public_organization_data",
		`{"id":"org_1","name":"Acme Corp","slug":"acme","image_url":"https://img","has_image":true}`)
	inv, b := roundTrip[OrganizationInvitationWithPublicOrganizationData](t, raw)
	assert.Equal(t, "new@example.com", inv.EmailAddress)
	assert.Equal(t, InvitationAccepted, inv.Status)
	assert.Equal(t, ms(1700000000000), inv.CreatedAt)
	assert.Equal(t, PublicOrganizationData{ID: "org_1", Name: "Acme Corp", Slug: "acme", ImageURL: "https://img", HasImage: true}, inv.PublicOrganizationData)
	specValid(t, "GET", "/organization_invitations", []byte(`{"data":[`+string(b)+`],"total_count":1}`))

	// Without the organization data: zero value, left out on the way out.
	inv, b = roundTrip[OrganizationInvitationWithPublicOrganizationData](t, invitationJSON("orginv_2", "org_1", InvitationPending))
	assert.Equal(t, PublicOrganizationData{}, inv.PublicOrganizationData)
	assert.NotContains(t, string(b), "public_organization_data")

	// No item of a list keeps another's organization data: the second
	// invitation, without any, decodes with none.
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("GET /organization_invitations", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteJSON(w, 200, `{"data":[`+raw+`,`+instanceInvitationN(2)+`,`+invitationJSON("orginv_3", "org_1", InvitationPending)+`],"total_count":3}`)
	})
	page, err := svc.ListInstanceInvitations(context.Background(), nil)
	require.NoError(t, err)
	require.Len(t, page.Data, 3)
	assert.Equal(t, "Acme Corp", page.Data[0].PublicOrganizationData.Name)
	assert.Equal(t, "acme", page.Data[1].PublicOrganizationData.Slug)
	assert.Equal(t, PublicOrganizationData{}, page.Data[2].PublicOrganizationData)
}

// TestModelsMarshalledByUsersReadBack: a model that a user marshals with
// encoding/json (times in RFC 3339, as encoding/json writes a time.Time)
// reads back with the SDK's codec, and with encoding/json, to the same
// value (ARCHITECTURE.md, "Writing a model").
func TestModelsMarshalledByUsersReadBack(t *testing.T) {
	check := func(t *testing.T, v, viaCodec, viaJSON any) {
		t.Helper()
		b, err := json.Marshal(v)
		require.NoError(t, err)
		assert.NotContains(t, string(b), "1700000000000", "times are RFC 3339 in encoding/json")
		require.NoError(t, internal.Unmarshal(b, viaCodec))
		assert.Equal(t, v, viaCodec)
		require.NoError(t, json.Unmarshal(b, viaJSON))
		assert.Equal(t, v, viaJSON)
	}
	o, _ := roundTrip[Organization](t, orgJSON("org_1", "acme"))
	check(t, o, new(Organization), new(Organization))
	m, _ := roundTrip[OrganizationMembership](t, membershipJSON(7, "org_1", "org:member"))
	check(t, m, new(OrganizationMembership), new(OrganizationMembership))
	inv, _ := roundTrip[OrganizationInvitationWithPublicOrganizationData](t, instanceInvitationN(1))
	// The invitation's URL is a Secret: encoding/json writes it redacted,
	// so what reads back is the redacted value.
	b, err := json.Marshal(inv)
	require.NoError(t, err)
	assert.NotContains(t, string(b), inv.URL.Reveal())
	inv.URL = internal.NewSecret("[redacted]")
	check(t, inv, new(OrganizationInvitationWithPublicOrganizationData), new(OrganizationInvitationWithPublicOrganizationData))
}

// TestAccessModelsMatchTheSpec decodes a full instance of each schema of
// domains, roles, permissions and role sets into its model and writes it
// back: no property missing, none extra, none of the wrong type.
func TestAccessModelsMatchTheSpec(t *testing.T) {
	t.Run("OrganizationDomain", func(t *testing.T) { spectest.CheckModel[OrganizationDomain](t, "OrganizationDomain") })
	t.Run("OrganizationDomainVerification", func(t *testing.T) {
		spectest.CheckModel[DomainVerification](t, "OrganizationDomainVerification")
	})
	t.Run("Role", func(t *testing.T) { spectest.CheckModel[Role](t, "Role") })
	t.Run("Permission", func(t *testing.T) { spectest.CheckModel[Permission](t, "Permission") })
	t.Run("RoleSet", func(t *testing.T) { spectest.CheckModel[RoleSet](t, "RoleSet") })
	t.Run("RoleSetItem", func(t *testing.T) { spectest.CheckModel[RoleSetItem](t, "RoleSetItem") })
	t.Run("RoleSetMigration", func(t *testing.T) { spectest.CheckModel[RoleSetMigration](t, "RoleSetMigration") })
}

// TestAccessParamsMatchTheSpec compares each params type's names with its
// operation's query parameters or body properties, both ways.
func TestAccessParamsMatchTheSpec(t *testing.T) {
	const domains = "/organizations/{organization_id}/domains"
	spectest.CheckBody(t, "POST", domains, CreateDomainParams{})
	spectest.CheckQuery(t, "GET", domains, ListDomainsParams{})
	spectest.CheckBody(t, "PATCH", domains+"/{domain_id}", UpdateDomainParams{})
	spectest.CheckQuery(t, "GET", "/organization_domains", ListInstanceDomainsParams{})

	spectest.CheckQuery(t, "GET", "/organization_roles", ListRolesParams{})
	spectest.CheckBody(t, "POST", "/organization_roles", CreateRoleParams{})
	spectest.CheckBody(t, "PATCH", "/organization_roles/{organization_role_id}", UpdateRoleParams{})

	spectest.CheckQuery(t, "GET", "/organization_permissions", ListPermissionsParams{})
	spectest.CheckBody(t, "POST", "/organization_permissions", CreatePermissionParams{})
	spectest.CheckBody(t, "PATCH", "/organization_permissions/{permission_id}", UpdatePermissionParams{})

	spectest.CheckQuery(t, "GET", "/role_sets", ListRoleSetsParams{})
	spectest.CheckBody(t, "POST", "/role_sets", CreateRoleSetParams{})
	spectest.CheckBody(t, "PATCH", "/role_sets/{role_set_key_or_id}", UpdateRoleSetParams{})
	spectest.CheckBody(t, "POST", "/role_sets/{role_set_key_or_id}/replace", ReplaceRoleSetParams{})
	spectest.CheckBody(t, "POST", "/role_sets/{role_set_key_or_id}/roles", AddRolesParams{})
	spectest.CheckBody(t, "POST", "/role_sets/{role_set_key_or_id}/roles/replace", ReplaceRoleParams{})
}

// TestAccessModelsJSON decodes the fixtures, as the API answers them, into
// the values they stand for, and writes them back spec-valid.
func TestAccessModelsJSON(t *testing.T) {
	t0, t5 := ms(1716883200000), ms(1716883500000)
	perm := Permission{Object: "permission", ID: "perm_1", Name: "Read invoices", Key: "org:invoices:read",
		Description: "See the organization's invoices", Type: "custom", CreatedAt: t0, UpdatedAt: t5}

	r, b := roundTrip[Role](t, roleJSON("role_1", "org:billing", permissionJSON("perm_1", "org:invoices:read")))
	assert.Equal(t, &Role{Object: "role", ID: "role_1", Name: "Billing", Key: "org:billing",
		Permissions: []Permission{perm}, CreatedAt: t0, UpdatedAt: t5}, r)
	specValid(t, "GET", "/organization_roles/role_1", b)

	// A role without permissions writes them as [], which the spec requires.
	b, err := internal.MarshalAPI(&Role{Object: "role", ID: "role_2"})
	require.NoError(t, err)
	assert.Contains(t, string(b), `"permissions":[]`)
	specValid(t, "GET", "/organization_roles/role_2", b)

	rs, b := roundTrip[RoleSet](t, roleSetJSON("rs_1", "role_set:default"))
	item := func(id, key string) RoleSetItem {
		return RoleSetItem{Object: "role_set_item", ID: id, Name: "Role " + key, Key: key,
			MembersCount: new(3), HasMembers: new(true), CreatedAt: t0, UpdatedAt: t5}
	}
	admin, member := item("role_admin", "org:admin"), item("role_member", "org:member")
	assert.Equal(t, &RoleSet{Object: "role_set", ID: "rs_1", Name: "Default", Key: "role_set:default",
		Description: "Roles of every organization", Roles: []RoleSetItem{admin, member},
		DefaultRole: &member, CreatorRole: &admin, Type: RoleSetInitial,
		RoleSetMigration: &RoleSetMigration{Object: "role_set_migration", ID: "rsm_1", InstanceID: "ins_1",
			SourceRoleSetID: "rs_old", DestRoleSetID: "rs_1", TriggerType: "role_set_deletion", Status: "in_progress",
			MigratedMembers: 12, Mappings: map[string]string{"org:viewer": "org:member"},
			StartedAt: new(ms(1716883300000)), CreatedAt: t0, UpdatedAt: ms(1716883400000)},
		CreatedAt: t0, UpdatedAt: t5}, rs)
	specValid(t, "GET", "/role_sets/rs_1", b)

	// Nullable role set fields as null: nil, and spec-valid when written.
	rs, b = roundTrip[RoleSet](t, `{"object":"role_set","id":"rs_2","name":"Empty","key":"role_set:empty","description":null,
		"roles":[],"default_role":null,"creator_role":null,"type":"custom","role_set_migration":null,"created_at":1,"updated_at":2}`)
	assert.Nil(t, rs.DefaultRole)
	assert.Nil(t, rs.RoleSetMigration)
	assert.Equal(t, RoleSetCustom, rs.Type)
	specValid(t, "GET", "/role_sets/rs_2", b)

	verification := &DomainVerification{Status: "verified", Strategy: "email_code", Attempts: new(1), ExpireAt: new(ms(1716969600000))}
	d, b := roundTrip[OrganizationDomain](t, domainJSON("orgdmn_1", "org_1"))
	assert.Equal(t, &OrganizationDomain{Object: "organization_domain", ID: "orgdmn_1", OrganizationID: "org_1", Name: "acme.com",
		EnrollmentMode: EnrollmentAutomaticInvitation, AffiliationEmailAddress: "admin@acme.com",
		AffiliationVerification: verification, Verification: verification, TotalPendingInvitations: 2,
		PublicOrganizationData: &PublicOrganizationData{ID: "org_1", Name: "Acme Corp", Slug: "acme",
			ImageURL: "https://img.clerk.com/org.png", HasImage: true},
		CreatedAt: t0, UpdatedAt: t5}, d)
	assert.Contains(t, string(b), `"ownership_verification":null`, "a required nullable field is written as null")
	specValid(t, "GET", "/organizations/org_1/domains", []byte(`{"data":[`+string(b)+`],"total_count":1}`))
}

// TestModelsHaveEveryField compares each model's JSON names with the
// properties of its schemas in the spec, both ways.
func TestModelsHaveEveryField(t *testing.T) {
	schema := func(name string) *openapi3.Schema { return spectest.Schema(t, name) }
	// SetLogo answers OrganizationWithLogo, an Organization with logo_url.
	spectest.CheckNames(t, Organization{}, schema("Organization"), schema("OrganizationWithLogo"))
	spectest.CheckNames(t, OrganizationMembership{}, schema("OrganizationMembership"))
	spectest.CheckNames(t, PublicUserData{}, schema("OrganizationMembershipPublicUserData"))
	spectest.CheckNames(t, OrganizationInvitation{}, schema("OrganizationInvitation"))
	spectest.CheckNames(t, PublicInviterData{}, schema("OrganizationInvitationPublicUserData"))
	spectest.CheckNames(t, PublicOrganizationData{}, schema("OrganizationInvitationPublicOrganizationData"))
	spectest.CheckNames(t, OrganizationInvitationWithPublicOrganizationData{}, schema("OrganizationInvitationWithPublicOrganizationData"))
}

// TestParamsMatchSpec compares the query and body names of every params
// type of the organization, membership and invitation endpoints with their
// operations in the spec, both ways: a misspelt name, or a documented
// filter or field we lack, fails.
func TestParamsMatchSpec(t *testing.T) {
	const (
		orgs        = "/organizations"
		org         = "/organizations/{organization_id}"
		memberships = org + "/memberships"
		membership  = memberships + "/{user_id}"
		invitations = org + "/invitations"
	)
	spectest.CheckBody(t, "POST", orgs, CreateParams{})
	spectest.CheckQuery(t, "GET", org, GetParams{})
	spectest.CheckQuery(t, "GET", orgs, ListParams{})
	spectest.CheckBody(t, "PATCH", org, UpdateParams{})
	spectest.CheckBody(t, "PATCH", org+"/metadata", MetadataParams{})
	spectest.CheckBody(t, "PUT", org+"/metadata", MetadataParams{})
	spectest.CheckBody(t, "PATCH", membership+"/metadata", MetadataParams{})
	spectest.CheckBody(t, "POST", memberships, CreateMembershipParams{})
	spectest.CheckQuery(t, "GET", memberships, ListMembershipsParams{})
	spectest.CheckQuery(t, "GET", "/organization_memberships", ListInstanceMembershipsParams{})
	spectest.CheckBody(t, "PATCH", membership, UpdateMembershipParams{})
	spectest.CheckBody(t, "POST", invitations, CreateInvitationParams{})
	spectest.CheckBody(t, "POST", invitations+"/bulk", CreateInvitationParams{})
	spectest.CheckQuery(t, "GET", invitations, ListInvitationsParams{})
	spectest.CheckBody(t, "POST", invitations+"/{invitation_id}/revoke", RevokeInvitationParams{})
	spectest.CheckQuery(t, "GET", "/organization_invitations", ListInstanceInvitationsParams{})
}

// TestInvitationURLRedacted: an invitation's URL carries its ticket; no
// printer shows it, Reveal does.
func TestInvitationURLRedacted(t *testing.T) {
	inv, _ := roundTrip[OrganizationInvitation](t, invitationJSON("orginv_1", "org_1", InvitationPending))
	require.False(t, inv.URL.IsZero())
	ticket := inv.URL.Reveal()
	assert.Empty(t, spectest.Leaks(*inv, ticket))
}
