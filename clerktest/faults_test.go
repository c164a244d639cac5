package clerktest

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/users"
)

func TestFaults(t *testing.T) {
	srv, c := newTestServer(t)
	ctx := context.Background()
	u := srv.AddUser(users.User{})

	// A status for the next call of one operation; others pass.
	srv.Inject(Fault{Match: "GET /users/{user_id}", Status: 503, Times: 1})
	must[int64](t)(c.Users.Count(ctx, nil))
	_, err := c.Users.Get(ctx, u.ID)
	wantAPIError(t, err, 503, "internal_clerk_error")
	must[*users.User](t)(c.Users.Get(ctx, u.ID))
	if n := srv.Calls("GET /users/{user_id}"); n != 2 {
		t.Errorf("Calls = %d", n)
	}

	// A 429 with Retry-After: the SDK's retry waits for it. A retrying
	// client sees the fault through, once its retries are used up.
	srv.Inject(Fault{Match: "GET  /users/{user_id}", Status: 429, RetryAfter: 1500 * time.Millisecond, Times: 1})
	_, err = c.Users.Get(ctx, u.ID)
	ae := wantAPIError(t, err, 429, "too_many_requests")
	if !errors.Is(err, clerk.ErrRateLimited) || ae.RetryAfter != 2*time.Second {
		t.Errorf("RetryAfter = %v", ae.RetryAfter)
	}
	retrying := srv.Client(clerk.WithMaxRetries(2))
	srv.Inject(Fault{Match: "GET /users", Status: 502, Times: 2})
	before := srv.Calls("GET /users")
	must[*users.Page[users.User]](t)(retrying.Users.List(ctx, nil))
	if n := srv.Calls("GET /users") - before; n != 3 {
		t.Errorf("a retried GET made %d calls, want 3", n)
	}

	// Every call, until cleared; a custom code.
	srv.Inject(Fault{Status: 500, Code: "boom"})
	for range 3 {
		_, err := c.Users.Get(ctx, u.ID)
		wantAPIError(t, err, 500, "boom")
	}
	srv.ClearFaults()
	must[*users.User](t)(c.Users.Get(ctx, u.ID))

	// A delay, ended by the caller's deadline.
	srv.Inject(Fault{Delay: time.Minute, Times: 1})
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if _, err := c.Users.Get(short, u.ID); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("a delayed call: %v", err)
	}

	fake := &fakeTB{}
	bad := NewServer(fake, validated(t))
	defer bad.Close()
	if bad.Inject(Fault{Status: 200}); !strings.Contains(fake.failed, "not an error status") {
		t.Errorf("Inject 200: %q", fake.failed)
	}
}

// TestDelayEndsOnClose: closing the server ends an injected delay, so
// Close does not wait for it: Close and the delayed call both return well
// within a deadline far shorter than the delay.
func TestDelayEndsOnClose(t *testing.T) {
	srv := NewServer(nil, validated(t))
	c := srv.Client(clerk.WithMaxRetries(0))
	srv.Inject(Fault{Delay: time.Hour})
	deadline, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := c.Users.Count(context.Background(), nil)
		done <- err
	}()
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for srv.Calls("") == 0 {
		select {
		case <-tick.C:
		case err := <-done:
			t.Fatalf("the call ended before the server saw it: %v", err)
		case <-deadline.Done():
			t.Fatal("the call never reached the server")
		}
	}
	closed := make(chan struct{})
	go func() {
		srv.Close()
		close(closed)
	}()
	select {
	case <-closed:
	case <-deadline.Done():
		t.Fatal("Close waited for the injected delay")
	}
	select {
	case err := <-done:
		if err != nil {
			t.Logf("the delayed call: %v", err) // answered or cut: either way it ended
		}
	case <-deadline.Done():
		t.Fatal("the delayed call did not end when the server closed")
	}
}
