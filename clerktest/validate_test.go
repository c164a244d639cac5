package clerktest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/internal/spectest"
)

// Every answer the server sends in this package's tests goes through
// validating: an answer whose status the operation declares must be valid
// against the spec's response for it (spectest.ValidateResponse, kin-openapi);
// any other (501 for what the server does not model, a 401 on an operation
// that declares none, an injected fault) must be an error status with a body
// valid against the spec's ClerkErrors schema. A 2xx the operation does not
// declare is a failure.

// answered records, across the test binary, the operations the server
// answered with a 2xx, for TestEveryModeledRouteIsExercised.
var answered = struct {
	sync.Mutex
	ops map[string]bool
}{ops: map[string]bool{}}

func validating(t testing.TB) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			body, err := io.ReadAll(r.Body)
			if err != nil {
				t.Errorf("reading the request body: %v", err)
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			checkAnswer(t, r, rec)
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			w.WriteHeader(rec.Code)
			_, _ = w.Write(rec.Body.Bytes())
		})
	}
}

func checkAnswer(t testing.TB, r *http.Request, rec *httptest.ResponseRecorder) {
	if !strings.HasPrefix(r.URL.Path, "/v1/") || r.URL.Path == "/v1/clients/handshake_payload" {
		// The Frontend API and the sign-in page are no part of the
		// Backend API's spec; the handshake payload is a placeholder
		// there (frontend_test.go checks them).
		return
	}
	op := findOperation(r.Method, r.URL.EscapedPath())
	if rec.Code == 0 || rec.Body.Len() == 0 && r.Context().Err() != nil {
		return // the client went away during an injected delay: nothing was answered
	}
	declared := op.id != "" && declares(t, op, rec.Code)
	if declared {
		if err := spectest.ValidateResponse(r, rec.Code, rec.Header(), rec.Body.Bytes()); err != nil {
			t.Errorf("clerktest answer departs from the spec: %v\nbody: %s", err, rec.Body.Bytes())
		}
		if rec.Code < 300 {
			answered.Lock()
			answered.ops[op.method+" "+op.path] = true
			answered.Unlock()
		}
		return
	}
	if rec.Code < 400 {
		t.Errorf("%s %s (%s): status %d is not declared by the spec", r.Method, r.URL.Path, op.id, rec.Code)
		return
	}
	checkClerkErrors(t, r, rec.Body.Bytes())
}

// declares reports whether the spec's operation declares the status.
func declares(t testing.TB, op operation, status int) bool {
	doc, err := spectest.Doc()
	if err != nil {
		t.Fatal(err)
	}
	o := doc.Paths.Find(op.path).GetOperation(op.method)
	return o != nil && (o.Responses.Status(status) != nil || o.Responses.Default() != nil)
}

// checkClerkErrors checks an error body against the spec's ClerkErrors.
func checkClerkErrors(t testing.TB, r *http.Request, body []byte) {
	doc, err := spectest.Doc()
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Errorf("%s %s: error body is not JSON: %s", r.Method, r.URL.Path, body)
		return
	}
	schema := doc.Components.Schemas["ClerkErrors"].Value
	if err := schema.VisitJSON(v, openapi3.MultiErrors()); err != nil {
		t.Errorf("%s %s: error body is not ClerkErrors: %v\n%s", r.Method, r.URL.Path, err, body)
	}
	if !strings.Contains(string(body), `"code"`) {
		t.Errorf("%s %s: error body without a code: %s", r.Method, r.URL.Path, body)
	}
}

// newTestServer starts a server whose every answer is validated, and a
// client of it that does not retry (so faults are seen as they come).
func newTestServer(t *testing.T, opts ...Option) (*Server, *clerk.Client) {
	t.Helper()
	srv := NewServer(t, append(opts, validated(t))...)
	return srv, srv.Client(clerk.WithMaxRetries(0))
}

// validated is the option that puts validating around a server's handler;
// every server this package's tests start has it (but the Examples', which
// show the public API only).
func validated(t testing.TB) Option { return func(c *config) { c.wrap = validating(t) } }
