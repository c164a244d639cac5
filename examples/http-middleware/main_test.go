package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/go-clerk/clerk/clerktest"
	"github.com/go-clerk/clerk/users"
)

func TestDemo(t *testing.T) {
	for _, k := range []string{"CLERK_SECRET_KEY", "CLERK_API_URL", "CLERK_PUBLISHABLE_KEY"} {
		t.Setenv(k, "") // the demo sets them to its clerktest server
	}
	var out bytes.Buffer
	if err := run(context.Background(), &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), `"can_bill":false`) || strings.Count(out.String(), "\n") != 9 {
		t.Errorf("demo:\n%s", out.String())
	}
}

// TestMe is how a test of your own handlers looks with clerktest: a user,
// a session token for them, a request.
func TestMe(t *testing.T) {
	srv := clerktest.NewServer(t)
	app := newApp(srv.Client())

	u := srv.AddUser(users.User{FirstName: "Ada"})
	req := httptest.NewRequest(http.MethodGet, "/me", nil)
	req.Header.Set("Authorization", "Bearer "+srv.SessionToken(u.ID))
	rec := httptest.NewRecorder()
	app.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), u.ID) {
		t.Errorf("GET /me: %d %s", rec.Code, rec.Body)
	}
}
