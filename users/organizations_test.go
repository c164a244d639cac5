package users

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
	"github.com/go-clerk/clerk/organizations"
)

const membershipJSON = `{
  "id": "orgmem_1",
  "object": "organization_membership",
  "role": "org:admin",
  "role_name": "Admin",
  "permissions": ["org:sys_memberships:manage", "org:sys_profile:delete"],
  "public_metadata": {"title": "CTO"},
  "private_metadata": {},
  "organization": {
    "object": "organization",
    "id": "org_1",
    "name": "Acme Corp",
    "slug": "acme-corp",
    "image_url": "https://img.clerk.com/org",
    "has_image": true,
    "members_count": 12,
    "missing_member_with_elevated_permissions": false,
    "pending_invitations_count": 2,
    "max_allowed_memberships": 100,
    "admin_delete_enabled": true,
    "public_metadata": {},
    "private_metadata": {"crm": "acme"},
    "created_by": "user_1",
    "created_at": 1716000000000,
    "updated_at": 1716000000001,
    "last_active_at": 1716000000002,
    "role_set_key": "default"
  },
  "public_user_data": {
    "user_id": "user_1",
    "first_name": "John",
    "last_name": null,
    "profile_image_url": null,
    "image_url": "https://img.clerk.com/image",
    "has_image": true,
    "identifier": "john@example.com",
    "username": "jdoe",
    "banned": false,
    "deprovisioned": false
  },
  "created_at": 1716000000003,
  "updated_at": 1716000000004
}`

const invitationJSON = `{
  "object": "organization_invitation",
  "id": "orginv_1",
  "email_address": "john@example.com",
  "role": "org:member",
  "role_name": "Member",
  "organization_id": "org_1",
  "inviter_id": "user_2",
  "public_inviter_data": {
    "user_id": "user_2",
    "first_name": "Ada",
    "last_name": "Lovelace",
    "image_url": "https://img.clerk.com/ada",
    "has_image": true,
    "identifier": "ada@example.com"
  },
  "status": "pending",
  "public_metadata": {},
  "private_metadata": {"source": "import"},
  "url": "https://accounts.example.com/accept?ticket=x",
  "expires_at": 1717000000000,
  "created_at": 1716000000000,
  "updated_at": 1716000000001,
  "public_organization_data": {
    "id": "org_1",
    "name": "Acme Corp",
    "slug": "acme-corp",
    "image_url": "https://img.clerk.com/org",
    "has_image": true
  }
}`

func TestListOrganizationMemberships(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("GET /users/{user_id}/organization_memberships", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "user_1", r.PathValue("user_id"))
		assert.Equal(t, url.Values{"limit": {"20"}, "offset": {"40"}}, r.URL.Query(), "query")
		spectest.WriteJSON(w, 200, []byte(`{"data":[`+membershipJSON+`],"total_count":41}`))
	})
	page, err := svc.ListOrganizationMemberships(context.Background(), "user_1",
		&ListOrganizationMembershipsParams{Limit: new(20), Offset: new(40)})
	require.NoError(t, err)
	assert.Equal(t, int64(41), page.TotalCount)
	require.Len(t, page.Data, 1)
	m := page.Data[0]
	assert.Equal(t, "org:admin", m.Role)
	assert.Equal(t, []string{"org:sys_memberships:manage", "org:sys_profile:delete"}, m.Permissions)
	assert.Equal(t, "CTO", m.PublicMetadata["title"])
	assert.Equal(t, ms(1716000000003), m.CreatedAt)
	assert.Equal(t, "acme-corp", m.Organization.Slug)
	assert.Equal(t, 12, *m.Organization.MembersCount)
	assert.Equal(t, ms(1716000000002), *m.Organization.LastActiveAt)
	assert.Equal(t, "default", m.Organization.RoleSetKey)
	assert.Equal(t, "john@example.com", m.PublicUserData.Identifier)
	assert.Equal(t, "", m.PublicUserData.LastName)
}

