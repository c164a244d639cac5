package clerktest

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/jwt"
	"github.com/go-clerk/clerk/organizations"
	"github.com/go-clerk/clerk/users"
)

// browser is an http.Client with a cookie jar whose requests look like a
// browser's page navigations, and the redirects it went through.
type browser struct {
	*http.Client
	hops []string
}

func newBrowser(t *testing.T) *browser {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	b := &browser{}
	b.Client = &http.Client{Jar: jar, CheckRedirect: func(r *http.Request, via []*http.Request) error {
		b.hops = append(b.hops, r.URL.Path)
		if len(via) > 10 {
			return fmt.Errorf("too many redirects: %v", b.hops)
		}
		return nil
	}}
	return b
}

// page navigates to target (a GET, or a form POST when form is not nil)
// and returns the final URL, status and body.
func (b *browser) page(t *testing.T, method, target string, form url.Values) (*url.URL, int, string) {
	t.Helper()
	b.hops = nil
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(t.Context(), method, target, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Sec-Fetch-Dest", "document")
	req.Header.Set("Accept", "text/html,application/xhtml+xml")
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := b.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.Request.URL, resp.StatusCode, string(out)
}

// TestBrowserFlow runs a server-rendered app's whole sign-in against the
// server, with the SDK's middleware: the first visit's handshake, the
// redirect to the sign-in page, the sign-in and the handshake back, a
// session token that expires and comes back through the handshake, the
// sign-out.
func TestBrowserFlow(t *testing.T) {
	clock := newFakeClock()
	srv := NewServer(t, WithClock(clock.now), validated(t))
	c := srv.Client(clerk.WithJWTOptions(jwt.WithClock(clock.now)))
	ada := srv.AddUser(users.User{FirstName: "Ada", LastName: "Lovelace"})

	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "home") })
	mux.HandleFunc("GET /dashboard", func(w http.ResponseWriter, r *http.Request) {
		a, _ := clerk.AuthFromContext(r.Context())
		fmt.Fprint(w, "dashboard of ", a.UserID)
	})
	mux.HandleFunc("POST /sign-out", func(w http.ResponseWriter, r *http.Request) {
		if err := c.SignOut(w, r); err != nil {
			t.Errorf("SignOut: %v", err)
		}
		http.Redirect(w, r, "/dashboard", http.StatusSeeOther)
	})
	app := httptest.NewServer(c.RequireAuth(clerk.PublicRoutes("/"))(mux))
	t.Cleanup(app.Close)
	b := newBrowser(t)

	u, code, body := b.page(t, "GET", app.URL+"/dashboard", nil)
	if code != http.StatusOK || u.Path != signInPath || !strings.Contains(body, ada.ID) || u.Query().Get("__clerk_db_jwt") == "" ||
		u.Query().Get("redirect_url") != app.URL+"/dashboard" {
		t.Fatalf("signed out, the dashboard: %d %s via %v\n%s", code, u, b.hops, body)
	}
	form := url.Values{"user_id": {ada.ID}, "redirect_url": {u.Query().Get("redirect_url")}, "__clerk_db_jwt": {u.Query().Get("__clerk_db_jwt")}}
	u, code, body = b.page(t, "POST", srv.SignInURL, form)
	if code != http.StatusOK || u.String() != app.URL+"/dashboard" || body != "dashboard of "+ada.ID {
		t.Fatalf("signed in: %d %s via %v: %q", code, u, b.hops, body)
	}

	clock.advance(2 * time.Minute) // the session token has expired
	u, code, body = b.page(t, "GET", app.URL+"/dashboard", nil)
	if code != http.StatusOK || body != "dashboard of "+ada.ID || !strings.Contains(strings.Join(b.hops, " "), "/v1/client/handshake") {
		t.Fatalf("after the token expired: %d %s via %v: %q", code, u, b.hops, body)
	}

	u, code, _ = b.page(t, "POST", app.URL+"/sign-out", url.Values{})
	if code != http.StatusOK || u.Path != signInPath {
		t.Fatalf("signed out: %d %s via %v", code, u, b.hops)
	}
	s, err := c.Sessions.List(context.Background(), nil)
	if err != nil || len(s.Data) != 1 || s.Data[0].Status != "revoked" {
		t.Errorf("the session after sign-out: %+v, %v", s, err)
	}
}

