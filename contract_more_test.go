package clerk_test

// The rest of DESIGN.md's Public API, name by name: API keys, M2M tokens,
// token checks, the middleware, jwt and webhooks. Like contract_test.go, it
// both compiles every name (a rename breaks the build of the tests) and runs
// every call, against a spec-checking server that answers spec-valid
// fixtures, checking what comes back.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/apikeys"
	"github.com/go-clerk/clerk/jwt"
	"github.com/go-clerk/clerk/webhooks"
)

const contractAPIKey = `{"object":"api_key","id":"ak_0123456789abcdef0123456789abcdef","type":"api_key",
	"subject":"user_2xhFjEI5X2qWRvtV13BzSj8H6Dk","name":"Production API Key","description":null,"claims":null,"scopes":["users:read"],
	"revoked":%t,"revocation_reason":null,"expired":false,"expiration":null,"created_by":"user_2xhFjEI5X2qWRvtV13BzSj8H6Dk",
	"last_used_at":null,"created_at":1700000000000,"updated_at":1700000000000%s}`

const contractM2M = `{"object":"machine_to_machine_token","id":"mt_0123456789abcdef0123456789abcdef",
	"subject":"mch_2xhFjEI5X2qWRvtV13BzSj8H6Dk","claims":null,"scopes":["mch_2yGkLpQ7Y3rXSwtU24CzTk9I7Em"],"revoked":%t,"revocation_reason":null,"expired":false,
	"expiration":null,"last_used_at":null,"created_at":1700000000000,"updated_at":1700000000000%s}`