func TestListOrganizationInvitations(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("GET /users/{user_id}/organization_invitations", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "user_1", r.PathValue("user_id"))
		assert.Equal(t, url.Values{"status": {"pending"}, "limit": {"5"}}, r.URL.Query(), "query")
		spectest.WriteJSON(w, 200, []byte(`{"data":[`+invitationJSON+`],"total_count":1}`))
	})
	st := InvitationPending
	page, err := svc.ListOrganizationInvitations(context.Background(), "user_1",
		&ListOrganizationInvitationsParams{Status: &st, Limit: new(5)})
	require.NoError(t, err)
	assert.Equal(t, int64(1), page.TotalCount)
	inv := page.Data[0]
	assert.Equal(t, InvitationPending, inv.Status)
	assert.Equal(t, "org:member", inv.Role)
	assert.Equal(t, "ada@example.com", inv.PublicInviterData.Identifier)
	assert.Equal(t, "acme-corp", inv.PublicOrganizationData.Slug)
	assert.Equal(t, ms(1717000000000), *inv.ExpiresAt)
	assert.Equal(t, "import", inv.PrivateMetadata["source"])
}

// TestOrganizationModelsRoundTrip: the memberships and invitations, once
// marshalled, are still spec-valid answers, and decode the same.
func TestOrganizationModelsRoundTrip(t *testing.T) {
	h := http.Header{"Content-Type": {"application/json"}}
	var m OrganizationMembership
	require.NoError(t, internal.Unmarshal([]byte(membershipJSON), &m))
	b, err := internal.MarshalAPI(Page[OrganizationMembership]{Data: []*OrganizationMembership{&m}, TotalCount: 1})
	require.NoError(t, err)
	r, _ := http.NewRequest("GET", "/v1/users/user_1/organization_memberships", nil)
	require.NoError(t, spectest.ValidateResponse(r, 200, h, b))
	var mp Page[OrganizationMembership]
	require.NoError(t, internal.Unmarshal(b, &mp))
	assert.Equal(t, &m, mp.Data[0])

	var inv OrganizationInvitation
	require.NoError(t, internal.Unmarshal([]byte(invitationJSON), &inv))
	b, err = internal.MarshalAPI(Page[OrganizationInvitation]{Data: []*OrganizationInvitation{&inv}, TotalCount: 1})
	require.NoError(t, err)
	r, _ = http.NewRequest("GET", "/v1/users/user_1/organization_invitations", nil)
	require.NoError(t, spectest.ValidateResponse(r, 200, h, b))
	var ip Page[OrganizationInvitation]
	require.NoError(t, internal.Unmarshal(b, &ip))
	assert.Equal(t, &inv, ip.Data[0])

	// An invitation not sent by a user: null inviter, no expiry.
	b, err = internal.MarshalAPI(Page[OrganizationInvitation]{Data: []*OrganizationInvitation{{
		OrganizationInvitation: organizations.OrganizationInvitation{Object: "organization_invitation", ID: "orginv_2", EmailAddress: "a@b.co", Role: "org:member"},
	}}})
	require.NoError(t, err)
	require.NoError(t, spectest.ValidateResponse(r, 200, h, b))
}

// offsetStore serves a {data, total_count} list of n items by offset and
// records the offsets and limits asked for.
type offsetStore struct {
	t    *testing.T
	n    int
	item func(i int) string
	mu   sync.Mutex
	reqs [][2]string // limit, offset
	fail int
}

func (s *offsetStore) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	s.mu.Lock()
	s.reqs = append(s.reqs, [2]string{q.Get("limit"), q.Get("offset")})
	n := len(s.reqs)
	s.mu.Unlock()
	if n == s.fail {
		spectest.WriteError(w, 403, "authorization_invalid")
		return
	}
	limit, _ := strconv.Atoi(q.Get("limit"))
	off, _ := strconv.Atoi(q.Get("offset"))
	var b bytes.Buffer
	b.WriteString(`{"data":[`)
	for i := off; i < min(off+limit, s.n); i++ {
		if i > off {
			b.WriteByte(',')
		}
		b.WriteString(s.item(i))
	}
	fmt.Fprintf(&b, `],"total_count":%d}`, s.n)
	spectest.WriteJSON(w, 200, b.Bytes())
}

