package webhooks_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-clerk/clerk/webhooks"
)

func TestHandlerStatus(t *testing.T) {
	signed := delivery(t, testSecret, "msg_1", testNow, userCreated)
	big := bytes.Repeat([]byte(" "), 2<<10)
	errCallback := errors.New("database down")
	tests := []struct {
		name       string
		method     string
		body       []byte
		header     http.Header
		chunked    bool  // no Content-Length: the limit must hold while reading
		callback   error // what the callback returns
		wantStatus int
		wantCalled bool
		wantBody   string
	}{
		{name: "delivered", method: http.MethodPost, body: userCreated, header: signed, wantStatus: http.StatusNoContent, wantCalled: true},
		{name: "callback fails", method: http.MethodPost, body: userCreated, header: signed, callback: errCallback, wantStatus: http.StatusInternalServerError, wantCalled: true, wantBody: "Internal Server Error\n"},
		{name: "GET", method: http.MethodGet, header: signed, wantStatus: http.StatusMethodNotAllowed, wantBody: "Method Not Allowed\n"},
		{name: "PUT", method: http.MethodPut, body: userCreated, header: signed, wantStatus: http.StatusMethodNotAllowed, wantBody: "Method Not Allowed\n"},
		{name: "bad signature", method: http.MethodPost, body: userCreated, header: delivery(t, testSecret, "msg_2", testNow, []byte("{}")), wantStatus: http.StatusBadRequest, wantBody: "Bad Request\n"},
		{name: "missing headers", method: http.MethodPost, body: userCreated, header: http.Header{}, wantStatus: http.StatusBadRequest, wantBody: "Bad Request\n"},
		{name: "stale", method: http.MethodPost, body: userCreated, header: delivery(t, testSecret, "msg_1", testNow.Add(-time.Hour), userCreated), wantStatus: http.StatusBadRequest, wantBody: "Bad Request\n"},
		{name: "not an event", method: http.MethodPost, body: []byte(`{}`), header: delivery(t, testSecret, "msg_1", testNow, []byte(`{}`)), wantStatus: http.StatusBadRequest, wantBody: "Bad Request\n"},
		{name: "too large", method: http.MethodPost, body: big, header: delivery(t, testSecret, "msg_1", testNow, big), wantStatus: http.StatusRequestEntityTooLarge, wantBody: "Request Entity Too Large\n"},
		{name: "too large, chunked", method: http.MethodPost, body: big, chunked: true, header: delivery(t, testSecret, "msg_1", testNow, big), wantStatus: http.StatusRequestEntityTooLarge, wantBody: "Request Entity Too Large\n"},
		{name: "chunked within the limit", method: http.MethodPost, body: userCreated, chunked: true, header: signed, wantStatus: http.StatusNoContent, wantCalled: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := newVerifier(t, webhooks.WithMaxPayloadSize(1<<10))
			var calls atomic.Int32
			h := webhooks.Handler(v, func(ctx context.Context, ev *webhooks.Event) error {
				calls.Add(1)
				if ev.ID != "msg_1" || ev.Type != webhooks.UserCreated {
					t.Errorf("callback got %+v", ev)
				}
				return tt.callback
			})
			req := httptest.NewRequest(tt.method, "/webhooks/clerk", bytes.NewReader(tt.body))
			if tt.chunked {
				req.ContentLength = -1
			}
			for k, vs := range tt.header {
				req.Header[k] = vs
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)

			if rec.Code != tt.wantStatus {
				t.Errorf("status %d, want %d", rec.Code, tt.wantStatus)
			}
			if got := rec.Body.String(); got != tt.wantBody {
				t.Errorf("body %q, want %q", got, tt.wantBody)
			}
			if called := calls.Load() > 0; called != tt.wantCalled {
				t.Errorf("callback called: %v, want %v", called, tt.wantCalled)
			}
			if calls.Load() > 1 {
				t.Errorf("callback called %d times", calls.Load())
			}
			if allow := rec.Header().Get("Allow"); (tt.wantStatus == http.StatusMethodNotAllowed) != (allow == http.MethodPost) {
				t.Errorf("Allow: %q", allow)
			}
		})
	}
}

