package internal

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// The fault table: how the transport meets a misbehaving server, for every
// method. Each row is a server behaviour, the methods it applies to, and
// what the caller sees: the attempts the client made (round trips counted
// at its HTTP transport, and requests counted by the server, which must
// agree: net/http sends nothing twice behind the policy's back), the waits
// it asked for between them (the injected sleep records them; nothing
// sleeps for real) and the final error.
//
// The client: MaxRetries 3, RetryWaitMin 500 ms, RetryWaitMax 10 s, no
// jitter, so that backoff waits are 250 ms, 500 ms and 1 s (the lower half
// of each doubling step; TestBackoffIsJitteredExponential covers the
// jitter). Retry-After in seconds here; TestRetryAfter covers HTTP dates,
// garbage and the deadline.

const (
	idem       = "GET PUT PATCH DELETE"
	onlyPOST   = "POST"
	every      = "GET POST PATCH PUT DELETE"
	stallFor   = 30 * time.Millisecond // the deadline of the stalling row
	stallFault = "stall past the deadline (30 ms)"
)

var backoff3 = []time.Duration{250 * time.Millisecond, 500 * time.Millisecond, time.Second}

// secs is n waits of a second.
func secs(n int) []time.Duration { return slices.Repeat([]time.Duration{time.Second}, n) }

// behaviour is how the server answers its n-th request (0-based).
type behaviour func(w http.ResponseWriter, r *http.Request, n int)

// status answers with code, the headers kv (name, value, ...) and body.
func status(code int, body string, kv ...string) behaviour {
	return func(w http.ResponseWriter, r *http.Request, _ int) {
		for i := 0; i+1 < len(kv); i += 2 {
			w.Header().Set(kv[i], kv[i+1])
		}
		if w.Header().Get("Content-Type") == "" {
			w.Header().Set("Content-Type", "application/json")
		}
		w.WriteHeader(code)
		_, _ = io.WriteString(w, body)
	}
}

// times answers the first n requests with f, then 200 with a user.
func times(n int, f behaviour) behaviour {
	return func(w http.ResponseWriter, r *http.Request, i int) {
		if i < n {
			f(w, r, i)
			return
		}
		status(http.StatusOK, okUser)(w, r, i)
	}
}

// reset closes the connection with a TCP reset before any answer.
func reset(w http.ResponseWriter, r *http.Request, _ int) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		panic(err) // the server's recover reports it as a broken connection too
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	conn.Close()
}

// truncated sends a 200's headers and half of its announced body, then
// closes the connection.
func truncated(w http.ResponseWriter, r *http.Request, _ int) {
	conn, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		panic(err)
	}
	_, _ = fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s",
		len(okUser), okUser[:len(okUser)/2])
	_ = buf.Flush()
	conn.Close()
}

// stall answers nothing until the client gives up.
func stall(w http.ResponseWriter, r *http.Request, _ int) { <-r.Context().Done() }

// outcome is what the caller must get; check says what is wrong, or "".
type outcome struct {
	name  string
	check func(err error) string
}

func succeeds() outcome {
	return outcome{"no error", func(err error) string {
		if err != nil {
			return fmt.Sprintf("err = %v", err)
		}
		return ""
	}}
}

// answered: the final answer's *APIError with this status and RetryAfter,
// matching the sentinels given (and ErrRateLimited exactly when 429).
func answered(code int, retryAfter time.Duration, sentinels ...error) outcome {
	return outcome{fmt.Sprintf("APIError %d, RetryAfter %v", code, retryAfter), func(err error) string {
		var ae *APIError
		switch {
		case !errors.As(err, &ae):
			return fmt.Sprintf("err = %v (%T), want an APIError", err, err)
		case ae.StatusCode != code:
			return fmt.Sprintf("status %d", ae.StatusCode)
		case ae.RetryAfter != retryAfter:
			return fmt.Sprintf("RetryAfter %v", ae.RetryAfter)
		case errors.Is(err, ErrRateLimited) != (code == http.StatusTooManyRequests):
			return fmt.Sprintf("errors.Is(%v, ErrRateLimited) = %v", err, !(code == http.StatusTooManyRequests))
		case strings.Contains(err.Error(), "giving up"):
			return fmt.Sprintf("retryablehttp's error, not the answer's: %v", err)
		}
		for _, s := range sentinels {
			if !errors.Is(err, s) {
				return fmt.Sprintf("errors.Is(%v, %v) = false", err, s)
			}
		}
		return ""
	}}
}

