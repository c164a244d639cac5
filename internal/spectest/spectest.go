// Package spectest checks HTTP traffic against Clerk's published OpenAPI
// spec of the Backend API (version 2026-05-12, embedded from spec/). Tests of
// every service use its Server: an httptest server, mounted under /v1 like
// the real API, that validates each request it receives (method, path,
// parameters, body, JSON names) before handing it to the test's handlers.
//
// kin-openapi accepts unknown query parameters and, where a schema does not
// forbid them, unknown body properties. A misspelt JSON name is exactly the
// bug these tests exist to catch, so spectest also refuses any query name the
// operation does not declare and any top-level body property its schema does
// not list.
package spectest

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/go-clerk/clerk/internal"
)

//go:embed spec/bapi-2026-05-12.yml
var specYAML []byte

// APIVersion is the spec's info.version.
const APIVersion = "2026-05-12"

type loaded struct {
	doc    *openapi3.T
	router routers.Router
}

// load parses the embedded spec once per test binary: it is 700 KB of YAML.
var load = sync.OnceValues(func() (*loaded, error) {
	l := openapi3.NewLoader()
	doc, err := l.LoadFromData(specYAML)
	if err != nil {
		return nil, fmt.Errorf("spectest: loading the spec: %w", err)
	}
	r, err := gorillamux.NewRouter(doc)
	if err != nil {
		return nil, fmt.Errorf("spectest: routing the spec: %w", err)
	}
	return &loaded{doc: doc, router: r}, nil
})

// Doc returns the parsed spec.
func Doc() (*openapi3.T, error) {
	l, err := load()
	if err != nil {
		return nil, err
	}
	return l.doc, nil
}

// Operation names a request's operation in the spec.
type Operation struct {
	// ID is the spec's operationId, such as "GetUser".
	ID string
	// Path is the spec's path template, such as "/users/{user_id}".
	Path string
	// Method is the HTTP method.
	Method string
}

// route finds the spec operation of a request sent to a server mounted at
// /v1: the request is re-addressed to the spec's server before matching.
func route(r *http.Request) (*routers.Route, map[string]string, *http.Request, error) {
	l, err := load()
	if err != nil {
		return nil, nil, nil, err
	}
	p := r.URL.EscapedPath()
	if !strings.HasPrefix(p, "/v1/") {
		return nil, nil, nil, fmt.Errorf("path %q is not under /v1/", p)
	}
	u := *r.URL
	u.Scheme, u.Host = "https", "api.clerk.com"
	clone := r.Clone(r.Context())
	clone.URL = &u
	clone.Host = "api.clerk.com"
	rt, params, err := l.router.FindRoute(clone)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("%s %s matches no operation of the spec: %w", r.Method, p, err)
	}
	return rt, params, clone, nil
}

// ValidateRequest checks one request, whose body has been read into body,
// against the spec. It returns the operation it matched, and an error that
// lists every way the request departs from it.
func ValidateRequest(r *http.Request, body []byte) (Operation, error) {
	rt, params, clone, err := route(r)
	if err != nil {
		return Operation{}, err
	}
	op := Operation{ID: rt.Operation.OperationID, Path: rt.Path, Method: rt.Method}
	var problems []string
	if got := r.Header.Get("Clerk-API-Version"); got != APIVersion {
		problems = append(problems, fmt.Sprintf("Clerk-API-Version header is %q, want %q", got, APIVersion))
	}
	if r.URL.Query().Has("__clerk_api_version") {
		problems = append(problems, "the version is sent both as header and as query parameter")
	}
	if a := r.Header.Get("Authorization"); !strings.HasPrefix(a, "Bearer ") || len(a) <= len("Bearer ") {
		problems = append(problems, "no Authorization: Bearer header")
	}
	clone.Body = io.NopCloser(bytes.NewReader(body))
	in := &openapi3filter.RequestValidationInput{
		Request:    clone,
		PathParams: params,
		Route:      rt,
		Options: &openapi3filter.Options{
			MultiError:         true,
			AuthenticationFunc: func(context.Context, *openapi3filter.AuthenticationInput) error { return nil },
		},
	}
	if err := openapi3filter.ValidateRequest(r.Context(), in); err != nil {
		problems = append(problems, err.Error())
	}
	problems = append(problems, unknownQuery(rt.Operation, rt.PathItem, r.URL.Query())...)
	problems = append(problems, unknownBody(rt.Operation, r.Header.Get("Content-Type"), body)...)
	if len(problems) > 0 {
		return op, fmt.Errorf("%s %s (%s) departs from the spec:\n  %s", r.Method, r.URL.Path, op.ID, strings.Join(problems, "\n  "))
	}
	return op, nil
}

