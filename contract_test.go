package clerk_test

// The Public API section of ../shared/DESIGN.md is a contract: this file
// uses every name it gives, so that a rename breaks the build of the tests.
// Each block below keeps to the snippet lines of one package, so that
// engineers extending it for other packages can add their own blocks.
// The calls run against a spec-checking server that answers spec-valid
// fixtures, so they also prove the requests and the decoding.

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/internal/spectest"
	"github.com/go-clerk/clerk/organizations"
	"github.com/go-clerk/clerk/sessions"
	"github.com/go-clerk/clerk/users"
)

// contractClient is a Client wired to a spec-checking server that also
// checks the fixtures the handlers answer.
func contractClient(t *testing.T) (*clerk.Client, *spectest.Server) {
	t.Helper()
	srv := spectest.NewServer(t, spectest.WithResponseValidation())
	c, err := clerk.New("sk_test_contractcontractcontract", clerk.WithBaseURL(srv.URL), clerk.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c, srv
}

// answer registers a handler that writes a fixed JSON answer, after check
// (may be nil) has looked at the request and its decoded JSON body.
func answer(t *testing.T, srv *spectest.Server, pattern, body string, check func(r *http.Request, b map[string]any)) {
	srv.Mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		var m map[string]any
		if raw, _ := io.ReadAll(r.Body); len(raw) > 0 && raw[0] == '{' {
			if err := json.Unmarshal(raw, &m); err != nil {
				t.Errorf("%s: body %q: %v", pattern, raw, err)
			}
		}
		if check != nil {
			check(r, m)
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, body)
	})
}

func wantEq(t *testing.T, what string, got, want any) {
	t.Helper()
	gb, _ := json.Marshal(got)
	wb, _ := json.Marshal(want)
	if string(gb) != string(wb) {
		t.Errorf("%s = %s, want %s", what, gb, wb)
	}
}

const contractUser = `{"id":"user_123","object":"user","external_id":null,"primary_email_address_id":"idn_1",
	"primary_phone_number_id":null,"primary_web3_wallet_id":null,"username":null,"first_name":"John","last_name":null,
	"has_image":false,"public_metadata":{"role":"member"},
	"email_addresses":[{"id":"idn_1","object":"email_address","email_address":"a@b.co","reserved":false,
		"verification":null,"linked_to":[],"created_at":1700000000000,"updated_at":1700000000000}],
	"phone_numbers":[],"web3_wallets":[],"passkeys":[],"password_enabled":true,"two_factor_enabled":false,
	"totp_enabled":false,"backup_code_enabled":false,"mfa_enabled_at":null,"mfa_disabled_at":null,
	"external_accounts":[],"saml_accounts":[],"enterprise_accounts":[],"last_sign_in_at":null,"banned":false,
	"locked":false,"lockout_expires_in_seconds":null,"verification_attempts_remaining":null,
	"created_at":1700000000000,"updated_at":1700000000000,"delete_self_enabled":true,
	"create_organization_enabled":true,"last_active_at":null,"legal_accepted_at":null}`