// failed: a transport failure (no APIError) that wraps cause.
func failed(cause error) outcome {
	return outcome{"wraps " + cause.Error(), func(err error) string {
		var ae *APIError
		if errors.As(err, &ae) || !errors.Is(err, cause) {
			return fmt.Sprintf("err = %v (%T), want one wrapping %v", err, err, cause)
		}
		return ""
	}}
}

// broken: the connection broke before an answer (EOF or a reset).
func broken() outcome {
	return outcome{"broken connection", func(err error) string {
		var ae *APIError
		if err == nil || errors.As(err, &ae) || !errors.Is(err, io.EOF) && !errors.Is(err, syscall.ECONNRESET) {
			return fmt.Sprintf("err = %v (%T), want EOF or a reset", err, err)
		}
		return ""
	}}
}

// refused: the dial failed.
func refused() outcome {
	return outcome{"dial error", func(err error) string {
		var op *net.OpError
		if !errors.As(err, &op) || op.Op != "dial" {
			return fmt.Sprintf("err = %v (%T), want a dial error", err, err)
		}
		return ""
	}}
}

var (
	html502 = status(http.StatusBadGateway, "<html><body>502 Bad Gateway</body></html>", "Content-Type", "text/html")
	html200 = status(http.StatusOK, "<html><body>Sign in to the Wi-Fi</body></html>", "Content-Type", "text/html")
)

// faultTable is the table. A nil behaviour means no server: a closed port.
var faultTable = []struct {
	fault    string
	serve    behaviour
	methods  string
	attempts int
	waits    []time.Duration
	want     outcome
}{
	{"429, Retry-After: 1", status(429, clerkErr("too_many_requests", "t"), "Retry-After", "1"), every, 4, secs(3), answered(429, time.Second)},
	{"429, Retry-After: 1, once", times(1, status(429, "", "Retry-After", "1")), every, 2, secs(1), succeeds()},
	{"429 without Retry-After", status(429, ""), every, 4, backoff3, answered(429, 0)},
	{"429, Retry-After: 60 (over RetryWaitMax)", status(429, "", "Retry-After", "60"), every, 1, nil, answered(429, time.Minute)},

	{"500", status(500, clerkErr("internal_clerk_error", "t")), idem, 4, backoff3, answered(500, 0)},
	{"500", status(500, clerkErr("internal_clerk_error", "t")), onlyPOST, 1, nil, answered(500, 0)},
	{"502", status(502, ""), idem, 4, backoff3, answered(502, 0)},
	{"502", status(502, ""), onlyPOST, 1, nil, answered(502, 0)},
	{"503", status(503, clerkErr("unavailable", "t")), idem, 4, backoff3, answered(503, 0)},
	{"503", status(503, clerkErr("unavailable", "t")), onlyPOST, 1, nil, answered(503, 0)},
	{"504", status(504, ""), idem, 4, backoff3, answered(504, 0)},
	{"504", status(504, ""), onlyPOST, 1, nil, answered(504, 0)},
	{"503, twice", times(2, status(503, "")), idem, 3, backoff3[:2], succeeds()},
	{"503, twice", times(2, status(503, "")), onlyPOST, 1, nil, answered(503, 0)},
	{"503, Retry-After: 1", status(503, "", "Retry-After", "1"), idem, 4, secs(3), answered(503, time.Second)},
	{"503, Retry-After: 1", status(503, "", "Retry-After", "1"), onlyPOST, 1, nil, answered(503, time.Second)},

	{"501", status(501, ""), every, 1, nil, answered(501, 0)},
	{"404", status(404, clerkErr("resource_not_found", "t")), every, 1, nil, answered(404, 0, ErrNotFound)},
	{"409", status(409, clerkErr("duplicate_record", "t")), every, 1, nil, answered(409, 0, ErrConflict)},
	{"422", status(422, clerkErr("form_param_missing", "t")), every, 1, nil, answered(422, 0, ErrUnprocessable)},

	{"HTML 502 from a proxy", html502, idem, 4, backoff3, answered(502, 0)},
	{"HTML 502 from a proxy", html502, onlyPOST, 1, nil, answered(502, 0)},
	{"HTML 200 (a captive portal)", html200, every, 1, nil, failed(ErrInvalidResponse)},

	{"reset before answering", reset, idem, 4, backoff3, broken()},
	{"reset before answering", reset, onlyPOST, 1, nil, broken()},
	{"reset before answering, once", times(1, reset), idem, 2, backoff3[:1], succeeds()},
	{"reset before answering, once", times(1, reset), onlyPOST, 1, nil, broken()},
	// A body cut short is retried on GET, whose answer is read inside the
	// retry loop; another method's answer is read after it, and a write is
	// never sent again for its answer's sake.
	{"reset mid-response (200, half the body)", truncated, "GET", 4, backoff3, failed(io.ErrUnexpectedEOF)},
	{"reset mid-response (200, half the body)", truncated, "POST PATCH PUT DELETE", 1, nil, failed(io.ErrUnexpectedEOF)},
	{"reset mid-response (200, half the body), once", times(1, truncated), "GET", 2, backoff3[:1], succeeds()},
	{"reset mid-response (200, half the body), once", times(1, truncated), "POST PATCH PUT DELETE", 1, nil, failed(io.ErrUnexpectedEOF)},
	{stallFault, stall, every, 1, nil, failed(context.DeadlineExceeded)},
	{"connection refused", nil, every, 4, backoff3, refused()},
}

