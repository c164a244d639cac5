package internal

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const canaryKey = "sk_test_CANARYcanaryCANARYcanary0123456789"

// sleeps records the waits the transport asked for instead of sleeping.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleeps) waits() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

// answer is one canned answer of a scripted server.
type answer struct {
	status int
	header map[string]string
	body   string
}

// scripted serves the answers in order (the last one repeats) and counts
// requests.
type scripted struct {
	mu      sync.Mutex
	answers []answer
	n       int
	reqs    []*http.Request
	bodies  []string
}

func (s *scripted) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	a := s.answers[min(s.n, len(s.answers)-1)]
	s.n++
	s.reqs = append(s.reqs, r)
	s.bodies = append(s.bodies, string(b))
	s.mu.Unlock()
	for k, v := range a.header {
		w.Header().Set(k, v)
	}
	if a.body != "" && w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(a.status)
	_, _ = io.WriteString(w, a.body)
}

func (s *scripted) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.n
}

func newTestClient(t *testing.T, base string, cfg Config) (*Client, *sleeps) {
	t.Helper()
	sl := &sleeps{}
	cfg.BaseURL = base
	if cfg.MaxRetries == 0 { // tests say -1 for none; 0 takes the root's default
		cfg.MaxRetries = DefaultMaxRetries
	}
	if cfg.SecretKey == "" {
		cfg.SecretKey = canaryKey
	}
	if cfg.Sleep == nil {
		cfg.Sleep = sl.sleep
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c, sl
}

func serve(t *testing.T, answers ...answer) (*scripted, string) {
	s := &scripted{answers: answers}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return s, srv.URL + "/v1"
}

const okUser = `{"id":"user_1","object":"user"}`

func clerkErr(code, trace string) string {
	return fmt.Sprintf(`{"errors":[{"code":%q,"message":"m","long_message":"long %s"}],"clerk_trace_id":%q}`, code, code, trace)
}

func TestRequestHeadersAndBody(t *testing.T) {
	s, base := serve(t, answer{200, nil, okUser})
	c, _ := newTestClient(t, base, Config{UserAgent: "myapp/1.2"})
	var out struct {
		ID string `json:"id"`
	}
	if err := c.Post(context.Background(), "/users", map[string]any{"first_name": "A"}, &out); err != nil {
		t.Fatal(err)
	}
	if out.ID != "user_1" {
		t.Fatalf("decoded %+v", out)
	}
	r := s.reqs[0]
	for h, want := range map[string]string{
		"Authorization":     "Bearer " + canaryKey,
		"Clerk-API-Version": "2026-05-12",
		"Content-Type":      "application/json",
		"Accept":            "application/json",
	} {
		if got := r.Header.Get(h); got != want {
			t.Errorf("%s = %q, want %q", h, got, want)
		}
	}
	if ua := r.Header.Get("User-Agent"); !strings.HasPrefix(ua, "myapp/1.2 go-clerk/") {
		t.Errorf("User-Agent = %q", ua)
	}
	if r.URL.Path != "/v1/users" || s.bodies[0] != `{"first_name":"A"}` {
		t.Errorf("sent %s %q", r.URL.Path, s.bodies[0])
	}
}

func TestBearerOverride(t *testing.T) {
	s, base := serve(t, answer{200, nil, `{}`})
	c, _ := newTestClient(t, base, Config{})
	err := c.Do(context.Background(), &Request{Method: "POST", Path: "/m2m_tokens", Bearer: "ak_machine"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.reqs[0].Header.Get("Authorization"); got != "Bearer ak_machine" {
		t.Fatalf("Authorization = %q", got)
	}
}

func TestRetryBodyIsResent(t *testing.T) {
	s, base := serve(t, answer{503, nil, ""}, answer{200, nil, okUser})
	c, _ := newTestClient(t, base, Config{})
	if err := c.Patch(context.Background(), "/users/user_1", map[string]string{"first_name": "B"}, nil); err != nil {
		t.Fatal(err)
	}
	if len(s.bodies) != 2 || s.bodies[0] != s.bodies[1] || s.bodies[1] != `{"first_name":"B"}` {
		t.Fatalf("bodies = %q", s.bodies)
	}
}

func TestLastAnswerIsReturned(t *testing.T) {
	_, base := serve(t,
		answer{503, map[string]string{"Clerk-Trace-Id": "h1"}, clerkErr("first", "trace-1")},
		answer{502, nil, clerkErr("second", "trace-2")},
		answer{504, nil, clerkErr("third", "trace-3")},
		answer{500, nil, clerkErr("last", "trace-4")},
	)
	c, _ := newTestClient(t, base, Config{})
	err := c.Get(context.Background(), "/users/user_1", nil, nil)
	var ae *APIError
	if !errors.As(err, &ae) {
		t.Fatalf("err = %v", err)
	}
	if ae.StatusCode != 500 || ae.Errors[0].Code != "last" || ae.TraceID != "trace-4" {
		t.Fatalf("got %+v, want the fourth answer", ae)
	}
}

func TestBackoffIsJitteredExponential(t *testing.T) {
	_, base := serve(t, answer{503, nil, ""})
	for _, j := range []float64{0, 0.999} {
		c, sl := newTestClient(t, base, Config{MaxRetries: 5, RetryWaitMin: 100 * time.Millisecond, RetryWaitMax: time.Second, Jitter: func() float64 { return j }})
		_ = c.Get(context.Background(), "/users/user_1", nil, nil)
		got := sl.waits()
		full := []time.Duration{100, 200, 400, 800, 1000}
		if len(got) != len(full) {
			t.Fatalf("jitter %v: waits %v", j, got)
		}
		for i, w := range got {
			hi := full[i] * time.Millisecond
			if w < hi/2 || w > hi {
				t.Errorf("jitter %v: wait %d = %v, want within [%v, %v]", j, i, w, hi/2, hi)
			}
		}
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name       string
		header     string
		timeout    time.Duration
		wantReqs   int
		wantWait   time.Duration
		wantRetryA time.Duration
	}{
		{"seconds", "1", 0, 2, time.Second, 0},
		{"zero", "0", 0, 2, 0, 0},
		{"http date", now.Add(3 * time.Second).Format(http.TimeFormat), 0, 2, 3 * time.Second, 0},
		{"date in the past", now.Add(-time.Minute).Format(http.TimeFormat), 0, 2, 0, 0},
		{"over the cap is not slept", "30", 0, 1, 0, 30 * time.Second},
		{"past the deadline is not slept", "2", 1500 * time.Millisecond, 1, 0, 2 * time.Second},
		{"garbage falls back to backoff", "soon", 0, 2, -1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, base := serve(t,
				answer{429, map[string]string{"Retry-After": tt.header}, clerkErr("too_many_requests", "t")},
				answer{200, nil, okUser})
			c, sl := newTestClient(t, base, Config{Now: func() time.Time { return now }, RetryWaitMax: 10 * time.Second})
			ctx := context.Background()
			if tt.timeout > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tt.timeout)
				defer cancel()
			}
			err := c.Get(ctx, "/users/user_1", nil, nil)
			if s.count() != tt.wantReqs {
				t.Fatalf("requests = %d, want %d (err %v)", s.count(), tt.wantReqs, err)
			}
			if tt.wantReqs == 1 {
				var ae *APIError
				if !errors.As(err, &ae) || !errors.Is(err, ErrRateLimited) || ae.RetryAfter != tt.wantRetryA {
					t.Fatalf("err = %v, want a 429 with RetryAfter %v", err, tt.wantRetryA)
				}
				if len(sl.waits()) != 0 {
					t.Fatalf("slept %v", sl.waits())
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			w := sl.waits()
			if tt.wantWait == 0 && len(w) == 0 {
				return // a zero wait is not slept
			}
			if len(w) != 1 || (tt.wantWait >= 0 && w[0] != tt.wantWait) {
				t.Fatalf("waits = %v, want [%v]", w, tt.wantWait)
			}
		})
	}
}

// TestRetryAfterRealSleep checks the default sleep: a 429 with Retry-After: 1
// is retried after about a second. It is the one test that waits for real,
// because what it checks is the real wait.
func TestRetryAfterRealSleep(t *testing.T) {
	if testing.Short() {
		t.Skip("waits one second")
	}
	s, base := serve(t, answer{429, map[string]string{"Retry-After": "1"}, ""}, answer{200, nil, okUser})
	c, err := New(Config{SecretKey: canaryKey, BaseURL: base, MaxRetries: DefaultMaxRetries})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := c.Get(context.Background(), "/users/user_1", nil, nil); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < time.Second || d > 5*time.Second || s.count() != 2 {
		t.Fatalf("took %v with %d requests, want about 1s and 2", d, s.count())
	}
}

func TestCancelDuringWait(t *testing.T) {
	_, base := serve(t, answer{503, nil, ""})
	ctx, cancel := context.WithCancel(context.Background())
	c, _ := newTestClient(t, base, Config{Sleep: func(ctx context.Context, d time.Duration) error {
		cancel()
		return ctx.Err()
	}})
	err := c.Get(ctx, "/users/user_1", nil, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestClientTimeoutOption(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)
	c, _ := newTestClient(t, srv.URL+"/v1", Config{Timeout: 50 * time.Millisecond})
	if err := c.Get(context.Background(), "/users/user_1", nil, nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want DeadlineExceeded", err)
	}
}

// closedAddr returns a loopback address nothing listens on.
func closedAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

func TestErrorShapes(t *testing.T) {
	tests := []struct {
		name    string
		a       answer
		check   func(t *testing.T, e *APIError)
		wantMsg string
	}{
		{"clerk errors with meta and trace", answer{422, map[string]string{"Clerk-Trace-Id": "hdr"},
			`{"errors":[{"code":"form_identifier_exists","message":"taken","long_message":"That email address is taken.","meta":{"param_name":"email_address"}},{"code":"x","message":"y","long_message":"z"}],"clerk_trace_id":"body-trace"}`},
			func(t *testing.T, e *APIError) {
				if e.TraceID != "body-trace" || len(e.Errors) != 2 || e.Errors[0].Meta["param_name"] != "email_address" || !e.HasCode("x") {
					t.Errorf("got %+v", e)
				}
			}, "clerk: 422 Unprocessable Entity: form_identifier_exists: That email address is taken. (+1 more) [trace body-trace]"},
		{"trace from header", answer{404, map[string]string{"Clerk-Trace-Id": "hdr"}, clerkErr("resource_not_found", "")},
			func(t *testing.T, e *APIError) {
				if e.TraceID != "hdr" {
					t.Errorf("TraceID = %q", e.TraceID)
				}
			}, "clerk: 404 Not Found: resource_not_found: long resource_not_found [trace hdr]"},
		{"html from a proxy", answer{502, map[string]string{"Content-Type": "text/html"}, "<html>\n<body>502 Bad Gateway</body>\n</html>"},
			func(t *testing.T, e *APIError) {
				if len(e.Errors) != 0 || !strings.Contains(e.Body, "502 Bad Gateway") {
					t.Errorf("got %+v", e)
				}
			}, "clerk: 502 Bad Gateway: <html> <body>502 Bad Gateway</body> </html>"},
		{"empty 429", answer{429, nil, ""}, nil, "clerk: 429 Too Many Requests"},
		{"inline error shape of api keys", answer{404, nil, `{"errors":[{"message":"not found","long_message":"API key not found","code":"resource_not_found"}]}`},
			nil, "clerk: 404 Not Found: resource_not_found: API key not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, base := serve(t, tt.a)
			c, _ := newTestClient(t, base, Config{MaxRetries: -1})
			err := c.Post(context.Background(), "/users", nil, nil)
			var e *APIError
			if !errors.As(err, &e) {
				t.Fatalf("err = %v (%T)", err, err)
			}
			if e.StatusCode != tt.a.status {
				t.Errorf("StatusCode = %d", e.StatusCode)
			}
			if err.Error() != tt.wantMsg {
				t.Errorf("Error() = %q\n want %q", err.Error(), tt.wantMsg)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("Error() spans lines")
			}
			if tt.check != nil {
				tt.check(t, e)
			}
		})
	}
}

func TestSentinels(t *testing.T) {
	all := []error{ErrBadRequest, ErrUnauthorized, ErrForbidden, ErrNotFound, ErrConflict, ErrUnprocessable, ErrRateLimited}
	codes := []int{400, 401, 403, 404, 409, 422, 429}
	for i, code := range codes {
		e := error(&APIError{StatusCode: code})
		for j, s := range all {
			if got := errors.Is(fmt.Errorf("wrapped: %w", e), s); got != (i == j) {
				t.Errorf("errors.Is(%d, %v) = %v", code, s, got)
			}
		}
	}
	for _, s := range all {
		if errors.Is(&APIError{StatusCode: 500}, s) {
			t.Errorf("500 matches %v", s)
		}
	}
}

// TestSecretKeyNeverLeaks sends a canary key to a server that echoes it in
// every way it can, and checks errors, %+v of errors and of the client, and
// the log.
func TestSecretKeyNeverLeaks(t *testing.T) {
	echo := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a := r.Header.Get("Authorization")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(401)
		b, _ := json.Marshal(map[string]any{"errors": []map[string]any{{
			"code": "authentication_invalid", "message": "bad key " + a, "long_message": "The key " + a + " is invalid",
			"meta": map[string]any{"key": a},
		}}})
		_, _ = w.Write(b)
	})
	html := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(502)
		_, _ = io.WriteString(w, "<html>upstream said "+r.Header.Get("Authorization")+"</html>")
	})
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	for _, h := range []http.Handler{echo, html} {
		srv := httptest.NewServer(h)
		c, _ := newTestClient(t, srv.URL+"/v1", Config{Logger: logger})
		err := c.Get(context.Background(), "/users/user_1", nil, nil)
		srv.Close()
		if err == nil {
			t.Fatal("no error")
		}
		var ae *APIError
		errors.As(err, &ae)
		for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", ae), fmt.Sprintf("%+v", c), fmt.Sprintf("%#v", c), fmt.Sprintf("%+v", *c), fmt.Sprint(c.key)} {
			if strings.Contains(s, "CANARY") {
				t.Errorf("secret key leaked: %s", s)
			}
		}
	}
	// A transport failure, too.
	c, _ := newTestClient(t, "http://"+closedAddr(t)+"/v1", Config{Logger: logger, MaxRetries: 1})
	err := c.Get(context.Background(), "/users/user_1", nil, nil)
	if strings.Contains(err.Error(), "CANARY") {
		t.Errorf("secret key leaked: %v", err)
	}
	if strings.Contains(logs.String(), "CANARY") {
		t.Errorf("secret key in the log:\n%s", logs.String())
	}
	if logs.Len() == 0 {
		t.Error("the logger given received nothing")
	}
}

