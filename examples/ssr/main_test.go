package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/clerktest"
	"github.com/go-clerk/clerk/jwt"
	"github.com/go-clerk/clerk/users"
)

// client is a cookie-keeping HTTP client whose requests look like a
// browser's page navigations.
type client struct{ *http.Client }

func newClient(t *testing.T) client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return client{&http.Client{Jar: jar}}
}

// visit loads a page (a GET, or a form POST when form is not nil) and
// returns where it ended up and its body.
func (c client) visit(t *testing.T, method, target string, form url.Values) (string, string) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(t.Context(), method, target, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Sec-Fetch-Dest", "document")
	req.Header.Set("Accept", "text/html")
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s %s: %d at %s\n%s", method, target, resp.StatusCode, resp.Request.URL, b)
	}
	return resp.Request.URL.String(), string(b)
}

// TestRun runs the program as `go run ./examples/ssr` does, on clerktest,
// and signs in, loads the dashboard and signs out as a browser does.
func TestRun(t *testing.T) {
	for _, k := range []string{"CLERK_SECRET_KEY", "CLERK_API_URL", "CLERK_PUBLISHABLE_KEY", "CLERK_PROXY_URL", "CLERK_SIGN_IN_URL", "CLERK_JWT_KEY"} {
		t.Setenv(k, "") // the program sets them to its clerktest server
	}
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := run(ctx, pw, "127.0.0.1:0"); err != nil {
			t.Errorf("run: %v", err)
		}
		pw.Close()
	}()
	defer func() { cancel(); _, _ = io.Copy(io.Discard, pr); wg.Wait() }()
	var user, base string
	for sc := bufio.NewScanner(pr); base == "" && sc.Scan(); {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, "clerktest: sign in as "); ok {
			user, _, _ = strings.Cut(rest, " ")
		}
		if rest, ok := strings.CutPrefix(line, "listening on "); ok {
			base = rest
		}
	}
	if user == "" || base == "" {
		t.Fatalf("the program printed no user or address (user %q, base %q)", user, base)
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()

	b := newClient(t)
	if _, body := b.visit(t, "GET", base+"/", nil); !strings.Contains(body, "You are signed out") {
		t.Fatalf("home, signed out:\n%s", body)
	}
	at, body := b.visit(t, "GET", base+"/dashboard", nil)
	if !strings.Contains(body, `id="user_id"`) {
		t.Fatalf("the dashboard, signed out: at %s\n%s", at, body)
	}
	u, _ := url.Parse(at)
	form := url.Values{"user_id": {user}, "redirect_url": {u.Query().Get("redirect_url")}, "__clerk_db_jwt": {u.Query().Get("__clerk_db_jwt")}}
	at, body = b.visit(t, "POST", u.Scheme+"://"+u.Host+u.Path, form)
	if at != base+"/dashboard" || !strings.Contains(body, "Hello, Ada Lovelace.") || !strings.Contains(body, user) {
		t.Fatalf("signed in: at %s\n%s", at, body)
	}
	if at, body = b.visit(t, "POST", base+"/sign-out", url.Values{}); at != base+"/" || !strings.Contains(body, "You are signed out") {
		t.Fatalf("signed out: at %s\n%s", at, body)
	}
	if _, body = b.visit(t, "GET", base+"/dashboard", nil); !strings.Contains(body, `id="user_id"`) {
		t.Fatalf("the dashboard after sign-out:\n%s", body)
	}
}

// testApp is the app on a clerktest server whose clock, and the SDK's, the
// test moves.
type testApp struct {
	srv   *clerktest.Server
	url   string
	ada   *users.User
	clock *clock
}

func newTestApp(t *testing.T) *testApp {
	clk := &clock{t: time.Now().UTC().Truncate(time.Second)}
	srv := clerktest.NewServer(t, clerktest.WithClock(clk.now))
	app := httptest.NewServer(newApp(srv.Client(clerk.WithJWTOptions(jwt.WithClock(clk.now)))))
	t.Cleanup(app.Close)
	return &testApp{srv: srv, url: app.URL, ada: srv.AddUser(users.User{FirstName: "Ada", LastName: "Lovelace"}), clock: clk}
}

// clock is a clock the test advances.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// TestTokenExpires: once the session token has expired, the dashboard
// comes back through the handshake with a new one.
func TestTokenExpires(t *testing.T) {
	app := newTestApp(t)
	b := newClient(t)
	at, _ := b.visit(t, "GET", app.url+"/dashboard", nil)
	u, _ := url.Parse(at)
	form := url.Values{"user_id": {app.ada.ID}, "redirect_url": {u.Query().Get("redirect_url")}, "__clerk_db_jwt": {u.Query().Get("__clerk_db_jwt")}}
	_, before := b.visit(t, "POST", app.srv.SignInURL, form)

	handshakes := app.srv.Calls("GET /fapi/v1/client/handshake")
	app.clock.advance(2 * time.Minute)
	at, after := b.visit(t, "GET", app.url+"/dashboard", nil)
	if at != app.url+"/dashboard" || !strings.Contains(after, "Hello, Ada Lovelace.") || after == before ||
		app.srv.Calls("GET /fapi/v1/client/handshake") != handshakes+1 {
		t.Fatalf("after the token expired: at %s, %d handshakes\n%s", at, app.srv.Calls("GET /fapi/v1/client/handshake")-handshakes, after)
	}
}
