package organizations

import (
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/go-clerk/clerk/internal/spectest"
)

// setup returns a Service whose transport talks to a spec-checking server.
func setup(t *testing.T, opts ...spectest.Option) (*Service, *spectest.Server) {
	t.Helper()
	core, srv := spectest.NewClient(t, opts...)
	return New(core), srv
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// readBody reads a request body (the spec server has already checked it).
func readBody(r *http.Request) string {
	b, _ := io.ReadAll(r.Body)
	return string(b)
}

func ptr[T any](v T) *T { return &v }

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
		MembersCount: ptr(3), MissingMemberWithElevatedPermissions: ptr(false), PendingInvitationsCount: ptr(1),
		MaxAllowedMemberships: 50, AdminDeleteEnabled: true,
		PublicMetadata: Metadata{"plan": "pro"}, PrivateMetadata: Metadata{"crm_id": float64(42)},
		CreatedBy: "user_creator", CreatedAt: ms(1700000000000), UpdatedAt: ms(1700000001000),
		LastActiveAt: ptr(ms(1700000002000)), RoleSetKey: "default",
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