// Deliveries over a real connection: the callback gets the request's context
// and runs on the server's goroutines.
func TestHandlerServer(t *testing.T) {
	type ctxKey struct{}
	v := newVerifier(t)
	var got atomic.Pointer[webhooks.Event]
	h := webhooks.Handler(v, func(ctx context.Context, ev *webhooks.Event) error {
		if ctx.Value(ctxKey{}) != "from the request" {
			t.Errorf("callback context is not the request's")
		}
		got.Store(ev)
		return nil
	})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, "from the request")))
	}))
	defer srv.Close()

	post := func(body []byte, header http.Header) int {
		req, err := http.NewRequest(http.MethodPost, srv.URL, bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header = header
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := post(userCreated, delivery(t, testSecret, "msg_1", testNow, userCreated)); code != http.StatusNoContent {
		t.Errorf("status %d", code)
	}
	if ev := got.Load(); ev == nil || ev.ID != "msg_1" {
		t.Errorf("callback got %+v", ev)
	}
}

// The default limit is 1 MiB: a body of exactly that size is read and
// verified (and refused as no event), one byte more is refused unread.
func TestHandlerDefaultLimit(t *testing.T) {
	h := webhooks.Handler(newVerifier(t), func(context.Context, *webhooks.Event) error {
		t.Error("callback called")
		return nil
	})
	for _, tt := range []struct {
		size    int
		chunked bool
		want    int
	}{
		{webhooks.DefaultMaxPayloadSize, false, http.StatusBadRequest},
		{webhooks.DefaultMaxPayloadSize, true, http.StatusBadRequest},
		{webhooks.DefaultMaxPayloadSize + 1, false, http.StatusRequestEntityTooLarge},
		{webhooks.DefaultMaxPayloadSize + 1, true, http.StatusRequestEntityTooLarge},
	} {
		body := bytes.Repeat([]byte(" "), tt.size)
		req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
		if tt.chunked {
			req.ContentLength = -1
		}
		req.Header = delivery(t, testSecret, "msg_1", testNow, body)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != tt.want {
			t.Errorf("%d bytes (chunked %v): status %d, want %d", tt.size, tt.chunked, rec.Code, tt.want)
		}
	}
}

func TestHandlerLogs(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, nil))
	v := newVerifier(t)
	h := webhooks.Handler(v, func(context.Context, *webhooks.Event) error { return errors.New("database down") }, webhooks.WithLogger(logger))

	serve := func(header http.Header) {
		req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(userCreated))
		req.Header = header
		h.ServeHTTP(httptest.NewRecorder(), req)
	}
	serve(delivery(t, testSecret, "msg_1", testNow.Add(-time.Hour), userCreated))
	serve(delivery(t, testSecret, "msg_1", testNow, userCreated))
	out := buf.String()
	for _, want := range []string{"level=WARN", "status=400", webhooks.ErrTimestampOutOfRange.Error(), "level=ERROR", "database down", "event_type=user.created", "event_id=msg_1"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, strings.TrimPrefix(testSecret, "whsec_")) || strings.Contains(out, "user_29w83sxmDNGwOuEthce5gg56FcC") {
		t.Errorf("log carries the secret or the payload:\n%s", out)
	}
}

// Without WithLogger the handler logs nothing, not even to slog's default.
func TestHandlerSilentByDefault(t *testing.T) {
	var buf bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&buf, nil)))
	defer slog.SetDefault(old)

	h := webhooks.Handler(newVerifier(t), func(context.Context, *webhooks.Event) error { return errors.New("fail") })
	for _, header := range []http.Header{{}, delivery(t, testSecret, "msg_1", testNow, userCreated)} {
		req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(userCreated))
		req.Header = header
		h.ServeHTTP(httptest.NewRecorder(), req)
	}
	if buf.Len() != 0 {
		t.Errorf("logged: %s", buf.String())
	}
}