// TestOrganizationSyncFlow: with clerk.WithOrganizationSync, a signed-in
// browser's page under /orgs/<slug> goes through the handshake, which
// activates that organization when the user is a member; /me activates the
// personal account; an organization the user is not a member of, or one
// that does not exist, is not activated (three handshakes, then the page
// with the session as it was).
func TestOrganizationSyncFlow(t *testing.T) {
	clock := newFakeClock()
	srv := NewServer(t, WithClock(clock.now), validated(t))
	c := srv.Client(clerk.WithJWTOptions(jwt.WithClock(clock.now)), clerk.WithOrganizationSync(clerk.OrganizationSync{
		OrganizationPatterns:    []string{"/orgs/:slug", "/orgs/:slug/(.*)"},
		PersonalAccountPatterns: []string{"/me", "/me/(.*)"},
	}))
	ada := srv.AddUser(users.User{FirstName: "Ada"})
	acme := srv.AddOrganization(organizations.Organization{Name: "Acme", Slug: "acme"})
	srv.AddOrganization(organizations.Organization{Name: "Other", Slug: "other"})
	srv.AddMembership(acme.ID, ada.ID, "org:admin")

	page := func(w http.ResponseWriter, r *http.Request) {
		a, _ := clerk.AuthFromContext(r.Context())
		fmt.Fprintf(w, "%s in %q", a.UserID, a.OrgSlug)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /orgs/{slug}", page)
	mux.HandleFunc("GET /me", page)
	app := httptest.NewServer(c.RequireAuth()(mux))
	t.Cleanup(app.Close)
	b := newBrowser(t)

	u, _, _ := b.page(t, "GET", app.URL+"/me", nil) // to the sign-in page
	form := url.Values{"user_id": {ada.ID}, "redirect_url": {u.Query().Get("redirect_url")}, "__clerk_db_jwt": {u.Query().Get("__clerk_db_jwt")}}
	if _, code, body := b.page(t, "POST", srv.SignInURL, form); code != http.StatusOK || body != ada.ID+` in ""` {
		t.Fatalf("signed in: %d %q via %v", code, body, b.hops)
	}
	handshakes := func() (n int) {
		for _, h := range b.hops {
			if strings.HasSuffix(h, "/v1/client/handshake") {
				n++
			}
		}
		return n
	}
	for _, step := range []struct {
		path, want string
		handshakes int
	}{
		{"/orgs/acme", ada.ID + ` in "acme"`, 1}, // activated
		{"/orgs/acme", ada.ID + ` in "acme"`, 0}, // already active
		{"/me", ada.ID + ` in ""`, 1},            // the personal account
		{"/orgs/other", ada.ID + ` in ""`, 3},    // not a member: as it was, after the loop guard
		{"/orgs/missing", ada.ID + ` in ""`, 3},  // no such organization
		{"/orgs/acme", ada.ID + ` in "acme"`, 1}, // activated again
	} {
		// The redirect counter lives two seconds: a user's next click
		// comes later. Set without a Path, as Clerk's SDKs set it, it is
		// stored under the directory of the page that set it.
		appURL, _ := url.Parse(app.URL)
		for _, dir := range []string{"/", "/orgs"} {
			b.Jar.SetCookies(appURL, []*http.Cookie{{Name: "__clerk_redirect_count", Value: "", Path: dir, MaxAge: -1}})
		}
		_, code, body := b.page(t, "GET", app.URL+step.path, nil)
		if code != http.StatusOK || body != step.want || handshakes() != step.handshakes {
			t.Errorf("%s: %d %q via %v, want %q after %d handshakes", step.path, code, body, b.hops, step.want, step.handshakes)
		}
	}
}

// TestHandshakeEndpoint: the handshake's two formats, the nonce used once,
// and what it refuses.
func TestHandshakeEndpoint(t *testing.T) {
	srv, c := newTestServer(t)
	noRedirect := srv.ts.Client()
	noRedirect.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	get := func(query string) *http.Response {
		t.Helper()
		resp, err := noRedirect.Get(srv.FrontendAPIURL + "/v1/client/handshake?" + query)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	back := url.QueryEscape("https://app.example/page?a=1")

	resp := get("redirect_url=" + back + "&format=nonce")
	loc, _ := url.Parse(resp.Header.Get("Location"))
	nonce := loc.Query().Get("__clerk_handshake_nonce")
	if resp.StatusCode != http.StatusTemporaryRedirect || loc.Host != "app.example" || loc.Query().Get("a") != "1" || nonce == "" {
		t.Fatalf("format=nonce: %d %s", resp.StatusCode, loc)
	}
	code, body := do(t, srv, "GET", "/clients/handshake_payload?nonce="+nonce, "")
	sfx := clerk.CookieSuffix(srv.PublishableKey)
	for _, want := range []string{`"__session=; Path=/; Max-Age=0`, `"__client_uat=0;`, `"__clerk_db_jwt=dvb_`, `"__client_uat_` + sfx + `=0;`} {
		if code != http.StatusOK || !strings.Contains(body, want) {
			t.Errorf("the payload of a new client: %d %s, want %s", code, body, want)
		}
	}
	if code, _ := do(t, srv, "GET", "/clients/handshake_payload?nonce="+nonce, ""); code != http.StatusNotFound {
		t.Errorf("a nonce used twice: %d", code)
	}
	if code, _ := doAs(t, srv, "sk_test_other", "GET", "/clients/handshake_payload?nonce=x", ""); code != http.StatusUnauthorized {
		t.Errorf("another secret key: %d", code)
	}

	// A handshake token (any other format), which the SDK verifies.
	resp = get("redirect_url=" + back)
	loc, _ = url.Parse(resp.Header.Get("Location"))
	v, err := jwt.NewVerifier(jwt.WithPublicKeyPEM(srv.JWTKey))
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	d, err := v.VerifyHandshake(context.Background(), loc.Query().Get("__clerk_handshake"))
	if err != nil || len(d) != 6 {
		t.Errorf("the handshake token: %q, %v", d, err)
	}
	if resp := get("redirect_url=/relative"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("a relative redirect_url: %d", resp.StatusCode)
	}
	_ = c
}

// TestSignInPage: the form, and the sign-ins it refuses.
func TestSignInPage(t *testing.T) {
	srv, c := newTestServer(t)
	ada := srv.AddUser(users.User{FirstName: "Ada"})
	banned := srv.AddUser(users.User{FirstName: "Eve"})
	if _, err := c.Users.Ban(context.Background(), banned.ID); err != nil {
		t.Fatal(err)
	}
	cl := srv.ts.Client()
	cl.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := cl.Get(srv.SignInURL + "?redirect_url=" + url.QueryEscape("http://app.example/x"))
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(page), `value="http://app.example/x"`) || !strings.Contains(string(page), ada.ID) {
		t.Errorf("the page: %d\n%s", resp.StatusCode, page)
	}
	for _, tt := range []struct {
		name string
		form url.Values
		code int
	}{
		{"an unknown user", url.Values{"user_id": {"user_nobody"}}, http.StatusBadRequest},
		{"a banned user", url.Values{"user_id": {banned.ID}}, http.StatusBadRequest},
		{"a relative redirect_url", url.Values{"user_id": {ada.ID}, "redirect_url": {"/x"}}, http.StatusBadRequest},
		{"no redirect_url", url.Values{"user_id": {ada.ID}}, http.StatusOK},
		{"back to the app", url.Values{"user_id": {ada.ID}, "redirect_url": {"http://app.example/x?y=1"}}, http.StatusSeeOther},
	} {
		resp, err := cl.PostForm(srv.SignInURL, tt.form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		loc := resp.Header.Get("Location")
		if resp.StatusCode != tt.code || tt.code == http.StatusSeeOther && !strings.HasPrefix(loc, "http://app.example/x?y=1&__clerk_db_jwt=dvb_") {
			t.Errorf("%s: %d %s", tt.name, resp.StatusCode, loc)
		}
	}
}