func TestContractClientAndAPIKeys(t *testing.T) {
	_, srv := contractClient(t)
	ctx := context.Background()
	userID := "user_2xhFjEI5X2qWRvtV13BzSj8H6Dk"
	pem := clerk.PublicKeyPEM()

	// "c, err := clerk.New(secretKey, clerk.WithBaseURL(url), ...)" with every
	// client option, and NewFromEnv.
	c, err := clerk.New("sk_test_contractcontractcontract", clerk.WithBaseURL(srv.URL), clerk.WithHTTPClient(http.DefaultClient),
		clerk.WithMaxRetries(3), clerk.WithLogger(slog.New(slog.DiscardHandler)), clerk.WithRetryWaitMax(time.Second),
		clerk.WithTimeout(time.Minute), clerk.WithUserAgent("x"), clerk.WithPublishableKey("pk_test_Y2xlcmsuZXhhbXBsZS5jb20k"),
		clerk.WithJWTKey(pem), clerk.WithAuthorizedParties("https://app.example.com"))
	if err != nil {
		t.Fatal(err)
	}
	wantEq(t, "New's BaseURL", c.BaseURL(), srv.URL)
	_ = c.Close()
	t.Setenv("CLERK_SECRET_KEY", "sk_test_contractcontractcontract")
	t.Setenv("CLERK_API_URL", srv.URL)
	c, err = clerk.NewFromEnv(clerk.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	wantEq(t, "NewFromEnv's BaseURL", c.BaseURL(), srv.URL)

	key := fmt.Sprintf(contractAPIKey, false, `,"secret":"ak_live_secret"`)
	answer(t, srv, "POST /api_keys", key, func(_ *http.Request, b map[string]any) {
		wantEq(t, "create body", b, map[string]any{"name": "Production API Key", "subject": userID, "scopes": []any{"users:read"}})
	})
	answer(t, srv, "GET /api_keys/{id}", fmt.Sprintf(contractAPIKey, false, ""), nil)
	answer(t, srv, "GET /api_keys", `{"data":[`+fmt.Sprintf(contractAPIKey, false, "")+`],"total_count":1}`, func(r *http.Request, _ map[string]any) {
		wantEq(t, "list subject", r.URL.Query().Get("subject"), userID)
	})
	answer(t, srv, "PATCH /api_keys/{id}", fmt.Sprintf(contractAPIKey, false, ""), nil)
	answer(t, srv, "POST /api_keys/{id}/revoke", fmt.Sprintf(contractAPIKey, true, ""), nil)
	answer(t, srv, "DELETE /api_keys/{id}", `{"object":"api_key","id":"ak_0123456789abcdef0123456789abcdef","deleted":true}`, nil)
	answer(t, srv, "GET /api_keys/{id}/secret", `{"secret":"ak_live_secret"}`, nil)
	answer(t, srv, "POST /api_keys/verify", fmt.Sprintf(contractAPIKey, false, ""), nil)
	answer(t, srv, "POST /m2m_tokens/verify", fmt.Sprintf(contractM2M, false, ""), nil)
	srv.Mux.HandleFunc("POST /m2m_tokens", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		_, _ = fmt.Fprintf(w, contractM2M, false, `,"token":"mt_secret"`)
	})
	answer(t, srv, "GET /m2m_tokens", `{"m2m_tokens":[`+fmt.Sprintf(contractM2M, false, "")+`],"total_count":1}`, nil)
	answer(t, srv, "POST /m2m_tokens/{id}/revoke", fmt.Sprintf(contractM2M, true, ""), nil)

	k, err := c.APIKeys.Create(ctx, &apikeys.CreateParams{Name: "Production API Key", Subject: userID, Scopes: []string{"users:read"}})
	if err != nil {
		t.Fatal(err)
	}
	wantEq(t, "k.Secret", k.Secret.Reveal(), "ak_live_secret")
	if g, err := c.APIKeys.Get(ctx, k.ID); err != nil || g.ID != k.ID {
		t.Errorf("Get = %+v, %v", g, err)
	}
	if page, err := c.APIKeys.List(ctx, &apikeys.ListParams{Subject: userID}); err != nil || len(page.Data) != 1 {
		t.Errorf("List = %+v, %v", page, err)
	}
	n := 0
	for k2, err := range c.APIKeys.All(ctx, &apikeys.ListParams{Subject: userID}) {
		if err != nil || k2.ID != k.ID {
			t.Fatalf("All = %+v, %v", k2, err)
		}
		n++
	}
	wantEq(t, "All's count", n, 1)
	if _, err := c.APIKeys.Update(ctx, k.ID, &apikeys.UpdateParams{}); err != nil {
		t.Error(err)
	}
	if r, err := c.APIKeys.Revoke(ctx, k.ID, nil); err != nil || !r.Revoked {
		t.Errorf("Revoke = %+v, %v", r, err)
	}
	if err := c.APIKeys.Delete(ctx, k.ID); err != nil {
		t.Error(err)
	}
	if s, err := c.APIKeys.Secret(ctx, k.ID); err != nil || s.Reveal() != "ak_live_secret" {
		t.Errorf("Secret = %q, %v", s, err)
	}
	if v, err := c.APIKeys.Verify(ctx, "ak_x"); err != nil || v.Subject != userID {
		t.Errorf("APIKeys.Verify = %+v, %v", v, err)
	}
	mt, err := c.M2MTokens.Verify(ctx, "mt_...")
	if err != nil || mt.Subject != "mch_2xhFjEI5X2qWRvtV13BzSj8H6Dk" {
		t.Fatalf("M2MTokens.Verify = %+v, %v", mt, err)
	}
	if m, err := c.M2MTokens.Create(ctx, &apikeys.CreateM2MTokenParams{MachineSecretKey: apikeys.NewSecret("ak_machine_secret")}); err != nil || m.Token.Reveal() != "mt_secret" {
		t.Errorf("M2MTokens.Create = %+v, %v", m, err)
	}
	if page, err := c.M2MTokens.List(ctx, &apikeys.ListM2MTokensParams{Subject: "mch_2xhFjEI5X2qWRvtV13BzSj8H6Dk"}); err != nil || len(page.Data) != 1 {
		t.Errorf("M2MTokens.List = %+v, %v", page, err)
	}
	for m, err := range c.M2MTokens.All(ctx, &apikeys.ListM2MTokensParams{Subject: "mch_2xhFjEI5X2qWRvtV13BzSj8H6Dk"}) {
		if err != nil || m.ID != mt.ID {
			t.Fatalf("M2MTokens.All = %+v, %v", m, err)
		}
	}
	if r, err := c.M2MTokens.Revoke(ctx, mt.ID, nil); err != nil || !r.Revoked {
		t.Errorf("M2MTokens.Revoke = %+v, %v", r, err)
	}
}