// ValidateResponse checks an answer to r against the operation's declared
// response for its status.
func ValidateResponse(r *http.Request, status int, h http.Header, body []byte) error {
	rt, params, clone, err := route(r)
	if err != nil {
		return err
	}
	opts := &openapi3filter.Options{MultiError: true, IncludeResponseStatus: true}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{
			Request: clone, PathParams: params, Route: rt, Options: opts,
		},
		Status:  status,
		Header:  h,
		Options: opts,
	}
	in.SetBodyBytes(body)
	if err := openapi3filter.ValidateResponse(r.Context(), in); err != nil {
		return fmt.Errorf("answer %d to %s %s (%s) departs from the spec: %w", status, r.Method, r.URL.Path, rt.Operation.OperationID, err)
	}
	return nil
}

func unknownQuery(op *openapi3.Operation, item *openapi3.PathItem, q url.Values) []string {
	known := map[string]bool{}
	for _, ps := range []openapi3.Parameters{item.Parameters, op.Parameters} {
		for _, p := range ps {
			if p.Value != nil && p.Value.In == openapi3.ParameterInQuery {
				known[p.Value.Name] = true
			}
		}
	}
	var out []string
	for name := range q {
		if !known[name] {
			out = append(out, fmt.Sprintf("query parameter %q is not declared by the operation", name))
		}
	}
	sort.Strings(out)
	return out
}