// roundTrips counts the attempts that reach the HTTP transport.
type roundTrips struct {
	http.RoundTripper
	n atomic.Int32
}

func (rt *roundTrips) RoundTrip(r *http.Request) (*http.Response, error) {
	rt.n.Add(1)
	return rt.RoundTripper.RoundTrip(r)
}

func TestFaultTable(t *testing.T) {
	for _, row := range faultTable {
		for _, method := range strings.Fields(row.methods) {
			t.Run(row.fault+"/"+method, func(t *testing.T) {
				base := "http://" + closedAddr(t) + "/v1"
				var n atomic.Int32 // requests the server received
				if row.serve != nil {
					srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
						_, _ = io.Copy(io.Discard, r.Body)
						row.serve(w, r, int(n.Add(1))-1)
					}))
					t.Cleanup(srv.Close)
					base = srv.URL + "/v1"
				}
				tr := http.DefaultTransport.(*http.Transport).Clone()
				t.Cleanup(tr.CloseIdleConnections)
				rt := &roundTrips{RoundTripper: tr}
				c, sl := newTestClient(t, base, Config{
					HTTPClient:   &http.Client{Transport: rt},
					RetryWaitMin: 500 * time.Millisecond,
					RetryWaitMax: 10 * time.Second,
					Jitter:       func() float64 { return 0 },
				})
				ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
				if row.fault == stallFault {
					ctx, cancel = context.WithTimeout(context.Background(), stallFor)
				}
				defer cancel()
				req := &Request{Method: method, Path: "/users/{user_id}", IDs: []string{"user_1"}}
				if method != http.MethodGet && method != http.MethodDelete {
					req.Body = map[string]string{"first_name": "A"}
				}
				var out map[string]any
				err := c.Do(ctx, req, &out)

				if got := int(rt.n.Load()); got != row.attempts {
					t.Errorf("attempts = %d, want %d", got, row.attempts)
				}
				if got := int(n.Load()); row.serve != nil && got != row.attempts {
					t.Errorf("the server received %d requests, want %d", got, row.attempts)
				}
				if got := sl.waits(); !slices.Equal(got, row.waits) {
					t.Errorf("waits = %v, want %v", got, row.waits)
				}
				if msg := row.want.check(err); msg != "" {
					t.Errorf("want %s: %s", row.want.name, msg)
				}
				if err == nil && out["id"] != "user_1" {
					t.Errorf("decoded %v", out)
				}
			})
		}
	}
}
