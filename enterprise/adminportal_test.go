package enterprise

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

func TestAdminPortalLinkTokens(t *testing.T) {
	svc, srv := setup[AdminPortalService](t)
	var creates, revokes []string
	srv.Mux.HandleFunc("POST /admin_portal_link_tokens", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		creates = append(creates, string(b))
		spectest.WriteJSON(w, 201, linkTokenJSON(linkTokenSecret, false))
	})
	srv.Mux.HandleFunc("POST /admin_portal_link_tokens/{id}/revoke", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "aplt_3beecc9c60adb5f9b850e91a83beecc9", r.PathValue("id"))
		b, _ := io.ReadAll(r.Body)
		revokes = append(revokes, string(b))
		spectest.WriteJSON(w, 200, linkTokenJSON("", true))
	})
	ctx := context.Background()

	tok, err := svc.CreateLinkToken(ctx, &CreateLinkTokenParams{
		OrganizationID: new("org_2xhFjEI5X2qWRvtV13BzSj8H6Dk"), ITContactID: new("it_42"),
		Scopes: []string{"admin_portal:read"}, SecondsUntilExpiration: new(600),
	})
	require.NoError(t, err)
	assert.Equal(t, LinkToken{
		Object: "admin_portal_link_token", ID: "aplt_3beecc9c60adb5f9b850e91a83beecc9",
		AdminPortalLinkID: "apl_3beecc9c60adb5f9b850e91a8d2", InstanceID: "ins_2xhFjEI5X2qWRvtV13BzSj8H6Dk",
		OrganizationID: "org_2xhFjEI5X2qWRvtV13BzSj8H6Dk", Scopes: []string{"admin_portal:read"},
		Token: tok.Token, Expiration: new(ms(1716886800000)),
		CreatedAt: ms(1716883200000), UpdatedAt: ms(1716883200000),
	}, *tok)
	assert.Equal(t, linkTokenSecret, tok.Token.Reveal())

	_, err = svc.CreateLinkToken(ctx, nil)
	require.NoError(t, err)
	assert.JSONEq(t, `{"organization_id":"org_2xhFjEI5X2qWRvtV13BzSj8H6Dk","it_contact_id":"it_42","scopes":["admin_portal:read"],"seconds_until_expiration":600}`, creates[0])
	assert.JSONEq(t, `{}`, creates[1], "nil params send the empty body the endpoint requires")

	revoked, err := svc.RevokeLinkToken(ctx, tok.ID, &RevokeLinkTokenParams{RevocationReason: new("sent to the wrong contact")})
	require.NoError(t, err)
	assert.True(t, revoked.Revoked)
	assert.True(t, revoked.Token.IsZero(), "the revoke answer carries no token")
	_, err = svc.RevokeLinkToken(ctx, tok.ID, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{`{"revocation_reason":"sent to the wrong contact"}`, `{}`}, revokes)

	_, err = svc.RevokeLinkToken(ctx, "", nil)
	assert.True(t, errors.Is(err, internal.ErrInvalidParams), "%v", err)
	assert.Equal(t, 2, srv.Count("POST", "/v1/admin_portal_link_tokens/aplt_3beecc9c60adb5f9b850e91a83beecc9/revoke"))
}
