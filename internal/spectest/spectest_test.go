package spectest

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func req(method, target, body string) *http.Request {
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	r.Header.Set("Authorization", "Bearer sk_test_x")
	r.Header.Set("Clerk-API-Version", APIVersion)
	if body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	return r
}

func TestValidateRequest(t *testing.T) {
	tests := []struct {
		name, method, target, body string
		wantOp                     string
		wantErr                    string
	}{
		{"get user", "GET", "/v1/users/user_1", "", "GetUser", ""},
		{"count is not a user id", "GET", "/v1/users/count?email_address=a@b.co", "", "GetUsersCount", ""},
		{"list with arrays", "GET", "/v1/users?email_address=a@b.co&email_address=c@d.co&limit=10", "", "GetUserList", ""},
		{"misspelt query", "GET", "/v1/users?email_addresses=a@b.co", "", "GetUserList", `query parameter "email_addresses" is not declared`},
		{"limit over max", "GET", "/v1/users?limit=501", "", "GetUserList", "limit"},
		{"create", "POST", "/v1/users", `{"email_address":["a@b.co"],"first_name":"A"}`, "CreateUser", ""},
		{"misspelt body", "POST", "/v1/users", `{"email_addresses":["a@b.co"]}`, "CreateUser", `body property "email_addresses"`},
		{"metadata on update is gone in 2026-05-12", "PATCH", "/v1/users/user_1", `{"public_metadata":{}}`, "UpdateUser", `body property "public_metadata"`},
		{"no such path", "GET", "/v1/nope", "", "", "matches no operation"},
		{"not under v1", "GET", "/users", "", "", "not under /v1/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			op, err := ValidateRequest(req(tt.method, tt.target, tt.body), []byte(tt.body))
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
			} else if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
			}
			if tt.wantOp != "" && op.ID != tt.wantOp {
				t.Errorf("operation = %q, want %q", op.ID, tt.wantOp)
			}
		})
	}
}

func TestValidateRequestHeaders(t *testing.T) {
	r := req("GET", "/v1/users/user_1", "")
	r.Header.Del("Clerk-API-Version")
	r.Header.Del("Authorization")
	_, err := ValidateRequest(r, nil)
	if err == nil || !strings.Contains(err.Error(), "Clerk-API-Version") || !strings.Contains(err.Error(), "Authorization") {
		t.Fatalf("error = %v, want both header problems", err)
	}
}

func TestValidateResponse(t *testing.T) {
	r := req("GET", "/v1/users/count", "")
	h := http.Header{"Content-Type": {"application/json"}}
	if err := ValidateResponse(r, 200, h, []byte(`{"object":"total_count","total_count":3}`)); err != nil {
		t.Fatal(err)
	}
	if err := ValidateResponse(r, 200, h, []byte(`{"object":"total_count","total_count":"3"}`)); err == nil {
		t.Fatal("a string total_count passed")
	}
}

// fakeT records Errorf calls so that the server's own failure path can be
// tested without failing this test.
type fakeT struct {
	testing.TB
	errs bytes.Buffer
}

func (f *fakeT) Errorf(format string, args ...any) { f.errs.WriteString(format) }

func TestServerRejectsAndCounts(t *testing.T) {
	ft := &fakeT{TB: t}
	s := NewServer(ft)
	s.Mux.HandleFunc("GET /users/{user_id}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{}`))
	})
	get := func(path string, auth bool) int {
		r, _ := http.NewRequest("GET", s.URL+path, nil)
		r.Header.Set("Clerk-API-Version", APIVersion)
		if auth {
			r.Header.Set("Authorization", "Bearer sk_test_x")
		}
		resp, err := http.DefaultClient.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := get("/users/user_1", true); code != 200 || ft.errs.Len() != 0 {
		t.Fatalf("valid request: status %d, errors %q", code, ft.errs.String())
	}
	if code := get("/users/user_1", false); code != 400 || ft.errs.Len() == 0 {
		t.Fatalf("request without auth: status %d, errors %q", code, ft.errs.String())
	}
	if n := s.Count("GET", "/v1/users/user_1"); n != 2 {
		t.Fatalf("Count = %d, want 2", n)
	}
	if ops := s.Operations(); len(ops) != 1 || ops[0].ID != "GetUser" {
		t.Fatalf("Operations = %+v", ops)
	}
}
