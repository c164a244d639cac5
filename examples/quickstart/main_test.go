package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/go-clerk/clerk/clerktest"
	"github.com/go-clerk/clerk/users"
)

func TestTour(t *testing.T) {
	t.Setenv("CLERK_SECRET_KEY", "")
	var out bytes.Buffer
	if err := run(context.Background(), &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, want := range []string{
		"422 form_identifier_exists",
		"member: grace@example.com org:billing_manager",
		"with no network call",
		"GET /me as nobody: 401",
		"POST /billing/charge as Ada (admin, no billing permission): 403",
		"revoked; GET /api/reports with it again: 401",
		"handled user.created for Grace Hopper",
		"every step passed",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the tour does not say %q:\n%s", want, out.String())
		}
	}
}

// TestReadOnly runs the part meant for a real instance against clerktest,
// reached through the environment as a real instance would be.
func TestReadOnly(t *testing.T) {
	srv := clerktest.NewServer(t)
	srv.AddUser(users.User{FirstName: "Ada", EmailAddresses: []users.EmailAddress{{EmailAddress: "ada@example.com"}}})
	t.Setenv("CLERK_SECRET_KEY", srv.SecretKey)
	t.Setenv("CLERK_API_URL", srv.URL)
	var out bytes.Buffer
	if err := run(context.Background(), &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "1 user(s)") || !strings.Contains(out.String(), "Ada <ada@example.com>") {
		t.Errorf("read-only part:\n%s", out.String())
	}
	if n := srv.Calls("POST /users") + srv.Calls("PATCH /users/{user_id}") + srv.Calls("DELETE /users/{user_id}"); n != 0 {
		t.Errorf("the read-only part wrote %d times", n)
	}
}