func TestLogsCarryNoQueryValues(t *testing.T) {
	_, base := serve(t, answer{503, nil, ""}, answer{200, nil, `[]`})
	var logs bytes.Buffer
	c, _ := newTestClient(t, base, Config{Logger: slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	q := url.Values{"email_address": {"secret.person@example.com"}}
	if err := c.Get(context.Background(), "/users", q, nil); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(logs.String(), "secret.person") || strings.Contains(logs.String(), "email_address") {
		t.Fatalf("query values in the log:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), `"path":"/users"`) || !strings.Contains(logs.String(), "retrying") {
		t.Fatalf("log lacks the request or the retry:\n%s", logs.String())
	}

	// A transport failure is logged with its error, whose URL must lose the
	// query too.
	logs.Reset()
	c2, _ := newTestClient(t, "http://"+closedAddr(t)+"/v1", Config{MaxRetries: -1, Logger: slog.New(slog.NewJSONHandler(&logs, nil))})
	err := c2.Get(context.Background(), "/users", q, nil)
	if err == nil || !strings.Contains(logs.String(), "request failed") {
		t.Fatalf("err %v, log:\n%s", err, logs.String())
	}
	if strings.Contains(logs.String(), "secret.person") || strings.Contains(err.Error(), "secret.person") {
		t.Fatalf("query values in the log or error:\n%s\n%v", logs.String(), err)
	}
}

func TestResponseCap(t *testing.T) {
	_, base := serve(t, answer{200, nil, `{"id":"` + strings.Repeat("x", 4096) + `"}`})
	c, _ := newTestClient(t, base, Config{MaxResponseBytes: 1024})
	var out map[string]any
	err := c.Get(context.Background(), "/users/user_1", nil, &out)
	if !errors.Is(err, ErrResponseTooLarge) {
		t.Fatalf("err = %v, want ErrResponseTooLarge", err)
	}
}

func TestBadJSONAnswer(t *testing.T) {
	_, base := serve(t, answer{200, nil, `{"id":`})
	c, _ := newTestClient(t, base, Config{})
	var out map[string]any
	if err := c.Get(context.Background(), "/users/user_1", nil, &out); !errors.Is(err, ErrInvalidResponse) || !strings.Contains(err.Error(), "GET /users/user_1") {
		t.Fatalf("err = %v", err)
	}
}

// TestZeroMaxRetriesMeansNone: Config.MaxRetries 0 means no retries, as
// clerk.WithMaxRetries(0) does (it used to mean the default, 3).
func TestZeroMaxRetriesMeansNone(t *testing.T) {
	s, base := serve(t, answer{503, nil, clerkErr("unavailable", "t")})
	c, err := New(Config{SecretKey: canaryKey, BaseURL: base, Sleep: func(context.Context, time.Duration) error { return nil }})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Get(context.Background(), "/users/user_1", nil, nil); err == nil {
		t.Fatal("a 503 succeeded")
	}
	if n := s.count(); n != 1 {
		t.Fatalf("%d requests, want 1", n)
	}
}

func TestNewAcceptsHTTPSAndLoopback(t *testing.T) {
	for _, u := range []string{"https://api.clerk.com/v1", "http://127.0.0.1:8080/v1", "http://[::1]:9/v1", "http://localhost:3000/v1"} {
		if _, err := New(Config{SecretKey: "sk_test_x", BaseURL: u}); err != nil {
			t.Errorf("New(%q): %v", u, err)
		}
	}
}

func TestNewRejectsBadBaseURL(t *testing.T) {
	for _, u := range []string{"api.clerk.com/v1", "ftp://x/v1", "https://user:pw@x/v1", "https://x/v1?a=b", "://", "http://api.clerk.com/v1", "http://10.0.0.1/v1", "http://localhost.evil.com/v1"} {
		if _, err := New(Config{SecretKey: "sk_test_x", BaseURL: u}); !errors.Is(err, ErrInvalidParams) {
			t.Errorf("New(%q) err = %v", u, err)
		}
	}
}

// TestRetryLogCarriesNoQueryValues covers the retry decision's own log line:
// a transport failure whose retry is refused (the wait would outlast the
// deadline) is logged with its error, whose URL must lose the query.
func TestRetryLogCarriesNoQueryValues(t *testing.T) {
	var logs bytes.Buffer
	c, sl := newTestClient(t, "http://"+closedAddr(t)+"/v1", Config{
		RetryWaitMin: time.Second, RetryWaitMax: 2 * time.Second,
		Logger: slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	err := c.Get(ctx, "/users", url.Values{"email_address": {"secret.person@example.com"}}, nil)
	if err == nil || len(sl.waits()) != 0 {
		t.Fatalf("err %v, waits %v: want a failure without a retry", err, sl.waits())
	}
	if !strings.Contains(logs.String(), "wait past the deadline") {
		t.Fatalf("the refused retry was not logged:\n%s", logs.String())
	}
	if strings.Contains(logs.String(), "secret.person") || strings.Contains(logs.String(), "email_address") {
		t.Fatalf("query values in the log:\n%s", logs.String())
	}
}

// countingTransport counts the response bodies it hands out and those
// closed, and the calls to CloseIdleConnections.
type countingTransport struct {
	base           http.RoundTripper
	opened, closed atomic.Int32
	idleCloses     atomic.Int32
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := c.base.RoundTrip(r)
	if resp != nil {
		c.opened.Add(1)
		resp.Body = &countingBody{ReadCloser: resp.Body, closed: &c.closed}
	}
	return resp, err
}

func (c *countingTransport) CloseIdleConnections() { c.idleCloses.Add(1) }

type countingBody struct {
	io.ReadCloser
	closed *atomic.Int32
	once   sync.Once
}

func (b *countingBody) Close() error {
	b.once.Do(func() { b.closed.Add(1) })
	return b.ReadCloser.Close()
}

// redirectLoop serves a redirect to itself on every path.
func redirectLoop(t *testing.T) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Path, http.StatusFound)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/v1"
}

// TestRedirectFailureIsATransportError: a redirect is refused (see
// TestRedirectsAreNotFollowed) with an error whose response body the HTTP
// client has closed; the caller must get that error, not an APIError read
// from a closed body.
func TestRedirectFailureIsATransportError(t *testing.T) {
	for _, m := range []string{"GET", "POST"} {
		c, _ := newTestClient(t, redirectLoop(t), Config{})
		err := c.Do(context.Background(), &Request{Method: m, Path: "/users/user_1"}, nil)
		var ae *APIError
		if err == nil || errors.As(err, &ae) || !strings.Contains(err.Error(), "redirect") {
			t.Fatalf("%s: err = %v (%T), want the redirect failure", m, err, err)
		}
	}
}

// TestResponseBodiesAreClosed walks every way a call can end and checks that
// each response body the transport received was closed.
func TestResponseBodiesAreClosed(t *testing.T) {
	tests := []struct {
		name    string
		answers []answer
		base    func(t *testing.T) string
		out     any
		cancel  bool // cancel the context during the first wait
	}{
		{"decoded", []answer{{200, nil, okUser}}, nil, &map[string]any{}, false},
		{"discarded", []answer{{200, nil, okUser}}, nil, nil, false},
		{"no content", []answer{{204, nil, ""}}, nil, &map[string]any{}, false},
		{"decode error", []answer{{200, nil, `{"id":`}}, nil, &map[string]any{}, false},
		{"too large", []answer{{200, nil, `{"id":"` + strings.Repeat("x", 4096) + `"}`}}, nil, &map[string]any{}, false},
		{"API error", []answer{{404, nil, clerkErr("resource_not_found", "t")}}, nil, nil, false},
		{"retried then answered", []answer{{503, nil, "x"}, {200, nil, okUser}}, nil, &map[string]any{}, false},
		{"retries exhausted", []answer{{503, nil, "x"}}, nil, nil, false},
		{"429 over the cap", []answer{{429, map[string]string{"Retry-After": "99"}, "x"}}, nil, nil, false},
		{"cancelled during the wait", []answer{{503, nil, "x"}}, nil, nil, true},
		{"redirect loop", nil, redirectLoop, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var base string
			if tt.base != nil {
				base = tt.base(t)
			} else {
				_, base = serve(t, tt.answers...)
			}
			ct := &countingTransport{base: http.DefaultTransport}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			cfg := Config{HTTPClient: &http.Client{Transport: ct}, MaxResponseBytes: 1024}
			if tt.cancel {
				cfg.Sleep = func(ctx context.Context, _ time.Duration) error { cancel(); return ctx.Err() }
			}
			c, _ := newTestClient(t, base, cfg)
			_ = c.Get(ctx, "/users/user_1", nil, tt.out)
			if o, cl := ct.opened.Load(), ct.closed.Load(); o == 0 || o != cl {
				t.Fatalf("%d bodies received, %d closed", o, cl)
			}
		})
	}
}

// TestCallerTransportKeepsItsIdleConnections: retryablehttp closes the idle
// connections of its HTTP client whenever a call ends in failure. A caller's
// *http.Client is shared with the rest of their program; a failed call must
// not empty its pool (nor Close, which only closes a transport of our own).
func TestCallerTransportKeepsItsIdleConnections(t *testing.T) {
	_, s503 := serve(t, answer{503, nil, "x"})
	tests := []struct {
		name   string
		base   string
		cancel bool
	}{
		{"retries exhausted", s503, false},
		{"cancelled during the wait", s503, true},
		{"connection refused", "http://" + closedAddr(t) + "/v1", false},
		{"redirect loop", redirectLoop(t), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ct := &countingTransport{base: http.DefaultTransport}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			cfg := Config{HTTPClient: &http.Client{Transport: ct}, MaxRetries: 1}
			if tt.cancel {
				cfg.Sleep = func(ctx context.Context, _ time.Duration) error { cancel(); return ctx.Err() }
			}
			c, _ := newTestClient(t, tt.base, cfg)
			if err := c.Get(ctx, "/users/user_1", nil, nil); err == nil {
				t.Fatal("no error")
			}
			c.Close()
			if n := ct.idleCloses.Load(); n != 0 {
				t.Fatalf("the caller's transport had its idle connections closed %d times", n)
			}
		})
	}
}

// TestAPIErrorRedactsEveryField: a server that echoes the secret key in any
// string field of its error body (the code and the trace ID included, and in
// metadata under JSON's HTML escaping) must not get it into the APIError.
func TestAPIErrorRedactsEveryField(t *testing.T) {
	for _, key := range []string{canaryKey, "sk_test_CANARY<&>canary"} {
		echo := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			a := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(400)
			b, _ := json.Marshal(map[string]any{
				"errors": []map[string]any{{
					"code": "bad_key_" + a, "message": "m", "long_message": "l",
					"meta": map[string]any{"nested": []any{map[string]any{"k": a}}},
				}},
				"clerk_trace_id": "trace-" + a,
			})
			_, _ = w.Write(b)
		})
		srv := httptest.NewServer(echo)
		c, _ := newTestClient(t, srv.URL+"/v1", Config{SecretKey: key})
		err := c.Get(context.Background(), "/users/user_1", nil, nil)
		srv.Close()
		var ae *APIError
		if !errors.As(err, &ae) {
			t.Fatalf("err = %v", err)
		}
		for _, s := range []string{err.Error(), fmt.Sprintf("%+v", ae), fmt.Sprintf("%#v", ae), ae.TraceID, ae.Errors[0].Code} {
			if strings.Contains(s, "CANARY") {
				t.Errorf("key %q leaked: %s", key, s)
			}
		}
	}
}

// TestErrorIsOneLineWhateverTheBody: the code and trace ID come from the
// body as freely as the messages do; Error() must stay one line, and short,
// whatever they hold.
func TestErrorIsOneLineWhateverTheBody(t *testing.T) {
	long := strings.Repeat("x", 1000)
	for _, body := range []string{
		`{"errors":[{"code":"a\nb","message":"m"}],"clerk_trace_id":"t\r\nInjected: yes"}`,
		`{"errors":[{"code":"a\u2028b\u0085c"}],"clerk_trace_id":"t\u2029u"}`,
		`{"errors":[{"code":"` + long + `"}],"clerk_trace_id":"` + long + `"}`,
	} {
		e := NewAPIError(400, nil, []byte(body), 0, canaryKey)
		s := e.Error()
		if strings.ContainsAny(s, "\n\r\u2028\u2029\u0085") || len(s) > 600 {
			t.Errorf("Error() of %.60s... is not one short line: %q", body, s)
		}
	}
}