func (s *offsetStore) requests() [][2]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([][2]string(nil), s.reqs...)
}

func membershipN(i int) string {
	return fmt.Sprintf(`{"id":"orgmem_%d","object":"organization_membership","role":"org:member","permissions":[],"public_metadata":{},"created_at":1,"updated_at":1,"organization":{"object":"organization","id":"org_%d","name":"O","slug":"o-%d","has_image":false,"max_allowed_memberships":0,"admin_delete_enabled":false,"public_metadata":{},"created_at":1,"updated_at":1}}`, i, i, i)
}

func invitationN(i int) string {
	return fmt.Sprintf(`{"object":"organization_invitation","id":"orginv_%d","email_address":"a@b.co","role":"org:member","role_name":"Member","public_metadata":{},"url":null,"expires_at":null,"created_at":1,"updated_at":1,"inviter_id":null,"public_inviter_data":null}`, i)
}

func TestAllOrganizationMemberships(t *testing.T) {
	svc, srv := setup(t)
	store := &offsetStore{t: t, n: 1234, item: membershipN}
	srv.Mux.Handle("GET /users/{user_id}/organization_memberships", store)
	params := &ListOrganizationMembershipsParams{}
	var ids []string
	for m, err := range svc.AllOrganizationMemberships(context.Background(), "user_1", params) {
		require.NoError(t, err)
		ids = append(ids, m.ID)
	}
	require.Len(t, ids, 1234)
	assert.Equal(t, "orgmem_1233", ids[1233])
	// The reported total ends the walk: no empty page is asked for.
	assert.Equal(t, [][2]string{{"500", "0"}, {"500", "500"}, {"500", "1000"}}, store.requests())
	assert.Equal(t, &ListOrganizationMembershipsParams{}, params, "params unchanged")
}

func TestAllOrganizationMembershipsFromOffset(t *testing.T) {
	svc, srv := setup(t)
	store := &offsetStore{t: t, n: 1000, item: membershipN}
	srv.Mux.Handle("GET /users/{user_id}/organization_memberships", store)
	n := 0
	for _, err := range svc.AllOrganizationMemberships(context.Background(), "user_1",
		&ListOrganizationMembershipsParams{Limit: new(300), Offset: new(250)}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 750, n)
	assert.Equal(t, [][2]string{{"300", "250"}, {"300", "550"}, {"300", "850"}}, store.requests())
}

func TestAllOrganizationInvitations(t *testing.T) {
	svc, srv := setup(t)
	store := &offsetStore{t: t, n: 1100, item: invitationN, fail: 3}
	srv.Mux.HandleFunc("GET /users/{user_id}/organization_invitations", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "accepted", r.URL.Query().Get("status"), "status on every page")
		store.ServeHTTP(w, r)
	})
	st := InvitationAccepted
	var n, errs int
	for inv, err := range svc.AllOrganizationInvitations(context.Background(), "user_1", &ListOrganizationInvitationsParams{Status: &st}) {
		if err != nil {
			errs++
			assert.ErrorIs(t, err, internal.ErrForbidden)
			continue
		}
		n++
		_ = inv
	}
	assert.Equal(t, 1000, n)
	assert.Equal(t, 1, errs)
	assert.Len(t, store.requests(), 3)

	// Break stops fetching.
	store2 := &offsetStore{t: t, n: 5000, item: invitationN}
	svc2, srv2 := setup(t)
	srv2.Mux.Handle("GET /users/{user_id}/organization_invitations", store2)
	n = 0
	for _, err := range svc2.AllOrganizationInvitations(context.Background(), "user_1", nil) {
		require.NoError(t, err)
		if n++; n == 10 {
			break
		}
	}
	assert.Len(t, store2.requests(), 1)
}
