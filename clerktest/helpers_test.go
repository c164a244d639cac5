package clerktest

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/organizations"
	"github.com/go-clerk/clerk/sessions"
)

// TestMain checks for leaked goroutines and, when the whole suite ran,
// that the tests exercised every route the server models with a 2xx
// answer validated against the spec.
func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if code == 0 && flag.Lookup("test.run").Value.String() == "" {
		if missed := unexercised(); len(missed) > 0 {
			fmt.Fprintf(os.Stderr, "FAIL: no test got a 2xx answer from these modeled routes:\n  %s\n", strings.Join(missed, "\n  "))
			code = 1
		}
	}
	if code == 0 {
		// goleak retries for about two seconds; on a loaded machine a
		// client connection the closed servers dropped can take longer to
		// wind down, so a leak must outlast a few rounds of it.
		err := goleak.Find()
		for i := 0; err != nil && i < 3; i++ {
			err = goleak.Find()
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "FAIL: leaked goroutines:", err)
			code = 1
		}
	}
	os.Exit(code)
}

// unexercised lists the modeled routes no validated 2xx answer came from.
func unexercised() []string {
	s := &Server{mux: http.NewServeMux(), db: newStore()}
	s.routes()
	answered.Lock()
	defer answered.Unlock()
	var missed []string
	for _, p := range s.patterns {
		if !answered.ops[p] {
			missed = append(missed, p)
		}
	}
	slices.Sort(missed)
	return missed
}

// do sends a request to the server with its secret key, for the
// operations the SDK has no method for, and returns the status and body.
func do(t *testing.T, srv *Server, method, path, body string) (int, string) {
	t.Helper()
	return doAs(t, srv, srv.SecretKey, method, path, body)
}

// doAs is do with another bearer ("" sends no Authorization header).
func doAs(t *testing.T, srv *Server, bearer, method, path, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	req.Header.Set("Clerk-API-Version", clerk.APIVersion)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := srv.ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// wantAPIError checks that err is a *clerk.APIError of this status whose
// first error has this code.
func wantAPIError(t *testing.T, err error, status int, code string) *clerk.APIError {
	t.Helper()
	var ae *clerk.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("err = %v, want a *clerk.APIError %d %s", err, status, code)
	}
	if ae.StatusCode != status || len(ae.Errors) == 0 || ae.Errors[0].Code != code {
		t.Fatalf("err = %v, want %d %s", err, status, code)
	}
	return ae
}

// must fails the test on an error.
func must[T any](t *testing.T) func(v T, err error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// fakeTB records what a helper reports, to test failures without failing.
type fakeTB struct {
	testing.TB
	failed   string
	cleanups []func()
}

func (f *fakeTB) Helper()                        {}
func (f *fakeTB) Cleanup(fn func())              { f.cleanups = append(f.cleanups, fn) }
func (f *fakeTB) Fatalf(format string, a ...any) { f.failed = fmt.Sprintf(format, a...) }

// fakeClock is a server clock that tests move by hand. It starts at the
// real time, so that session tokens it stamps verify with the real clock.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{t: time.Now().UTC().Truncate(time.Second)} }

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// sessionModel is the SDK's session.
type sessionModel = sessions.Session

// organizationFor is an organization created by a user.
func organizationFor(userID string) organizations.Organization {
	return organizations.Organization{Name: "Acme Corp", CreatedBy: userID}
}

// jsonOf is v in JSON, map keys sorted.
func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
