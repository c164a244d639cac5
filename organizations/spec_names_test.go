package organizations

import (
	"reflect"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal/spectest"
)

// schemaProps is the set of property names of a schema, its allOf parts
// included.
func schemaProps(s *openapi3.Schema) map[string]bool {
	out := map[string]bool{}
	for name := range s.Properties {
		out[name] = true
	}
	for _, part := range s.AllOf {
		for name := range schemaProps(part.Value) {
			out[name] = true
		}
	}
	return out
}

// tagNames is the set of names in the key (json or url) tags of a struct
// type, embedded structs walked.
func tagNames(typ reflect.Type, key string) map[string]bool {
	out := map[string]bool{}
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get(key), ",")
		if name == "" && f.Anonymous {
			for n := range tagNames(f.Type, key) {
				out[n] = true
			}
			continue
		}
		if name != "" && name != "-" {
			out[name] = true
		}
	}
	return out
}

func union(sets ...map[string]bool) map[string]bool {
	out := map[string]bool{}
	for _, s := range sets {
		for k := range s {
			out[k] = true
		}
	}
	return out
}

// TestModelsHaveEveryField compares each model's JSON names with the
// properties of its schemas in the spec, both ways.
func TestModelsHaveEveryField(t *testing.T) {
	doc, err := spectest.Doc()
	require.NoError(t, err)
	schema := func(name string) map[string]bool {
		s := doc.Components.Schemas[name]
		require.NotNil(t, s, name)
		return schemaProps(s.Value)
	}
	for _, tc := range []struct {
		model   any
		schemas []string
	}{
		// SetLogo answers OrganizationWithLogo, an Organization with logo_url.
		{Organization{}, []string{"Organization", "OrganizationWithLogo"}},
		{OrganizationMembership{}, []string{"OrganizationMembership"}},
		{PublicUserData{}, []string{"OrganizationMembershipPublicUserData"}},
		{OrganizationInvitation{}, []string{"OrganizationInvitation"}},
		{PublicInviterData{}, []string{"OrganizationInvitationPublicUserData"}},
		{PublicOrganizationData{}, []string{"OrganizationInvitationPublicOrganizationData"}},
		{OrganizationInvitationWithPublicOrganizationData{}, []string{"OrganizationInvitationWithPublicOrganizationData"}},
	} {
		var want []map[string]bool
		for _, s := range tc.schemas {
			want = append(want, schema(s))
		}
		typ := reflect.TypeOf(tc.model)
		assert.Equal(t, union(want...), tagNames(typ, "json"), typ.Name())
	}
}

// TestParamsMatchSpec compares the query and body names of every params
// type with its operations in the spec, both ways: a misspelt name, or a
// documented filter or field we lack, fails.
func TestParamsMatchSpec(t *testing.T) {
	doc, err := spectest.Doc()
	require.NoError(t, err)
	op := func(path, method string) *openapi3.Operation {
		item := doc.Paths.Find(path)
		require.NotNil(t, item, path)
		o := item.GetOperation(method)
		require.NotNil(t, o, method+" "+path)
		return o
	}
	query := func(path, method string) map[string]bool {
		out := map[string]bool{}
		for _, p := range op(path, method).Parameters {
			if p.Value.In == "query" {
				out[p.Value.Name] = true
			}
		}
		return out
	}
	body := func(path, method string) map[string]bool {
		s := op(path, method).RequestBody.Value.Content.Get("application/json").Schema.Value
		if s.Items != nil { // a bulk body: an array of objects
			s = s.Items.Value
		}
		return schemaProps(s)
	}
	names := func(v any, key string) map[string]bool { return tagNames(reflect.TypeOf(v), key) }

	const (
		orgs        = "/organizations"
		org         = "/organizations/{organization_id}"
		memberships = org + "/memberships"
		membership  = memberships + "/{user_id}"
		invitations = org + "/invitations"
	)
	for _, tc := range []struct {
		name      string
		spec, got map[string]bool
	}{
		{"CreateParams", body(orgs, "POST"), names(CreateParams{}, "json")},
		{"GetParams", query(org, "GET"), names(GetParams{}, "url")},
		{"ListParams", query(orgs, "GET"), names(ListParams{}, "url")},
		{"UpdateParams", body(org, "PATCH"), names(UpdateParams{}, "json")},
		{"MetadataParams (PATCH)", body(org+"/metadata", "PATCH"), names(MetadataParams{}, "json")},
		{"MetadataParams (PUT)", body(org+"/metadata", "PUT"), names(MetadataParams{}, "json")},
		{"MetadataParams (membership)", body(membership+"/metadata", "PATCH"), names(MetadataParams{}, "json")},
		{"CreateMembershipParams", body(memberships, "POST"), names(CreateMembershipParams{}, "json")},
		{"ListMembershipsParams", query(memberships, "GET"), names(ListMembershipsParams{}, "url")},
		{"ListInstanceMembershipsParams", query("/organization_memberships", "GET"), names(ListInstanceMembershipsParams{}, "url")},
		{"UpdateMembershipParams", body(membership, "PATCH"), names(UpdateMembershipParams{}, "json")},
		{"CreateInvitationParams", body(invitations, "POST"), names(CreateInvitationParams{}, "json")},
		{"CreateInvitationParams (bulk)", body(invitations+"/bulk", "POST"), names(CreateInvitationParams{}, "json")},
		{"ListInvitationsParams", query(invitations, "GET"), names(ListInvitationsParams{}, "url")},
		{"RevokeInvitationParams", body(invitations+"/{invitation_id}/revoke", "POST"), names(RevokeInvitationParams{}, "json")},
		{"ListInstanceInvitationsParams", query("/organization_invitations", "GET"), names(ListInstanceInvitationsParams{}, "url")},
	} {
		assert.Equal(t, tc.spec, tc.got, tc.name)
	}
}
