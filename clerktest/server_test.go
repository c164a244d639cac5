package clerktest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/apikeys"
	"github.com/go-clerk/clerk/users"
)

func TestAuthorization(t *testing.T) {
	srv, _ := newTestServer(t)
	ctx := context.Background()
	wrong, err := clerk.New("sk_test_not_the_servers_key", clerk.WithBaseURL(srv.URL), clerk.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	defer wrong.Close()
	_, err = wrong.Users.List(ctx, nil)
	wantAPIError(t, err, 401, "clerk_key_invalid")
	_, err = wrong.APIKeys.Get(ctx, "ak_00000000000000000000000000000001") // an operation that declares no 401
	wantAPIError(t, err, 401, "clerk_key_invalid")
	if _, err := wrong.VerifyToken(ctx, srv.SessionToken(srv.AddUser(users.User{}).ID)); err == nil {
		t.Error("a client of the wrong key verified a session token (the JWKS needs the key)")
	}
	if code, body := doAs(t, srv, "", "GET", "/users", ""); code != 401 || !strings.Contains(body, "authorization_header_format_invalid") {
		t.Errorf("no Authorization header: %d %s", code, body)
	}
	// A machine's secret key is a bearer of the M2M endpoints only.
	m := srv.AddMachine("job")
	if code, _ := doAs(t, srv, m.SecretKey.Reveal(), "GET", "/users", ""); code != 401 {
		t.Errorf("a machine key on /users: %d", code)
	}
	if code, _ := doAs(t, srv, m.SecretKey.Reveal(), "GET", "/m2m_tokens?subject="+m.ID, ""); code != 200 {
		t.Errorf("a machine key on its own tokens: %d", code)
	}
}

func TestUnmodeledOperations(t *testing.T) {
	srv, c := newTestServer(t)
	err := c.Users.DisableMFA(context.Background(), srv.AddUser(users.User{}).ID)
	ae := wantAPIError(t, err, 501, "not_implemented")
	if !strings.Contains(ae.Errors[0].LongMessage, "DisableMFA (DELETE /users/{user_id}/mfa)") {
		t.Errorf("the 501 does not name the operation: %q", ae.Errors[0].LongMessage)
	}
	for path, want := range map[string]string{
		"/v1/users/user_1/oauth_access_tokens/oauth_google": `GetOAuthAccessToken`,
		"/v1/no_such_thing": `resource_not_found`,
		"/not-the-api":      `resource_not_found`,
	} {
		req, _ := http.NewRequest(http.MethodGet, srv.ts.URL+path, nil)
		req.Header.Set("Authorization", "Bearer "+srv.SecretKey)
		resp, err := srv.ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		_, _ = fmt.Fprint(&b, resp.StatusCode)
		buf := make([]byte, 4096)
		n, _ := resp.Body.Read(buf)
		resp.Body.Close()
		if !strings.Contains(string(buf[:n]), want) {
			t.Errorf("%s: %s %s, want %s", path, b.String(), buf[:n], want)
		}
	}
}

// TestConcurrentUse runs creates, lists and token checks from many
// goroutines at once (the race detector watches).
func TestConcurrentUse(t *testing.T) {
	srv, c := newTestServer(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range 16 {
		wg.Go(func() {
			u, err := c.Users.Create(ctx, &users.CreateParams{EmailAddresses: []string{fmt.Sprintf("u%d@example.com", i)}})
			if err != nil {
				errs <- err
				return
			}
			if _, err := c.Users.List(ctx, &users.ListParams{Limit: clerk.Int(5)}); err != nil {
				errs <- err
			}
			if _, err := c.VerifyToken(ctx, srv.SessionToken(u.ID)); err != nil {
				errs <- err
			}
			if _, err := c.APIKeys.Create(ctx, &apikeys.CreateParams{Name: "key", Subject: u.ID}); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := must[int64](t)(c.Users.Count(ctx, nil)); n != 16 {
		t.Errorf("Count = %d", n)
	}
}

func TestCloseWithoutTest(t *testing.T) {
	srv := NewServer(nil, validated(t))
	c := srv.Client()
	if _, err := c.Users.Count(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	srv.Close()
	srv.Close() // safe twice
	if _, err := c.VerifyToken(context.Background(), "ak_x"); err == nil {
		t.Error("the server's client is still open after Close")
	}
}

// TestValidatorCatchesDepartures makes sure the validating middleware the
// other tests rely on fails on an answer that departs from the spec.
func TestValidatorCatchesDepartures(t *testing.T) {
	for _, tt := range []struct {
		method, path string
		status       int
		body         string
	}{
		{"GET", "/v1/users/user_1", 200, `{"id":1}`},
		{"GET", "/v1/users", 200, `{"data":[],"total_count":0}`},
		{"POST", "/v1/m2m_tokens", 200, `{}`},
		{"GET", "/v1/users/user_1", 404, `{"message":"not found"}`},
		{"GET", "/v1/users/user_1/mfa_nope", 501, `{"errors":[{"code":"x"}]}`},
	} {
		rec := &recordingTB{}
		r := httptest.NewRequest(tt.method, tt.path, nil)
		w := httptest.NewRecorder()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(tt.status)
		_, _ = w.WriteString(tt.body)
		checkAnswer(rec, r, w)
		if !rec.failed {
			t.Errorf("%s %s %d %s passed validation", tt.method, tt.path, tt.status, tt.body)
		}
	}
}

// recordingTB notes an Errorf.
type recordingTB struct {
	testing.TB
	failed bool
}

func (r *recordingTB) Errorf(string, ...any) { r.failed = true }
func (r *recordingTB) Helper()               {}

// TestLeanImports: the package adds nothing made for tests to a user's
// build (no testify, kin-openapi or goleak; not even package testing).
func TestLeanImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"testing", "github.com/stretchr/testify", "github.com/getkin/kin-openapi",
			"go.uber.org/goleak", "github.com/go-clerk/clerk/internal/spectest"} {
			if dep == banned || strings.HasPrefix(dep, banned+"/") {
				t.Errorf("clerktest depends on %s", dep)
			}
		}
	}
}
