package organizations

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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

// permissionJSON is a custom permission, every field set.
func permissionJSON(id, key string) string {
	return fmt.Sprintf(`{"object": "permission", "id": %q, "name": "Read invoices", "key": %q,
		"description": "See the organization's invoices", "type": "custom",
		"created_at": 1716883200000, "updated_at": 1716883500000}`, id, key)
}

// roleJSON is a role granting the permissions given as JSON, with a null
// description.
func roleJSON(id, key string, permissions ...string) string {
	return fmt.Sprintf(`{"object": "role", "id": %q, "name": "Billing", "key": %q, "description": null,
		"is_creator_eligible": false, "permissions": [%s],
		"created_at": 1716883200000, "updated_at": 1716883500000}`, id, key, strings.Join(permissions, ","))
}

// roleSetItemJSON is a role as a role set lists it.
func roleSetItemJSON(id, key string) string {
	return fmt.Sprintf(`{"object": "role_set_item", "id": %q, "name": "Role %[2]s", "key": %[2]q,
		"description": null, "members_count": 3, "has_members": true,
		"created_at": 1716883200000, "updated_at": 1716883500000}`, id, key)
}

// roleSetJSON is a role set of an admin and a member role, with a
// migration under way.
func roleSetJSON(id, key string) string {
	admin, member := roleSetItemJSON("role_admin", "org:admin"), roleSetItemJSON("role_member", "org:member")
	return fmt.Sprintf(`{"object": "role_set", "id": %q, "name": "Default", "key": %q,
		"description": "Roles of every organization", "roles": [%s, %s],
		"default_role": %[4]s, "creator_role": %[3]s, "type": "initial",
		"role_set_migration": {"object": "role_set_migration", "id": "rsm_1", "organization_id": null,
			"instance_id": "ins_1", "source_role_set_id": "rs_old", "dest_role_set_id": %[1]q,
			"trigger_type": "role_set_deletion", "status": "in_progress", "migrated_members": 12,
			"mappings": {"org:viewer": "org:member"}, "started_at": 1716883300000, "completed_at": null,
			"created_at": 1716883200000, "updated_at": 1716883400000},
		"created_at": 1716883200000, "updated_at": 1716883500000}`, id, key, admin, member)
}

// domainJSON is a domain of orgID with a verified affiliation and no
// ownership verification yet.
func domainJSON(id, orgID string) string {
	verification := `{"status": "verified", "strategy": "email_code", "attempts": 1, "expire_at": 1716969600000, "verified_at": null}`
	return fmt.Sprintf(`{"object": "organization_domain", "id": %q, "organization_id": %q, "name": "acme.com",
		"enrollment_mode": "automatic_invitation", "affiliation_email_address": "admin@acme.com",
		"affiliation_verification": %[3]s, "ownership_verification": null, "verification": %[3]s,
		"total_pending_invitations": 2, "total_pending_suggestions": 0,
		"public_organization_data": {"id": %[2]q, "name": "Acme Corp", "slug": "acme", "image_url": "https://img.clerk.com/org.png", "has_image": true},
		"created_at": 1716883200000, "updated_at": 1716883500000}`, id, orgID, verification)
}

// domainN, roleN, permissionN and roleSetN are item i of their lists, as
// pageStore items.
func domainN(i int) string { return domainJSON("orgdmn_"+strconv.Itoa(i), "org_1") }

func roleN(i int) string { return roleJSON("role_"+strconv.Itoa(i), "org:role_"+strconv.Itoa(i)) }

func permissionN(i int) string {
	return permissionJSON("perm_"+strconv.Itoa(i), "org:feature_"+strconv.Itoa(i)+":read")
}

func roleSetN(i int) string {
	return fmt.Sprintf(`{"object":"role_set","id":"rs_%d","name":"Set","key":"role_set:set_%[1]d","description":null,
		"roles":[],"type":"custom","created_at":1,"updated_at":2}`, i)
}

// op is one call of a service method against the spec-checking server:
// the route it must reach, the request it must send, and the answer it
// gets (which the server checks against the spec too).
type op struct {
	name   string
	route  string     // the mux pattern, "POST /organization_roles"
	path   string     // the path the request must have, without /v1
	query  url.Values // the query it must send; nil for none
	body   string     // the JSON body it must send; "" for none
	answer string     // the JSON answer
	call   func(ctx context.Context, svc *Service) (any, error)
	check  func(t *testing.T, got any) // optional, on the call's result
}

// runOps runs each op on a server of its own: the request reaches the
// route once, with exactly the path, query and body expected, and the call
// succeeds. The other services of the package are the same view over the
// transport as Service: a call converts svc, as (*RoleService)(svc).
func runOps(t *testing.T, ops []op) {
	t.Helper()
	for _, o := range ops {
		t.Run(o.name, func(t *testing.T) {
			svc, srv := setup(t, spectest.WithResponseValidation())
			srv.Mux.HandleFunc(o.route, func(w http.ResponseWriter, r *http.Request) {
				assert.Equal(t, o.path, r.URL.Path)
				want := o.query
				if want == nil {
					want = url.Values{}
				}
				assert.Equal(t, want, r.URL.Query())
				if body := readBody(r); o.body == "" {
					assert.Empty(t, body)
				} else {
					assert.JSONEq(t, o.body, body)
				}
				spectest.WriteJSON(w, 200, o.answer)
			})
			got, err := o.call(context.Background(), svc)
			require.NoError(t, err)
			method, _, _ := strings.Cut(o.route, " ")
			assert.Equal(t, 1, srv.Count(method, "/v1"+o.path))
			if o.check != nil {
				o.check(t, got)
			}
		})
	}
}

// hasID checks that an op's result is a *T with this ID.
func hasID[T any](id string, idOf func(*T) string) func(t *testing.T, got any) {
	return func(t *testing.T, got any) {
		v, ok := got.(*T)
		if assert.True(t, ok, "result %T", got) && assert.NotNil(t, v) {
			assert.Equal(t, id, idOf(v))
		}
	}
}

// answering is a Service whose server answers every request with a 200 of
// body, or an empty 204 when body is "".
func answering(t *testing.T, body string) *Service {
	svc, srv := setup(t)
	srv.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if body == "" {
			w.WriteHeader(http.StatusNoContent)
		} else {
			spectest.WriteJSON(w, http.StatusOK, body)
		}
	})
	return svc
}