func TestContractUsers(t *testing.T) {
	c, srv := contractClient(t)
	ctx := context.Background()
	answer(t, srv, "GET /users/{user_id}", contractUser, nil)
	answer(t, srv, "GET /users", "["+contractUser+"]", func(r *http.Request, _ map[string]any) {
		q := r.URL.Query()
		if q.Get("limit") == "10" {
			wantEq(t, "order_by", q.Get("order_by"), "-created_at")
			return
		}
		wantEq(t, "All's email_address", q["email_address"], []string{"a@b.co"})
	})
	answer(t, srv, "GET /users/count", `{"object":"total_count","total_count":1}`, nil)
	answer(t, srv, "POST /users", contractUser, func(_ *http.Request, b map[string]any) {
		wantEq(t, "create body", b, map[string]any{"email_address": []any{"a@b.co"}, "password": "...",
			"first_name": "John", "public_metadata": map[string]any{"role": "member"}})
	})
	answer(t, srv, "PATCH /users/{user_id}", contractUser, func(_ *http.Request, b map[string]any) {
		wantEq(t, "update body", b, map[string]any{"first_name": "Jane"})
	})
	answer(t, srv, "PATCH /users/{user_id}/metadata", contractUser, func(_ *http.Request, b map[string]any) {
		wantEq(t, "merge body", b, map[string]any{"public_metadata": map[string]any{"role": "admin"}})
	})
	answer(t, srv, "PUT /users/{user_id}/metadata", contractUser, func(_ *http.Request, b map[string]any) {
		wantEq(t, "replace body", b, map[string]any{"private_metadata": map[string]any{}})
	})
	answer(t, srv, "DELETE /users/{user_id}", `{"object":"user","id":"user_123","deleted":true}`, nil)

	// The DESIGN.md lines, as written there.
	u, err := c.Users.Get(ctx, "user_123")
	if err != nil {
		t.Fatal(err)
	}
	wantEq(t, "u.EmailAddresses[0].EmailAddress", u.EmailAddresses[0].EmailAddress, "a@b.co")
	page, err := c.Users.List(ctx, &users.ListParams{Limit: clerk.Int(10), OrderBy: clerk.String("-created_at")})
	if err != nil {
		t.Fatal(err)
	}
	wantEq(t, "page.Data[0].ID", page.Data[0].ID, "user_123")
	for u, err := range c.Users.All(ctx, &users.ListParams{EmailAddresses: []string{"a@b.co"}}) {
		if err != nil {
			t.Fatal(err)
		}
		wantEq(t, "All's user", u.ID, "user_123")
	}
	n, err := c.Users.Count(ctx, nil)
	if err != nil || n != 1 {
		t.Fatalf("Count = %d, %v", n, err)
	}
	u, err = c.Users.Create(ctx, &users.CreateParams{EmailAddresses: []string{"a@b.co"}, Password: clerk.String("..."),
		FirstName: clerk.String("John"), PublicMetadata: clerk.Metadata{"role": "member"}})
	if err != nil {
		t.Fatal(err)
	}
	id := u.ID
	u, err = c.Users.Update(ctx, id, &users.UpdateParams{FirstName: clerk.String("Jane")})
	if err != nil || u.ID != id {
		t.Fatalf("Update = %+v, %v", u, err)
	}
	u, err = c.Users.UpdateMetadata(ctx, id, &users.MetadataParams{Public: clerk.Metadata{"role": "admin"}}) // deep merge
	if err != nil || u.ID != id {
		t.Fatalf("UpdateMetadata = %+v, %v", u, err)
	}
	u, err = c.Users.ReplaceMetadata(ctx, id, &users.MetadataParams{Private: clerk.Metadata{}}) // replace
	if err != nil {
		t.Fatal(err)
	}
	wantEq(t, "u.PublicMetadata", u.PublicMetadata, clerk.Metadata{"role": "member"})
	err = c.Users.Delete(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
}

const contractSession = `{"object":"session","id":"sess_123","user_id":"user_123","client_id":"client_1",
	"status":"%s","last_active_at":1700000000000,"expire_at":1700600000000,"abandon_at":1702600000000,
	"updated_at":1700000000000,"created_at":1700000000000}`

func TestContractSessions(t *testing.T) {
	c, srv := contractClient(t)
	ctx := context.Background()
	active := fmt.Sprintf(contractSession, "active")
	answer(t, srv, "GET /sessions/{session_id}", active, nil)
	answer(t, srv, "GET /sessions", "["+active+"]", func(r *http.Request, _ map[string]any) {
		q := r.URL.Query()
		wantEq(t, "filters", []string{q.Get("user_id"), q.Get("client_id"), q.Get("status")}, []string{"user_123", "client_1", "active"})
	})
	answer(t, srv, "POST /sessions/{session_id}/revoke", fmt.Sprintf(contractSession, "revoked"), nil)
	answer(t, srv, "POST /sessions/{session_id}/tokens", `{"object":"token","jwt":"eyJ.session.sig"}`, nil)
	answer(t, srv, "POST /sessions/{session_id}/tokens/{template_name}", `{"object":"token","jwt":"eyJ.template.sig"}`,
		func(r *http.Request, b map[string]any) {
			wantEq(t, "template", r.PathValue("template_name"), "hasura")
			wantEq(t, "template body", b, map[string]any{"expires_in_seconds": 60})
		})

	s, err := c.Sessions.Get(ctx, "sess_123")
	if err != nil {
		t.Fatal(err)
	}
	params := &sessions.ListParams{UserID: clerk.String("user_123"), ClientID: clerk.String("client_1"), Status: statusPtr(sessions.StatusActive)}
	page, err := c.Sessions.List(ctx, params)
	if err != nil || page.Data[0].ID != s.ID {
		t.Fatalf("List = %+v, %v", page, err)
	}
	for s, err := range c.Sessions.All(ctx, params) {
		if err != nil {
			t.Fatal(err)
		}
		wantEq(t, "All's session", s.ID, "sess_123")
	}
	s, err = c.Sessions.Revoke(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	wantEq(t, "revoked status", s.Status, sessions.StatusRevoked)
	tok, err := c.Sessions.CreateToken(ctx, "sess_123", nil) // a session JWT
	if err != nil {
		t.Fatal(err)
	}
	wantEq(t, "tok.JWT", tok.JWT.Reveal(), "eyJ.session.sig")
	tok, err = c.Sessions.CreateTokenFromTemplate(ctx, "sess_123", "hasura", &sessions.CreateTokenParams{ExpiresInSeconds: clerk.Int(60)}) // a JWT-template token with its own params
	if err != nil {
		t.Fatal(err)
	}
	wantEq(t, "template tok.JWT", tok.JWT.Reveal(), "eyJ.template.sig")
}

func statusPtr(s sessions.Status) *sessions.Status { return &s }

const contractOrg = `{"object":"organization","id":"org_1","name":"Acme Corp","slug":"acme-corp","has_image":false,
	"max_allowed_memberships":0,"admin_delete_enabled":true,"public_metadata":{},"created_by":"user_123",
	"created_at":1700000000000,"updated_at":1700000000000}`

const contractMembership = `{"object":"organization_membership","id":"orgmem_1","role":"org:member","permissions":[],
	"public_metadata":{},"organization":` + contractOrg + `,
	"public_user_data":{"user_id":"user_123","first_name":"John","last_name":null,"profile_image_url":null,
		"image_url":"https://img.clerk.com/u","has_image":false,"identifier":"a@b.co"},
	"created_at":1700000000000,"updated_at":1700000000000}`

const contractInvitation = `{"object":"organization_invitation","id":"orginv_1","email_address":"new@b.co",
	"role":"org:member","role_name":"Member","organization_id":"org_1","inviter_id":null,"public_inviter_data":null,
	"status":"%s","public_metadata":{},"url":null,"expires_at":null,"created_at":1700000000000,"updated_at":1700000000000}`

func TestContractOrganizations(t *testing.T) {
	c, srv := contractClient(t)
	ctx := context.Background()
	userID := "user_123"
	answer(t, srv, "POST /organizations", contractOrg, func(_ *http.Request, b map[string]any) {
		wantEq(t, "create body", b, map[string]any{"name": "Acme Corp", "slug": "acme-corp", "created_by": "user_123"})
	})
	answer(t, srv, "GET /organizations/{organization_id}", contractOrg, func(r *http.Request, _ map[string]any) {
		wantEq(t, "Get by slug", r.PathValue("organization_id"), "acme-corp")
	})
	answer(t, srv, "GET /organizations", `{"data":[`+contractOrg+`],"total_count":1}`, nil)
	answer(t, srv, "PATCH /organizations/{organization_id}", contractOrg, func(_ *http.Request, b map[string]any) {
		wantEq(t, "update body", b, map[string]any{"name": "Acme Inc"})
	})
	answer(t, srv, "PATCH /organizations/{organization_id}/metadata", contractOrg, nil)
	answer(t, srv, "PUT /organizations/{organization_id}/metadata", contractOrg, nil)
	answer(t, srv, "DELETE /organizations/{organization_id}", `{"object":"organization","id":"org_1","deleted":true}`, nil)
	answer(t, srv, "POST /organizations/{organization_id}/memberships", contractMembership, func(_ *http.Request, b map[string]any) {
		wantEq(t, "membership body", b, map[string]any{"user_id": "user_123", "role": "org:member"})
	})
	answer(t, srv, "GET /organizations/{organization_id}/memberships", `{"data":[`+contractMembership+`],"total_count":1}`, nil)
	answer(t, srv, "PATCH /organizations/{organization_id}/memberships/{user_id}", contractMembership, func(_ *http.Request, b map[string]any) {
		wantEq(t, "role body", b, map[string]any{"role": "org:admin"})
	})
	answer(t, srv, "DELETE /organizations/{organization_id}/memberships/{user_id}", contractMembership, nil)
	pending := fmt.Sprintf(contractInvitation, "pending")
	answer(t, srv, "POST /organizations/{organization_id}/invitations", pending, func(_ *http.Request, b map[string]any) {
		wantEq(t, "invitation body", b, map[string]any{"email_address": "new@b.co", "role": "org:member"})
	})
	answer(t, srv, "GET /organizations/{organization_id}/invitations", `{"data":[`+pending+`],"total_count":1}`, nil)
	answer(t, srv, "POST /organizations/{organization_id}/invitations/{invitation_id}/revoke", fmt.Sprintf(contractInvitation, "revoked"), nil)

	o, err := c.Organizations.Create(ctx, &organizations.CreateParams{Name: "Acme Corp", Slug: clerk.String("acme-corp"), CreatedBy: clerk.String(userID)})
	if err != nil {
		t.Fatal(err)
	}
	orgID := o.ID
	m, err := c.Organizations.CreateMembership(ctx, orgID, &organizations.CreateMembershipParams{UserID: userID, Role: "org:member"})
	if err != nil {
		t.Fatal(err)
	}
	wantEq(t, "m.Organization.ID", m.Organization.ID, orgID)
	for m, err := range c.Organizations.AllMemberships(ctx, orgID, nil) {
		if err != nil {
			t.Fatal(err)
		}
		wantEq(t, "identifier and role", []string{m.PublicUserData.Identifier, m.Role}, []string{"a@b.co", "org:member"})
	}

	// "Organizations also: ..."
	if o, err = c.Organizations.Get(ctx, "acme-corp", nil); err != nil || o.Slug != "acme-corp" {
		t.Fatalf("Get by slug = %+v, %v", o, err)
	}
	if page, err := c.Organizations.List(ctx, nil); err != nil || page.TotalCount != 1 {
		t.Fatalf("List = %+v, %v", page, err)
	}
	for o, err := range c.Organizations.All(ctx, nil) {
		if err != nil || o.ID != orgID {
			t.Fatalf("All = %+v, %v", o, err)
		}
	}
	if _, err = c.Organizations.Update(ctx, orgID, &organizations.UpdateParams{Name: clerk.String("Acme Inc")}); err != nil {
		t.Fatal(err)
	}
	if _, err = c.Organizations.UpdateMetadata(ctx, orgID, &organizations.MetadataParams{Public: clerk.Metadata{"plan": "pro"}}); err != nil {
		t.Fatal(err)
	}
	if _, err = c.Organizations.ReplaceMetadata(ctx, orgID, &organizations.MetadataParams{Private: clerk.Metadata{}}); err != nil {
		t.Fatal(err)
	}
	if page, err := c.Organizations.ListMemberships(ctx, orgID, nil); err != nil || page.Data[0].PublicUserData.UserID != userID {
		t.Fatalf("ListMemberships = %+v, %v", page, err)
	}
	if m, err = c.Organizations.UpdateMembership(ctx, orgID, userID, &organizations.UpdateMembershipParams{Role: "org:admin"}); err != nil || m.ID == "" {
		t.Fatalf("UpdateMembership = %+v, %v", m, err)
	}
	if err = c.Organizations.DeleteMembership(ctx, orgID, userID); err != nil {
		t.Fatal(err)
	}
	inv, err := c.Organizations.CreateInvitation(ctx, orgID, &organizations.CreateInvitationParams{EmailAddress: "new@b.co", Role: "org:member"})
	if err != nil {
		t.Fatal(err)
	}
	if page, err := c.Organizations.ListInvitations(ctx, orgID, nil); err != nil || page.Data[0].ID != inv.ID {
		t.Fatalf("ListInvitations = %+v, %v", page, err)
	}
	for i, err := range c.Organizations.AllInvitations(ctx, orgID, nil) {
		if err != nil || i.ID != inv.ID {
			t.Fatalf("AllInvitations = %+v, %v", i, err)
		}
	}
	if inv, err = c.Organizations.RevokeInvitation(ctx, orgID, inv.ID, nil); err != nil || inv.Status != organizations.InvitationRevoked {
		t.Fatalf("RevokeInvitation = %+v, %v", inv, err)
	}
	if err = c.Organizations.Delete(ctx, orgID); err != nil {
		t.Fatal(err)
	}
}