func TestContractTokenChecks(t *testing.T) {
	ctx := context.Background()
	at := time.Now()
	tok := clerk.MintSessionToken(t, at, map[string]any{
		"fea": "o:billing", "o": map[string]any{"id": "org_1", "slg": "acme", "rol": "admin", "per": "manage", "fpm": "1"}})
	c, err := clerk.New("sk_test_contractcontractcontract", clerk.WithJWTKey(clerk.PublicKeyPEM()))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()

	// "a, err := c.VerifyToken(ctx, token)"
	a, err := c.VerifyToken(ctx, tok)
	if err != nil {
		t.Fatal(err)
	}
	types := []clerk.TokenType{clerk.SessionToken, clerk.APIKeyToken, clerk.M2MToken}
	wantEq(t, "Auth", []any{a.TokenType, a.UserID, a.SessionID, a.OrgID, a.OrgSlug, a.OrgRole, a.OrgPermissions, a.Subject, a.Scopes, a.Claims != nil},
		[]any{types[0], "user_1", "sess_1", "org_1", "acme", "org:admin", []string{"org:billing:manage"}, "user_1", nil, true})
	wantEq(t, "HasRole, HasPermission, HasScope", []bool{a.HasRole("org:admin"), a.HasPermission("org:billing:manage"), a.HasScope("users:read")},
		[]bool{true, true, false})
	if _, err := c.VerifyToken(ctx, "token"); !errors.Is(err, clerk.ErrInvalidToken) {
		t.Errorf("VerifyToken(garbage) = %v, want ErrInvalidToken", err)
	}

	// "a, err := c.AuthenticateRequest(r)"
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("Authorization", "Bearer "+tok)
	if a, err = c.AuthenticateRequest(r); err != nil || a.UserID != "user_1" {
		t.Errorf("AuthenticateRequest = %+v, %v", a, err)
	}

	// The middleware lines, run: Middleware, RequireAuth with PublicRoutes,
	// with AcceptsToken and RequirePermission, AuthFromContext.
	var h http.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, ok := clerk.AuthFromContext(r.Context())
		if ok {
			_, _ = io.WriteString(w, a.UserID)
		}
	})
	for _, tt := range []struct {
		mw           func(http.Handler) http.Handler
		path, bearer string
		status       int
		body         string
	}{
		{c.Middleware(), "/", "", 200, ""},
		{c.Middleware(), "/", tok, 200, "user_1"},
		{c.RequireAuth(clerk.PublicRoutes("/", "/sign-in(.*)")), "/sign-in/x", "", 200, ""},
		{c.RequireAuth(clerk.PublicRoutes("/", "/sign-in(.*)")), "/admin", "", 401, ""},
		{c.RequireAuth(clerk.AcceptsToken(clerk.SessionToken, clerk.APIKeyToken), clerk.RequirePermission("org:billing:manage")), "/admin", tok, 200, "user_1"},
	} {
		r := httptest.NewRequest("GET", tt.path, nil)
		if tt.bearer != "" {
			r.Header.Set("Authorization", "Bearer "+tt.bearer)
		}
		w := httptest.NewRecorder()
		tt.mw(h).ServeHTTP(w, r)
		if w.Code != tt.status || (tt.status == 200 && w.Body.String() != tt.body) {
			t.Errorf("GET %s: %d %q, want %d %q", tt.path, w.Code, w.Body, tt.status, tt.body)
		}
	}

	// "v, err := jwt.NewVerifier(...)" with every option.
	v, err := jwt.NewVerifier(jwt.WithPublicKeyPEM(clerk.PublicKeyPEM()), jwt.WithJWKS(nil), jwt.WithJWKSURL(""), jwt.WithSecretKey(""), jwt.WithAPIURL(""),
		jwt.WithPublishableKey(""), jwt.WithIssuer(""), jwt.WithAuthorizedParties(), jwt.WithLeeway(time.Second), jwt.WithAllowPending(),
		jwt.WithClock(func() time.Time { return at }), jwt.WithHTTPClient(http.DefaultClient), jwt.WithCacheSize(0))
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	cl, err := v.Verify(ctx, tok)
	if err != nil {
		t.Fatal(err)
	}
	wantEq(t, "Claims", []any{cl.UserID, cl.SessionID, cl.Issuer, cl.AuthorizedParty, cl.IssuedAt.Unix(), cl.ExpiresAt.Unix(), cl.NotBefore.Unix(), cl.Version, cl.Status},
		[]any{"user_1", "sess_1", "https://clerk.example.com", "https://app.example.com", at.Unix(), at.Unix() + 60, at.Unix() - 10, 2, ""})
	wantEq(t, "org claims", []any{cl.OrgID, cl.OrgSlug, cl.OrgRole, cl.OrgPermissions, cl.Features, cl.Plan, cl.Actor == nil, len(cl.Raw) > 0},
		[]any{"org_1", "acme", "org:admin", []string{"org:billing:manage"}, []string{"o:billing"}, "", true, true})
	wantEq(t, "Claims checks", []bool{cl.HasRole("org:admin"), cl.HasPermission("org:billing:manage")}, []bool{true, true})
	var custom struct {
		Sid string `json:"sid"`
	}
	if err := cl.Decode(&custom); err != nil || custom.Sid != "sess_1" {
		t.Errorf("Decode = %+v, %v", custom, err)
	}
	expired := clerk.MintSessionToken(t, at.Add(-time.Hour), nil)
	_, err = v.Verify(ctx, expired)
	sentinels := []error{jwt.ErrTokenExpired, jwt.ErrTokenNotValidYet, jwt.ErrTokenSignatureInvalid, jwt.ErrTokenMalformed, jwt.ErrKeyNotFound,
		jwt.ErrInvalidIssuer, jwt.ErrInvalidAuthorizedParty, jwt.ErrSessionPending, jwt.ErrUnsupportedAlgorithm}
	if !errors.Is(err, sentinels[0]) {
		t.Errorf("expired: %v", err)
	}
}

