package spectest

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/go-clerk/clerk/internal"
)

// The helpers every service's tests share (ARCHITECTURE.md, "Tests"):
// Setup builds the service under test over a spec-checking server, the
// writers answer as the Backend API does, and the fixtures are spec-valid
// bodies.

// UserJSON is a User that sets every field of the spec's User schema, in all
// its nested variants (OTP, OAuth, web3, passkey, SAML, ticket
// verifications); the benchmarks decode it too.
//
//go:embed testdata/user.json
var UserJSON []byte

// Setup starts a spec-checking server (NewClient) and returns the service S
// over its client, built as the root package builds it: S is a resource
// package's Service type, declared as internal.Service.
//
//	svc, srv := spectest.Setup[users.Service](t, spectest.WithResponseValidation())
func Setup[S any](t testing.TB, opts ...Option) (*S, *Server) {
	t.Helper()
	core, srv := NewClient(t, opts...)
	return Service[S](core), srv
}

// Service converts a transport core's service into S, a resource package's
// Service type (declared as internal.Service), as the root package does.
func Service[S any](core *internal.Client) *S {
	v := reflect.ValueOf(internal.NewService(core))
	return v.Convert(reflect.TypeFor[*S]()).Interface().(*S)
}

// WriteJSON answers with a JSON body: []byte and string are written as they
// are, any other value is encoded as the Backend API writes it
// (internal.MarshalAPI: times in Unix milliseconds, secrets in clear). It
// runs on the server's goroutine, so it reports nothing: a value that does
// not encode answers 500.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	var b []byte
	switch v := v.(type) {
	case []byte:
		b = v
	case string:
		b = []byte(v)
	default:
		var err error
		if b, err = internal.MarshalAPI(v); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// WriteError answers with Clerk's error body: one error of this code, and
// the trace ID "trace_1".
func WriteError(w http.ResponseWriter, status int, code string) {
	WriteJSON(w, status, fmt.Sprintf(`{"errors":[{"code":%q,"message":"m","long_message":"lm"}],"clerk_trace_id":"trace_1"}`, code))
}

// ReadJSON decodes a request's JSON body into a map. It runs on the server's
// goroutine, so it reports with t.Errorf, never FailNow.
func ReadJSON(t testing.TB, r *http.Request) map[string]any {
	var m map[string]any
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Errorf("spectest: reading the request body: %v", err)
		return nil
	}
	if err := internal.Unmarshal(b, &m); err != nil {
		t.Errorf("spectest: request body %q is not a JSON object: %v", b, err)
	}
	return m
}

// Marshal encodes v as the Backend API writes it, reporting a failure with
// t.Errorf (it may run on the server's goroutine).
func Marshal(t testing.TB, v any) []byte {
	b, err := internal.MarshalAPI(v)
	if err != nil {
		t.Errorf("spectest: encoding %T: %v", v, err)
	}
	return b
}

// Leaks reports every common way of printing v that shows one of the
// secrets: fmt with each verb, log/slog's text and JSON handlers, and
// encoding/json, with v at top level, behind a pointer, in a slice, in a
// map and in a struct field. An empty result means none does. Tests of
// secret-bearing models (issue 9, item 6) call it with the model's values.
func Leaks(v any, secrets ...string) []string {
	rv := reflect.ValueOf(v)
	ptr := reflect.New(rv.Type())
	ptr.Elem().Set(rv)
	slice := reflect.MakeSlice(reflect.SliceOf(rv.Type()), 1, 1)
	slice.Index(0).Set(rv)
	m := reflect.MakeMap(reflect.MapOf(reflect.TypeFor[string](), rv.Type()))
	m.SetMapIndex(reflect.ValueOf("k"), rv)
	field := reflect.New(reflect.StructOf([]reflect.StructField{{Name: "Field", Type: rv.Type(), Tag: `json:"field"`}})).Elem()
	field.Field(0).Set(rv)
	shapes := []struct {
		name string
		v    any
	}{
		{"top level", v}, {"pointer", ptr.Interface()}, {"slice", slice.Interface()},
		{"map", m.Interface()}, {"struct field", field.Interface()},
	}
	var leaks []string
	check := func(how, out string) {
		for _, s := range secrets {
			if strings.Contains(out, s) {
				leaks = append(leaks, how+" shows "+s+": "+out)
			}
		}
	}
	for _, sh := range shapes {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%20v", "%d"} {
			check(fmt.Sprintf("fmt %s, %s", verb, sh.name), fmt.Sprintf(verb, sh.v))
		}
		check("fmt.Sprint, "+sh.name, fmt.Sprint(sh.v))
		for _, h := range []struct {
			name string
			new  func(io.Writer) slog.Handler
		}{
			{"slog text", func(w io.Writer) slog.Handler { return slog.NewTextHandler(w, nil) }},
			{"slog JSON", func(w io.Writer) slog.Handler { return slog.NewJSONHandler(w, nil) }},
		} {
			var buf bytes.Buffer
			l := slog.New(h.new(&buf))
			l.Info("m", "v", sh.v)
			l.Info("m", slog.Any("v", sh.v), slog.Group("g", "v", sh.v))
			check(h.name+", "+sh.name, buf.String())
		}
		b, err := json.Marshal(sh.v)
		if err != nil {
			leaks = append(leaks, fmt.Sprintf("encoding/json, %s: %v", sh.name, err))
		}
		check("encoding/json, "+sh.name, string(b))
	}
	return leaks
}

// Expecting is the testing.TB of a check with known exceptions (Expect).
type Expecting struct {
	testing.TB
	expected []string
	seen     map[string]bool
}

// Expect returns a testing.TB to run a spectest check through when some of
// its reports are expected: its Errorf lets through, once each, the reports
// that contain one of expected, and passes every other report on to t. Done
// fails the test when an expected report did not come, so that an exception
// no longer needed is found (say why each is expected in the test):
//
//	e := spectest.Expect(t, `"scim_group_id" is in the spec, not in the params`)
//	spectest.CheckBody(e, "POST", "/directories/{directory_id}/group_role_mappings", CreateGroupRoleMappingParams{})
//	e.Done()
func Expect(t testing.TB, expected ...string) *Expecting {
	return &Expecting{TB: t, expected: expected, seen: map[string]bool{}}
}

// Errorf swallows an expected report, once, and passes any other on.
func (e *Expecting) Errorf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	for _, x := range e.expected {
		if strings.Contains(msg, x) && !e.seen[x] {
			e.seen[x] = true
			return
		}
	}
	e.TB.Helper()
	e.TB.Errorf("%s", msg)
}

// Done fails the test for every expected report that did not come.
func (e *Expecting) Done() {
	e.TB.Helper()
	for _, x := range e.expected {
		if !e.seen[x] {
			e.TB.Errorf("expected a report with %q, got none: drop the exception", x)
		}
	}
}
