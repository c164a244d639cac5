package internal

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestRedirectsAreNotFollowed (issue 9, item 5): the Backend API never
// redirects, and following a redirect would carry the secret key to the
// Location, from https to http or to another port of the same host. The
// call fails instead (ErrInvalidResponse), no request reaches the Location,
// and neither the error nor the log shows the Location's path or query.
func TestRedirectsAreNotFollowed(t *testing.T) {
	var reached atomic.Int32
	var leakedKey atomic.Bool
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reached.Add(1)
		if strings.Contains(r.Header.Get("Authorization"), canaryKey) {
			leakedKey.Store(true)
		}
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(okUser))
	}))
	t.Cleanup(target.Close)
	const location = "/private-location/acct_9a8b7c?session=s3cr3t"
	for _, status := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, target.URL+location, status)
		}))
		var logs bytes.Buffer
		c, _ := newTestClient(t, origin.URL+"/v1", Config{
			Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		})
		for _, m := range []string{http.MethodGet, http.MethodPost} {
			var out map[string]any
			err := c.Do(context.Background(), &Request{Method: m, Path: "/users/user_1"}, &out)
			if err == nil {
				t.Errorf("%d %s: the redirect was followed to a success", status, m)
				continue
			}
			if !errors.Is(err, ErrInvalidResponse) {
				t.Errorf("%d %s: %v does not match ErrInvalidResponse", status, m, err)
			}
			for _, leak := range []string{"private-location", "acct_9a8b7c", "s3cr3t"} {
				if strings.Contains(err.Error(), leak) || strings.Contains(logs.String(), leak) {
					t.Errorf("%d %s: %q in the error or the log:\n%v\n%s", status, m, leak, err, logs.String())
				}
			}
		}
		origin.Close()
	}
	if n := reached.Load(); n != 0 || leakedKey.Load() {
		t.Fatalf("the Location was requested %d times (secret key sent: %v)", n, leakedKey.Load())
	}
}

// TestRetryAfterBeyondInt64 (issue 9, item 11): a Retry-After too large for
// an int64 asks for a wait longer than any the client sleeps: the 429 comes
// back at once, with RetryAfter set, instead of being read as absent and
// retried with a short backoff.
func TestRetryAfterBeyondInt64(t *testing.T) {
	for _, v := range []string{"99999999999999999999", "9223372036854775808", "100000"} {
		s, base := serve(t, answer{429, map[string]string{"Retry-After": v}, clerkErr("too_many_requests", "t")})
		c, sl := newTestClient(t, base, Config{})
		var out map[string]any
		err := c.Get(context.Background(), "/users/user_1", nil, &out)
		var ae *APIError
		if !errors.As(err, &ae) || ae.StatusCode != 429 || ae.RetryAfter < 24*time.Hour {
			t.Errorf("Retry-After %s: err = %v, want the 429 with RetryAfter of a day or more", v, err)
		}
		if n := s.count(); n != 1 || len(sl.waits()) != 0 {
			t.Errorf("Retry-After %s: %d requests, waits %v: want one request and no wait", v, n, sl.waits())
		}
	}
}

// TestResourceAnswerMustHoldOne (issue 9, item 2, for resource reads): a 2xx
// that holds no resource is ErrInvalidResponse, never an empty value with a
// nil error; Exec, whose caller wants no resource, takes any 2xx.
func TestResourceAnswerMustHoldOne(t *testing.T) {
	for _, a := range []answer{
		{200, nil, "null"}, {200, nil, ""}, {200, nil, " \n"}, {200, nil, "{}"}, {200, nil, "{ }"},
		{204, nil, ""}, {201, nil, "null"}, {200, nil, "[]"}, {200, nil, `"user_1"`},
	} {
		_, base := serve(t, a)
		c, _ := newTestClient(t, base, Config{})
		u, err := Call[struct {
			ID string `json:"id"`
		}](context.Background(), c, http.MethodGet, "/users/{user_id}", nil, "user_1")
		if u != nil || !errors.Is(err, ErrInvalidResponse) {
			t.Errorf("%d %q: got %+v, %v; want ErrInvalidResponse", a.status, a.body, u, err)
		}
		if a.status == 204 || a.body == "null" {
			if err := Exec(context.Background(), c, http.MethodDelete, "/users/{user_id}", nil, "user_1"); err != nil {
				t.Errorf("Exec on %d %q: %v", a.status, a.body, err)
			}
		}
	}
}
