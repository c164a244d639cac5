//lint:file-ignore SA4006 compile-only contract check: the values are deliberately unused
//lint:file-ignore SA4009 compile-only contract check: the arguments only give the names types

package clerk_test

// The rest of DESIGN.md's Public API, name by name: API keys, M2M tokens,
// token checks, the middleware, jwt and webhooks. contractNames is never
// run; it only has to compile, so that renaming a contract name breaks the
// build of the tests. (contract_test.go runs the service calls.)

import (
	"context"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/apikeys"
	"github.com/go-clerk/clerk/jwt"
	"github.com/go-clerk/clerk/webhooks"
)

var _ = contractNames

func contractNames(ctx context.Context, c *clerk.Client, r *http.Request, h http.Handler, userID, pem string) error {
	c, err := clerk.New("sk_test_x", clerk.WithBaseURL("https://api.clerk.com/v1"), clerk.WithHTTPClient(http.DefaultClient),
		clerk.WithMaxRetries(3), clerk.WithLogger(slog.Default()), clerk.WithRetryWaitMax(time.Second), clerk.WithTimeout(time.Minute),
		clerk.WithUserAgent("x"), clerk.WithPublishableKey("pk_test_x"), clerk.WithJWTKey(pem), clerk.WithAuthorizedParties("https://a.example"))
	if err != nil {
		return err
	}
	c, err = clerk.NewFromEnv()
	if err != nil {
		return err
	}
	defer c.Close()

	k, err := c.APIKeys.Create(ctx, &apikeys.CreateParams{Name: "Production API Key", Subject: userID, Scopes: []string{"users:read"}})
	_ = k.Secret
	_, _ = c.APIKeys.Get(ctx, k.ID)
	_, _ = c.APIKeys.List(ctx, &apikeys.ListParams{Subject: userID})
	for range c.APIKeys.All(ctx, &apikeys.ListParams{Subject: userID}) {
	}
	_, _ = c.APIKeys.Update(ctx, k.ID, &apikeys.UpdateParams{})
	_, _ = c.APIKeys.Revoke(ctx, k.ID, nil)
	_ = c.APIKeys.Delete(ctx, k.ID)
	_, _ = c.APIKeys.Secret(ctx, k.ID)
	_, _ = c.APIKeys.Verify(ctx, "ak_x")
	mt, err := c.M2MTokens.Verify(ctx, "mt_...")
	_, _ = c.M2MTokens.Create(ctx, &apikeys.CreateM2MTokenParams{})
	_, _ = c.M2MTokens.List(ctx, &apikeys.ListM2MTokensParams{})
	for range c.M2MTokens.All(ctx, nil) {
	}
	_, _ = c.M2MTokens.Revoke(ctx, mt.ID, nil)

	a, err := c.VerifyToken(ctx, "token")
	a, err = c.AuthenticateRequest(r)
	var types = []clerk.TokenType{clerk.SessionToken, clerk.APIKeyToken, clerk.M2MToken}
	_, _, _, _, _, _, _, _, _, _ = a.TokenType, a.UserID, a.SessionID, a.OrgID, a.OrgSlug, a.OrgRole, a.OrgPermissions, a.Subject, a.Scopes, a.Claims
	_, _, _ = a.HasRole("org:admin"), a.HasPermission("org:x:y"), a.HasScope("users:read")
	_ = types
	_ = clerk.ErrInvalidToken
	h = c.Middleware()(h)
	h = c.RequireAuth(clerk.PublicRoutes("/", "/sign-in(.*)"))(h)
	h = c.RequireAuth(clerk.AcceptsToken(clerk.SessionToken, clerk.APIKeyToken), clerk.RequirePermission("org:billing:manage"))(h)
	a, ok := clerk.AuthFromContext(r.Context())
	_, _ = a, ok

	v, err := jwt.NewVerifier(jwt.WithPublicKeyPEM(pem), jwt.WithJWKS(nil), jwt.WithJWKSURL(""), jwt.WithSecretKey(""), jwt.WithAPIURL(""),
		jwt.WithPublishableKey(""), jwt.WithIssuer(""), jwt.WithAuthorizedParties(), jwt.WithLeeway(time.Second), jwt.WithAllowPending(),
		jwt.WithClock(time.Now), jwt.WithHTTPClient(http.DefaultClient), jwt.WithCacheSize(0))
	if err != nil {
		return err
	}
	defer v.Close()
	cl, err := v.Verify(ctx, "token")
	_, _, _, _, _, _, _, _, _ = cl.UserID, cl.SessionID, cl.Issuer, cl.AuthorizedParty, cl.IssuedAt, cl.ExpiresAt, cl.NotBefore, cl.Version, cl.Status
	_, _, _, _, _, _, _, _ = cl.OrgID, cl.OrgSlug, cl.OrgRole, cl.OrgPermissions, cl.Features, cl.Plan, cl.Actor, cl.Raw
	_, _ = cl.HasRole("org:admin"), cl.HasPermission("org:billing:manage")
	var custom struct{}
	err = cl.Decode(&custom)
	_ = []error{jwt.ErrTokenExpired, jwt.ErrTokenNotValidYet, jwt.ErrTokenSignatureInvalid, jwt.ErrTokenMalformed, jwt.ErrKeyNotFound,
		jwt.ErrInvalidIssuer, jwt.ErrInvalidAuthorizedParty, jwt.ErrSessionPending, jwt.ErrUnsupportedAlgorithm}

	wh, err := webhooks.NewVerifier(os.Getenv("CLERK_WEBHOOK_SECRET"), webhooks.WithTolerance(time.Minute), webhooks.WithClock(time.Now))
	if err != nil {
		return err
	}
	ev, err := wh.Verify(nil, r.Header)
	_, _, _, _, _, _ = ev.ID, ev.Type, ev.Object, ev.InstanceID, ev.Timestamp, ev.Data
	_, _ = ev.User()
	_, _ = ev.Session()
	_, _ = ev.Organization()
	_, _ = ev.OrganizationMembership()
	_, _ = ev.Deleted()
	http.Handle("/webhooks/clerk", webhooks.Handler(wh, func(ctx context.Context, ev *webhooks.Event) error { return nil }))
	var _ webhooks.EventType = webhooks.UserCreated
	_ = []error{webhooks.ErrInvalidSecret, webhooks.ErrMissingHeader, webhooks.ErrInvalidSignature, webhooks.ErrTimestampOutOfRange, webhooks.ErrPayloadTooLarge}
	return err
}
