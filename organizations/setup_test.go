package organizations

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-clerk/clerk/internal/spectest"
)

// setup returns a Service, built as the root builds it, whose transport
// talks to a spec-checking server.
func setup(t *testing.T, opts ...spectest.Option) (*Service, *spectest.Server) {
	t.Helper()
	return spectest.Setup[Service](t, opts...)
}

// readBody reads a request body as text (the spec server has already
// checked it), for assert.JSONEq and for bodies that must be empty.
func readBody(r *http.Request) string {
	b, _ := io.ReadAll(r.Body)
	return string(b)
}

// withField adds the property name, with its raw JSON value, to a JSON
// object.
func withField(obj, name, value string) string {
	return strings.TrimSuffix(strings.TrimSpace(obj), "}") + fmt.Sprintf(",%q:%s}", name, value)
}

// pageStore serves n items of a {data,total_count} list by limit and
// offset, recording each page asked for as "limit@offset".
type pageStore struct {
	n      int
	item   func(i int) string // the JSON of item i
	failAt int                // offset answered 503 (-1: never)

	mu    sync.Mutex
	pages []string
}

func newPageStore(n int, item func(i int) string) *pageStore {
	return &pageStore{n: n, item: item, failAt: -1}
}

func (s *pageStore) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, _ := strconv.Atoi(q.Get("limit"))
	offset, _ := strconv.Atoi(q.Get("offset"))
	s.mu.Lock()
	s.pages = append(s.pages, q.Get("limit")+"@"+q.Get("offset"))
	s.mu.Unlock()
	if offset == s.failAt {
		spectest.WriteError(w, 503, "internal_clerk_error")
		return
	}
	var items []string
	for i := offset; i < offset+limit && i < s.n; i++ {
		items = append(items, s.item(i))
	}
	spectest.WriteJSON(w, 200, fmt.Sprintf(`{"data":[%s],"total_count":%d}`, strings.Join(items, ","), s.n))
}

func ms(n int64) time.Time { return time.UnixMilli(n).UTC() }

// orgJSON is an organization as the API answers it, every field set.
func orgJSON(id, slug string) string {
	return fmt.Sprintf(`{
		"object": "organization", "id": %q, "name": "Acme Corp", "slug": %q,
		"image_url": "https://img.clerk.com/org.png", "has_image": true,
		"members_count": 3, "missing_member_with_elevated_permissions": false, "pending_invitations_count": 1,
		"max_allowed_memberships": 50, "admin_delete_enabled": true,
		"public_metadata": {"plan": "pro"}, "private_metadata": {"crm_id": 42},
		"created_by": "user_creator", "created_at": 1700000000000, "updated_at": 1700000001000,
		"last_active_at": 1700000002000, "role_set_key": "default"
	}`, id, slug)
}

// wantOrg is orgJSON decoded.
func wantOrg(id, slug string) *Organization {
	return &Organization{
		Object: "organization", ID: id, Name: "Acme Corp", Slug: slug,
		ImageURL: "https://img.clerk.com/org.png", HasImage: true,
		MembersCount: new(3), MissingMemberWithElevatedPermissions: new(false), PendingInvitationsCount: new(1),
		MaxAllowedMemberships: 50, AdminDeleteEnabled: true,
		PublicMetadata: Metadata{"plan": "pro"}, PrivateMetadata: Metadata{"crm_id": float64(42)},
		CreatedBy: "user_creator", CreatedAt: ms(1700000000000), UpdatedAt: ms(1700000001000),
		LastActiveAt: new(ms(1700000002000)), RoleSetKey: "default",
	}
}

// minimalOrgJSON has only the organization's required fields.
func minimalOrgJSON(id string) string {
	return fmt.Sprintf(`{"object":"organization","id":%q,"name":"Org %[1]s","slug":"slug-%[1]s","has_image":false,
		"max_allowed_memberships":0,"admin_delete_enabled":false,"public_metadata":{},"created_at":1,"updated_at":2}`, id)
}

// membershipJSON is a membership of user_<n> in orgID, every field set.
func membershipJSON(n int, orgID, role string) string {
	return fmt.Sprintf(`{
		"object": "organization_membership", "id": "orgmem_%[1]d", "role": %[3]q, "role_name": "Member",
		"permissions": ["org:sys_profile:read"], "public_metadata": {"team": "blue"}, "private_metadata": {},
		"organization": %[4]s,
		"public_user_data": {"user_id": "user_%[1]d", "first_name": "Ada", "last_name": null,
			"profile_image_url": null, "image_url": "https://img.clerk.com/u.png", "has_image": false,
			"identifier": "user%[1]d@example.com", "username": null, "banned": false, "deprovisioned": false},
		"created_at": 1700000000000, "updated_at": 1700000005000
	}`, n, orgID, role, minimalOrgJSON(orgID))
}

// memberN is membership i of org_1, as pageStore items.
func memberN(i int) string { return membershipJSON(i, "org_1", "org:member") }

// invitationN is invitation i of org_1, as pageStore items.
func invitationN(i int) string {
	return invitationJSON("orginv_"+strconv.Itoa(i), "org_1", InvitationPending)
}

// instanceInvitationN is invitationN with the organization's public data,
// as the instance-wide list has it.
func instanceInvitationN(i int) string {
	return withField(invitationN(i), "public_organization_data", `{"id":"org_1","name":"Acme Corp","slug":"acme","has_image":false}`)
}

// invitationJSON is an invitation to orgID, every field set.
func invitationJSON(id, orgID string, status InvitationStatus) string {
	return fmt.Sprintf(`{
		"object": "organization_invitation", "id": %q, "email_address": "new@example.com",
		"role": "org:member", "role_name": "Member", "organization_id": %q,
		"inviter_id": "user_admin",
		"public_inviter_data": {"user_id": "user_admin", "first_name": "Grace", "last_name": "Hopper",
			"image_url": "https://img.clerk.com/g.png", "has_image": true, "identifier": "grace@example.com"},
		"status": %q, "public_metadata": {"src": "test"}, "private_metadata": {"ticket": 7},
		"url": "https://accounts.example.com/join?ticket=x", "expires_at": 1702592000000,
		"created_at": 1700000000000, "updated_at": 1700000001000
	}`, id, orgID, status)
}
