package organizations

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

func TestCreateInvitation(t *testing.T) {
	tests := []struct {
		name     string
		params   *CreateInvitationParams
		wantBody string
	}{
		{"e-mail and role", &CreateInvitationParams{EmailAddress: "new@example.com", Role: "org:member"},
			`{"email_address":"new@example.com","role":"org:member"}`},
		{
			"every field",
			&CreateInvitationParams{
				EmailAddress: "new@example.com", Role: "org:member", InviterUserID: new("user_admin"),
				PublicMetadata: Metadata{"src": "test"}, PrivateMetadata: Metadata{"ticket": 7},
				RedirectURL: new("https://example.com/welcome"), ExpiresInDays: new(7), Notify: new(false),
			},
			`{"email_address":"new@example.com","role":"org:member","inviter_user_id":"user_admin",
				"public_metadata":{"src":"test"},"private_metadata":{"ticket":7},
				"redirect_url":"https://example.com/welcome","expires_in_days":7,"notify":false}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, srv := setup(t, spectest.WithResponseValidation())
			srv.Mux.HandleFunc("POST /organizations/{organization_id}/invitations", func(w http.ResponseWriter, r *http.Request) {
				assert.JSONEq(t, tt.wantBody, readBody(r))
				spectest.WriteJSON(w, 200, invitationJSON("orginv_1", r.PathValue("organization_id"), InvitationPending))
			})
			inv, err := svc.CreateInvitation(context.Background(), "org_1", tt.params)
			require.NoError(t, err)
			assert.Equal(t, "orginv_1", inv.ID)
			assert.Equal(t, InvitationPending, inv.Status)
			assert.Equal(t, "grace@example.com", inv.PublicInviterData.Identifier)
			assert.Equal(t, ms(1702592000000), *inv.ExpiresAt)
			assert.Equal(t, 1, srv.Count("POST", "/v1/organizations/org_1/invitations"))
		})
	}
}

func TestCreateInvitations(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("POST /organizations/{organization_id}/invitations/bulk", func(w http.ResponseWriter, r *http.Request) {
		assert.JSONEq(t, `[{"email_address":"a@example.com","role":"org:member"},
			{"email_address":"b@example.com","role":"org:admin","notify":false,"inviter_user_id":"user_admin"}]`, readBody(r))
		spectest.WriteJSON(w, 200, `{"data":[`+invitationJSON("orginv_1", "org_1", InvitationPending)+`,`+
			invitationJSON("orginv_2", "org_1", InvitationPending)+`],"total_count":2}`)
	})
	invs, err := svc.CreateInvitations(context.Background(), "org_1", []CreateInvitationParams{
		{EmailAddress: "a@example.com", Role: "org:member"},
		{EmailAddress: "b@example.com", Role: "org:admin", Notify: new(false), InviterUserID: new("user_admin")},
	})
	require.NoError(t, err)
	require.Len(t, invs, 2)
	assert.Equal(t, "orginv_2", invs[1].ID)
	assert.Equal(t, 1, srv.Count("POST", "/v1/organizations/org_1/invitations/bulk"))

	// A null among the invitations is an invalid answer, not a nil item.
	svc, srv = setup(t)
	srv.Mux.HandleFunc("POST /organizations/{organization_id}/invitations/bulk", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteJSON(w, 200, `{"data":[`+invitationJSON("orginv_1", "org_1", InvitationPending)+`,null],"total_count":2}`)
	})
	invs, err = svc.CreateInvitations(context.Background(), "org_1", []CreateInvitationParams{{EmailAddress: "a@example.com", Role: "org:member"}})
	assert.Nil(t, invs)
	assert.ErrorIs(t, err, internal.ErrInvalidResponse)
}

func TestListInvitations(t *testing.T) {
	tests := []struct {
		name      string
		params    *ListInvitationsParams
		wantQuery url.Values
	}{
		{"nil params", nil, url.Values{}},
		{"every filter", &ListInvitationsParams{Status: new(InvitationRevoked), EmailAddress: new("a@b.co"), OrderBy: new("email_address"), Limit: new(5), Offset: new(10)},
			url.Values{"status": {"revoked"}, "email_address": {"a@b.co"}, "order_by": {"email_address"}, "limit": {"5"}, "offset": {"10"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, srv := setup(t, spectest.WithResponseValidation())
			srv.Mux.HandleFunc("GET /organizations/{organization_id}/invitations", func(w http.ResponseWriter, r *http.Request) {
				assert.Equal(t, tt.wantQuery, r.URL.Query())
				spectest.WriteJSON(w, 200, `{"data":[`+invitationJSON("orginv_1", "org_1", InvitationRevoked)+`],"total_count":31}`)
			})
			page, err := svc.ListInvitations(context.Background(), "org_1", tt.params)
			require.NoError(t, err)
			assert.Equal(t, int64(31), page.TotalCount)
			assert.Equal(t, InvitationRevoked, page.Data[0].Status)
		})
	}
}

func TestAllInvitations(t *testing.T) {
	svc, srv := setup(t)
	store := newPageStore(1100, invitationN)
	srv.Mux.Handle("GET /organizations/{organization_id}/invitations", store)
	params := &ListInvitationsParams{Status: new(InvitationPending)}
	n := 0
	for inv, err := range svc.AllInvitations(context.Background(), "org_1", params) {
		require.NoError(t, err)
		assert.Equal(t, "orginv_"+strconv.Itoa(n), inv.ID)
		n++
	}
	assert.Equal(t, 1100, n)
	assert.Equal(t, []string{"500@0", "500@500", "500@1000"}, store.pages)
	assert.Equal(t, &ListInvitationsParams{Status: new(InvitationPending)}, params)
}

func TestGetInvitation(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("GET /organizations/{organization_id}/invitations/{invitation_id}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("invitation_id") != "orginv_1" {
			spectest.WriteError(w, 404, "resource_not_found")
			return
		}
		spectest.WriteJSON(w, 200, invitationJSON("orginv_1", r.PathValue("organization_id"), InvitationAccepted))
	})
	inv, err := svc.GetInvitation(context.Background(), "org_1", "orginv_1")
	require.NoError(t, err)
	assert.Equal(t, InvitationAccepted, inv.Status)
	assert.Equal(t, "org_1", inv.OrganizationID)
	_, err = svc.GetInvitation(context.Background(), "org_1", "orginv_2")
	assert.ErrorIs(t, err, internal.ErrNotFound)
}

func TestRevokeInvitation(t *testing.T) {
	tests := []struct {
		name     string
		params   *RevokeInvitationParams
		wantBody string
	}{
		{"nil params send no body", nil, ""},
		{"requesting user", &RevokeInvitationParams{RequestingUserID: new("user_admin")}, `{"requesting_user_id":"user_admin"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, srv := setup(t, spectest.WithResponseValidation())
			srv.Mux.HandleFunc("POST /organizations/{organization_id}/invitations/{invitation_id}/revoke", func(w http.ResponseWriter, r *http.Request) {
				body := readBody(r)
				if tt.wantBody == "" {
					assert.Equal(t, "", body)
				} else {
					assert.JSONEq(t, tt.wantBody, body)
				}
				spectest.WriteJSON(w, 200, invitationJSON(r.PathValue("invitation_id"), r.PathValue("organization_id"), InvitationRevoked))
			})
			inv, err := svc.RevokeInvitation(context.Background(), "org_1", "orginv_1", tt.params)
			require.NoError(t, err)
			assert.Equal(t, InvitationRevoked, inv.Status)
			assert.Equal(t, 1, srv.Count("POST", "/v1/organizations/org_1/invitations/orginv_1/revoke"))
		})
	}
}