func TestContractWebhooks(t *testing.T) {
	const secret = "whsec_Y29udHJhY3QtY29udHJhY3QtY29udHJhY3Q="
	t.Setenv("CLERK_WEBHOOK_SECRET", secret)
	at := time.Unix(1_800_000_000, 0)
	// "wh, err := webhooks.NewVerifier(os.Getenv("CLERK_WEBHOOK_SECRET"))"
	wh, err := webhooks.NewVerifier(os.Getenv("CLERK_WEBHOOK_SECRET"), webhooks.WithTolerance(time.Minute),
		webhooks.WithClock(func() time.Time { return at }))
	if err != nil {
		t.Fatal(err)
	}
	payload := []byte(`{"type":"user.created","object":"event","instance_id":"ins_1","timestamp":1800000000000,"data":` + contractUser + `}`)
	header := svixHeaders(t, secret, at, payload)
	// "ev, err := wh.Verify(body, r.Header)"
	ev, err := wh.Verify(payload, header)
	if err != nil {
		t.Fatal(err)
	}
	wantEq(t, "Event", []any{ev.ID, ev.Type, ev.Object, ev.InstanceID, ev.Timestamp.Unix(), len(ev.Data) > 0},
		[]any{"msg_1", webhooks.UserCreated, "event", "ins_1", at.Unix(), true})
	if u, err := ev.User(); err != nil || u.ID != "user_123" {
		t.Errorf("User = %+v, %v", u, err)
	}
	for name, f := range map[string]func() error{
		"Session":                func() error { _, err := ev.Session(); return err },
		"Organization":           func() error { _, err := ev.Organization(); return err },
		"OrganizationMembership": func() error { _, err := ev.OrganizationMembership(); return err },
		"Deleted":                func() error { _, err := ev.Deleted(); return err },
	} {
		if err := f(); !errors.Is(err, webhooks.ErrWrongEventType) {
			t.Errorf("%s on user.created: %v, want ErrWrongEventType", name, err)
		}
	}
	// "http.Handle("/webhooks/clerk", webhooks.Handler(wh, func(ctx, ev) error { ... }))",
	// on a mux of the test's own.
	var got webhooks.EventType = ""
	mux := http.NewServeMux()
	mux.Handle("/webhooks/clerk", webhooks.Handler(wh, func(ctx context.Context, ev *webhooks.Event) error { got = ev.Type; return nil }))
	r := httptest.NewRequest("POST", "/webhooks/clerk", bytes.NewReader(payload))
	for k, v := range header {
		r.Header[k] = v
	}
	w := httptest.NewRecorder()
	mux.ServeHTTP(w, r)
	if w.Code != http.StatusNoContent || got != webhooks.UserCreated {
		t.Errorf("Handler: %d, callback saw %q", w.Code, got)
	}
	bad := header.Clone()
	bad.Set("svix-signature", "v1,AAAA")
	for err, h := range map[error]http.Header{
		webhooks.ErrInvalidSignature: bad,
		webhooks.ErrMissingHeader:    {},
	} {
		if _, e := wh.Verify(payload, h); !errors.Is(e, err) {
			t.Errorf("Verify = %v, want %v", e, err)
		}
	}
	_ = []error{webhooks.ErrInvalidSecret, webhooks.ErrTimestampOutOfRange, webhooks.ErrPayloadTooLarge}
}