func TestHandlerPanicsWithoutArguments(t *testing.T) {
	v := newVerifier(t)
	for name, f := range map[string]func(){
		"nil verifier": func() { webhooks.Handler(nil, func(context.Context, *webhooks.Event) error { return nil }) },
		"nil callback": func() { webhooks.Handler(v, nil) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			f()
		})
	}
}

func TestRouter(t *testing.T) {
	var log []string
	record := func(name string, err error) func(context.Context, *webhooks.Event) error {
		return func(_ context.Context, ev *webhooks.Event) error {
			log = append(log, name+":"+ev.ID)
			return err
		}
	}
	errFail := errors.New("fail")
	r := webhooks.NewRouter().
		On(webhooks.UserCreated, record("created", nil)).
		On(webhooks.UserDeleted, record("deleted", errFail))

	ctx := context.Background()
	if err := r.Handle(ctx, &webhooks.Event{ID: "1", Type: webhooks.UserCreated}); err != nil {
		t.Errorf("user.created: %v", err)
	}
	if err := r.Handle(ctx, &webhooks.Event{ID: "2", Type: webhooks.UserDeleted}); !errors.Is(err, errFail) {
		t.Errorf("user.deleted: got %v, want the route's error", err)
	}
	if err := r.Handle(ctx, &webhooks.Event{ID: "3", Type: webhooks.SessionCreated}); err != nil {
		t.Errorf("event without a route: %v", err)
	}
	if got := strings.Join(log, " "); got != "created:1 deleted:2" {
		t.Errorf("routes called: %s", got)
	}

	for name, f := range map[string]func(){
		"duplicate":  func() { r.On(webhooks.UserCreated, record("again", nil)) },
		"nil":        func() { webhooks.NewRouter().On(webhooks.UserCreated, nil) },
		"empty type": func() { webhooks.NewRouter().On("", record("x", nil)) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			f()
		})
	}
}

// The router as the handler's callback: a failing route makes Svix retry.
func TestRouterInHandler(t *testing.T) {
	r := webhooks.NewRouter().On(webhooks.UserCreated, func(context.Context, *webhooks.Event) error { return errors.New("fail") })
	h := webhooks.Handler(newVerifier(t), r.Handle)
	for typ, want := range map[string]int{"user.created": http.StatusInternalServerError, "user.updated": http.StatusNoContent} {
		body := []byte(`{"type":"` + typ + `","data":{}}`)
		req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
		req.Header = delivery(t, testSecret, "msg_"+strconv.Itoa(want), testNow, body)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("%s: status %d, want %d", typ, rec.Code, want)
		}
	}
}

// Bad but harmless arguments do not panic: a nil option is skipped (as
// apikeys does), and a zero Router is an empty one.
func TestNilOptionsAndZeroRouter(t *testing.T) {
	v, err := webhooks.NewVerifier(testSecret, nil, webhooks.WithClock(clockAt(testNow)), nil)
	if err != nil {
		t.Fatal(err)
	}
	var r webhooks.Router
	called := false
	r.On(webhooks.UserCreated, func(context.Context, *webhooks.Event) error { called = true; return nil })
	h := webhooks.Handler(v, r.Handle, nil)
	req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(userCreated))
	req.Header = delivery(t, testSecret, "msg_1", testNow, userCreated)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusNoContent || !called {
		t.Errorf("status %d, called %v", rec.Code, called)
	}
	var empty webhooks.Router
	if err := empty.Handle(context.Background(), &webhooks.Event{Type: webhooks.UserCreated}); err != nil {
		t.Errorf("zero Router: %v", err)
	}
}