func TestInstanceInvitations(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("GET /organization_invitations", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, url.Values{"status": {"pending"}, "query": {"example.com"}, "order_by": {"-created_at"}, "limit": {"2"}}, r.URL.Query())
		newPageStore(2, instanceInvitationN).ServeHTTP(w, r)
	})
	page, err := svc.ListInstanceInvitations(context.Background(), &ListInstanceInvitationsParams{
		Status: new(InvitationPending), Query: new("example.com"), OrderBy: new("-created_at"), Limit: new(2),
	})
	require.NoError(t, err)
	assert.Equal(t, int64(2), page.TotalCount)
	assert.Equal(t, "new@example.com", page.Data[1].EmailAddress)
	assert.Equal(t, "Acme Corp", page.Data[1].PublicOrganizationData.Name)
	assert.Equal(t, ms(1700000000000), page.Data[1].CreatedAt)

	svc, srv = setup(t)
	store := newPageStore(777, instanceInvitationN)
	srv.Mux.Handle("GET /organization_invitations", store)
	n := 0
	for inv, err := range svc.AllInstanceInvitations(context.Background(), &ListInstanceInvitationsParams{Limit: new(300)}) {
		require.NoError(t, err)
		assert.Equal(t, "acme", inv.PublicOrganizationData.Slug)
		n++
	}
	assert.Equal(t, 777, n)
	assert.Equal(t, []string{"300@0", "300@300", "300@600"}, store.pages)
}