func unknownBody(op *openapi3.Operation, contentType string, body []byte) []string {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	if op.RequestBody == nil || op.RequestBody.Value == nil {
		return []string{"a body is sent, but the operation declares none"}
	}
	mt, params, _ := mime.ParseMediaType(contentType)
	media := op.RequestBody.Value.Content.Get(mt)
	if media == nil || media.Schema == nil || media.Schema.Value == nil {
		return []string{fmt.Sprintf("body of type %q is not declared by the operation", mt)}
	}
	schema := media.Schema.Value
	var names [][]string
	switch mt {
	case "application/json":
		var v any
		if err := json.Unmarshal(body, &v); err != nil {
			return []string{"body is not JSON: " + err.Error()}
		}
		switch v := v.(type) {
		case map[string]any:
			names = append(names, keys(v))
		case []any:
			if schema.Items != nil && schema.Items.Value != nil {
				schema = schema.Items.Value
			}
			for _, e := range v {
				if m, ok := e.(map[string]any); ok {
					names = append(names, keys(m))
				}
			}
		}
	case "multipart/form-data":
		mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
		var got []string
		for {
			part, err := mr.NextPart()
			if err != nil {
				break
			}
			got = append(got, part.FormName())
		}
		names = append(names, got)
	}
	if len(schema.Properties) == 0 {
		return nil
	}
	var out []string
	for _, set := range names {
		for _, n := range set {
			if _, ok := schema.Properties[n]; !ok {
				out = append(out, fmt.Sprintf("body property %q is not in the operation's schema", n))
			}
		}
	}
	sort.Strings(out)
	return out
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// Server is an httptest server standing in for the Backend API. Register the
// test's handlers on Mux with paths relative to the API root ("GET
// /users/{user_id}"); URL is the root to hand to the client (with /v1).
type Server struct {
	*httptest.Server
	// Mux receives every request that reached the server, with /v1 stripped.
	Mux *http.ServeMux
	// URL is the API root, ending in /v1.
	URL string

	// errorf reports a departure from the spec: the test's t.Errorf, or a
	// print for an Example (NewExampleServer).
	errorf func(format string, args ...any)
	mu     sync.Mutex
	// requests counts requests by "METHOD /path" (the path as sent).
	requests map[string]int
	ops      []Operation
	checkOut bool
	// clientConfig adjusts the Config of NewClient's client.
	clientConfig []func(*internal.Config)
}

// Option configures a Server.
type Option func(*Server)

// WithResponseValidation makes the server also check each answer the test's
// handlers write against the spec.
func WithResponseValidation() Option { return func(s *Server) { s.checkOut = true } }

// NewServer starts a spec-checking server, closed by t.Cleanup. Every
// request that departs from the spec fails the test with t.Errorf (safe from
// the server's goroutines) and is answered 400, so the code under test sees
// an error too.
func NewServer(t testing.TB, opts ...Option) *Server {
	t.Helper()
	if _, err := load(); err != nil {
		t.Fatal(err)
	}
	s := start(t.Errorf, opts...)
	t.Cleanup(s.Close)
	return s
}

// NewExampleServer is NewServer for an Example function, which has no
// testing.T: it checks every request and every answer against the spec, and
// prints each departure to standard output, so that the Example's // Output
// no longer matches; a departing request is answered 400 as well, so the
// SDK returns an error. The caller closes it (defer srv.Close()). It is the
// one way an Example fakes the Backend API (ARCHITECTURE.md, "Tests"):
//
//	srv := spectest.NewExampleServer()
//	defer srv.Close()
//	srv.Mux.HandleFunc("GET /users/{user_id}", ...)
//	c, err := clerk.New("sk_test_example", clerk.WithBaseURL(srv.URL))
func NewExampleServer(opts ...Option) *Server {
	if _, err := load(); err != nil {
		panic(err) // the embedded spec does not parse: no Example can run
	}
	printf := func(format string, args ...any) { fmt.Printf(format+"\n", args...) }
	return start(printf, append(opts, WithResponseValidation())...)
}

// start starts a Server that reports to errorf.
func start(errorf func(format string, args ...any), opts ...Option) *Server {
	s := &Server{Mux: http.NewServeMux(), errorf: errorf, requests: map[string]int{}}
	for _, o := range opts {
		o(s)
	}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.Server.URL + "/v1"
	return s
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		s.errorf("spectest: reading request body: %v", err)
		http.Error(w, "bad body", http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	s.requests[r.Method+" "+r.URL.Path]++
	s.mu.Unlock()
	op, err := ValidateRequest(r, body)
	if err != nil {
		s.errorf("spectest: %v", err)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = io.WriteString(w, `{"errors":[{"code":"spectest_invalid_request","message":"request departs from the spec","long_message":"request departs from the spec"}]}`)
		return
	}
	s.mu.Lock()
	s.ops = append(s.ops, op)
	s.mu.Unlock()
	r.Body = io.NopCloser(bytes.NewReader(body))
	h := http.StripPrefix("/v1", s.Mux)
	if !s.checkOut {
		h.ServeHTTP(w, r)
		return
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	if err := ValidateResponse(r, rec.Code, rec.Header(), rec.Body.Bytes()); err != nil {
		s.errorf("spectest: %v", err)
	}
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}

// Answer makes the server answer every request that matches pattern (a
// ServeMux pattern relative to the API root, such as "POST /users") with
// status and body, written by WriteJSON: the handler of a fake whose answer
// is fixed.
func (s *Server) Answer(pattern string, status int, body any) {
	s.Mux.HandleFunc(pattern, func(w http.ResponseWriter, _ *http.Request) { WriteJSON(w, status, body) })
}

// Count returns how many requests with this method and path (as sent, with
// /v1) the server received, valid or not.
func (s *Server) Count(method, path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[method+" "+path]
}

// Operations returns the spec operations of the valid requests received, in
// order.
func (s *Server) Operations() []Operation {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Operation(nil), s.ops...)
}
