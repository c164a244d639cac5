package clerk

import (
	"context"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/go-clerk/clerk/internal"
)

// TestAPIErrorIsReachedWithErrorsAs: a failed call's error is reached as a
// *clerk.APIError with errors.As, and that is the transport's own error, not
// a copy; it matches the status sentinels and says the same.
func TestAPIErrorIsReachedWithErrorsAs(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnprocessableEntity)
		_, _ = w.Write([]byte(`{"errors":[{"code":"form_identifier_exists","message":"m","long_message":"taken"}],"clerk_trace_id":"trace_9"}`))
	}))
	defer srv.Close()
	c, err := New("sk_test_apierror", WithBaseURL(srv.URL+"/v1"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_, err = c.Users.Get(context.Background(), "user_1")

	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("errors.As found no *APIError in %T: %v", err, err)
	}
	if apiErr.StatusCode != 422 || apiErr.TraceID != "trace_9" || !apiErr.HasCode("form_identifier_exists") || apiErr.Error() != err.Error() {
		t.Fatalf("APIError %+v (%q)", apiErr, apiErr.Error())
	}
	if !errors.Is(err, ErrUnprocessable) || !errors.Is(apiErr, ErrUnprocessable) || errors.Is(apiErr, ErrNotFound) {
		t.Fatal("sentinels do not match")
	}
	var inner *internal.APIError
	if !errors.As(err, &inner) || (*APIError)(inner) != apiErr {
		t.Fatal("errors.As gave a copy, not the transport's error")
	}
	// No other type, however alike, is filled.
	var lookalike *lookalikeError
	if errors.As(err, &lookalike) {
		t.Fatal("errors.As filled an unrelated type")
	}
}

// TestPageDocListsItsFields: clerk.Page is an alias (go doc shows no fields
// for it), so its doc comment lists the fields and methods; this fails when
// the type and the comment drift apart.
func TestPageDocListsItsFields(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "page.go", nil, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	var doc string
	ast.Inspect(f, func(n ast.Node) bool {
		if g, ok := n.(*ast.GenDecl); ok && g.Tok == token.TYPE {
			for _, s := range g.Specs {
				if s.(*ast.TypeSpec).Name.Name == "Page" {
					doc = g.Doc.Text()
				}
			}
		}
		return true
	})
	pt := reflect.TypeFor[Page[struct{}]]()
	var fields []string
	for i := range pt.NumField() {
		fd := pt.Field(i)
		fields = append(fields, fd.Name)
		want := "\t" + fd.Name + " " + strings.ReplaceAll(fd.Type.String(), "struct {}", "T")
		if !strings.Contains(doc, want) {
			t.Errorf("Page's doc does not list the field %q", want)
		}
	}
	if n := strings.Count(doc, "\n\t\t// "); n == 0 {
		t.Error("Page's doc documents no field")
	}
	if m := reflect.PointerTo(pt).NumMethod(); m != 0 && strings.Contains(strings.Join(strings.Fields(doc), " "), "no methods") {
		t.Errorf("Page has %d methods, its doc says none", m)
	}
	if flat := strings.Join(strings.Fields(doc), " "); !strings.Contains(flat, "two fields") || len(fields) != 2 {
		t.Errorf("Page has fields %v; its doc says two", fields)
	}
}

// lookalikeError has APIError's fields, but is another type.
type lookalikeError APIError

func (e *lookalikeError) Error() string { return "lookalike" }
