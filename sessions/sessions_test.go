package sessions

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

// setup returns a Service whose transport talks to a spec-checking server.
func setup(t *testing.T, opts ...spectest.Option) (*Service, *spectest.Server) {
	t.Helper()
	return spectest.Setup[Service](t, opts...)
}

// sessionJSON is a session as the API answers it, every field of the spec's
// schema set.
func sessionJSON(id string, status Status) string {
	return fmt.Sprintf(`{
		"object": "session", "id": %q, "user_id": "user_1", "client_id": "client_1",
		"actor": {"sub": "user_admin", "iss": "https://dashboard.clerk.com"},
		"status": %q, "last_active_organization_id": "org_1",
		"last_active_at": 1700000000123,
		"latest_activity": {"object": "session_activity", "id": "sess_activity_1", "device_type": "Macintosh",
			"is_mobile": false, "browser_name": "Chrome", "browser_version": "120.0", "ip_address": "203.0.113.9",
			"city": "Paris", "country": "FR"},
		"expire_at": 1700600000000, "abandon_at": 1702600000000,
		"updated_at": 1700000000456, "created_at": 1699000000000,
		"tasks": [{"key": "choose-organization"}]
	}`, id, status)
}

func ms(n int64) time.Time { return time.UnixMilli(n).UTC() }

func TestGet(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("GET /sessions/{session_id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "sess_1", r.PathValue("session_id"))
		spectest.WriteJSON(w, 200, sessionJSON("sess_1", StatusActive))
	})

	s, err := svc.Get(context.Background(), "sess_1")
	require.NoError(t, err)
	want := &Session{
		Object: "session", ID: "sess_1", UserID: "user_1", ClientID: "client_1",
		Actor:  Actor{"sub": "user_admin", "iss": "https://dashboard.clerk.com"},
		Status: StatusActive, LastActiveOrganizationID: "org_1",
		LastActiveAt: ms(1700000000123),
		LatestActivity: &Activity{
			Object: "session_activity", ID: "sess_activity_1", DeviceType: "Macintosh", BrowserName: "Chrome",
			BrowserVersion: "120.0", IPAddress: "203.0.113.9", City: "Paris", Country: "FR",
		},
		ExpireAt: ms(1700600000000), AbandonAt: ms(1702600000000),
		UpdatedAt: ms(1700000000456), CreatedAt: ms(1699000000000),
		Tasks: []Task{{Key: "choose-organization"}},
	}
	assert.Equal(t, want, s)
	assert.Equal(t, "user_admin", s.Actor.Subject())
	assert.Equal(t, 1, srv.Count("GET", "/v1/sessions/sess_1"))
}

func TestNullablesAndUnknownStatus(t *testing.T) {
	var s Session
	err := internal.Unmarshal([]byte(`{"object":"session","id":"sess_2","user_id":"user_1","client_id":"client_1",
		"actor":null,"status":"some_future_status","last_active_organization_id":null,"last_active_at":1,
		"latest_activity":null,"expire_at":2,"abandon_at":3,"updated_at":4,"created_at":5,"tasks":null,
		"a_field_from_the_future":true}`), &s)
	require.NoError(t, err)
	assert.Equal(t, Status("some_future_status"), s.Status)
	assert.Nil(t, s.Actor)
	assert.Nil(t, s.LatestActivity)
	assert.Nil(t, s.Tasks)
	assert.Equal(t, "", s.LastActiveOrganizationID)
	assert.Equal(t, "", s.Actor.Subject())
	assert.Equal(t, ms(1), s.LastActiveAt)
	assert.Equal(t, ms(5), s.CreatedAt)
}

func TestSessionJSONRoundTrip(t *testing.T) {
	var s Session
	require.NoError(t, internal.Unmarshal([]byte(sessionJSON("sess_1", StatusPending)), &s))
	b, err := internal.MarshalAPI(s)
	require.NoError(t, err)
	var again Session
	require.NoError(t, internal.Unmarshal(b, &again))
	assert.Equal(t, s, again)
	assert.Contains(t, string(b), `"created_at":1699000000000`)
	assert.Contains(t, string(b), `"last_active_at":1700000000123`)

	// The encoding is the API's own: it passes the spec's response check.
	r, _ := http.NewRequest("GET", "http://x/v1/sessions/sess_1", nil)
	assert.NoError(t, spectest.ValidateResponse(r, 200, http.Header{"Content-Type": {"application/json"}}, b))
	// So does a zero-ish session (nil actor, activity and tasks are left out).
	b, err = internal.MarshalAPI(Session{Object: "session", ID: "sess_0", Status: StatusActive})
	require.NoError(t, err)
	assert.NoError(t, spectest.ValidateResponse(r, 200, http.Header{"Content-Type": {"application/json"}}, b))
}

func TestList(t *testing.T) {
	tests := []struct {
		name      string
		params    *ListParams
		wantQuery url.Values
		answer    string
		wantIDs   []string
		wantTotal int64
	}{
		{
			name:      "nil params, paginated shape",
			params:    nil,
			wantQuery: url.Values{"paginated": {"true"}},
			answer:    `{"data":[` + sessionJSON("sess_1", StatusActive) + `],"total_count":7}`,
			wantIDs:   []string{"sess_1"},
			wantTotal: 7,
		},
		{
			name:   "every filter, bare array shape",
			params: &ListParams{UserID: new("user_1"), ClientID: new("client_1"), Status: new(StatusRevoked), Limit: new(2), Offset: new(4)},
			wantQuery: url.Values{
				"user_id": {"user_1"}, "client_id": {"client_1"}, "status": {"revoked"},
				"limit": {"2"}, "offset": {"4"}, "paginated": {"true"},
			},
			answer:    `[` + sessionJSON("sess_1", StatusRevoked) + `,` + sessionJSON("sess_2", StatusRevoked) + `]`,
			wantIDs:   []string{"sess_1", "sess_2"},
			wantTotal: 0,
		},
		{
			name:      "zero offset is sent when set",
			params:    &ListParams{UserID: new("user_1"), Offset: new(0)},
			wantQuery: url.Values{"user_id": {"user_1"}, "offset": {"0"}, "paginated": {"true"}},
			answer:    `[]`,
			wantIDs:   nil,
		},
		{
			name:      "empty paginated page",
			params:    &ListParams{ClientID: new("client_9")},
			wantQuery: url.Values{"client_id": {"client_9"}, "paginated": {"true"}},
			answer:    `{"data":[],"total_count":0}`,
			wantIDs:   nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var opts []spectest.Option
			if strings.HasPrefix(tt.answer, "[") {
				// The spec declares the bare array only: check it. The
				// paginated shape is not in the spec (see the package's
				// List doc), so it cannot be.
				opts = append(opts, spectest.WithResponseValidation())
			}
			svc, srv := setup(t, opts...)
			srv.Mux.HandleFunc("GET /sessions", func(w http.ResponseWriter, r *http.Request) {
				assert.Equal(t, tt.wantQuery, r.URL.Query())
				spectest.WriteJSON(w, 200, tt.answer)
			})
			page, err := svc.List(context.Background(), tt.params)
			require.NoError(t, err)
			var ids []string
			for _, s := range page.Data {
				ids = append(ids, s.ID)
				assert.False(t, s.CreatedAt.IsZero())
			}
			assert.Equal(t, tt.wantIDs, ids)
			assert.Equal(t, tt.wantTotal, page.TotalCount)
		})
	}
}

func TestListDoesNotChangeParams(t *testing.T) {
	svc, srv := setup(t)
	srv.Mux.HandleFunc("GET /sessions", func(w http.ResponseWriter, r *http.Request) { spectest.WriteJSON(w, 200, `[]`) })
	p := &ListParams{UserID: new("user_1")}
	for range svc.All(context.Background(), p) {
	}
	assert.Equal(t, &ListParams{UserID: new("user_1")}, p)
}

// fakeSessions serves n sessions of user_1 over GET /sessions, in either
// list shape, recording the limit and offset of each request.
type fakeSessions struct {
	n         int
	paginated bool // answer {data,total_count} (else the bare array)
	failAt    int  // answer 500 to the request with this offset (-1: never)

	mu       sync.Mutex
	limits   []int
	offsets  []int
	requests int
}

func (f *fakeSessions) serve(t *testing.T) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		assert.Equal(t, "user_1", q.Get("user_id"))
		assert.Equal(t, "true", q.Get("paginated"))
		limit, _ := strconv.Atoi(q.Get("limit"))
		offset, _ := strconv.Atoi(q.Get("offset"))
		f.mu.Lock()
		f.requests++
		f.limits = append(f.limits, limit)
		f.offsets = append(f.offsets, offset)
		f.mu.Unlock()
		if offset == f.failAt {
			spectest.WriteJSON(w, 500, `{"errors":[{"code":"internal_clerk_error","message":"boom","long_message":"boom"}]}`)
			return
		}
		var items []string
		for i := offset; i < offset+limit && i < f.n; i++ {
			items = append(items, fmt.Sprintf(`{"object":"session","id":"sess_%d","user_id":"user_1","client_id":"client_1","status":"active","last_active_at":1,"expire_at":2,"abandon_at":3,"updated_at":4,"created_at":5}`, i))
		}
		arr := "[" + strings.Join(items, ",") + "]"
		if f.paginated {
			spectest.WriteJSON(w, 200, fmt.Sprintf(`{"data":%s,"total_count":%d}`, arr, f.n))
			return
		}
		spectest.WriteJSON(w, 200, arr)
	}
}

func TestAll(t *testing.T) {
	tests := []struct {
		name        string
		n           int
		paginated   bool
		params      *ListParams
		wantLimits  []int
		wantOffsets []int
		wantCount   int
	}{
		{
			name: "paginated shape stops at the total", n: 1200, paginated: true,
			params:     &ListParams{UserID: new("user_1")},
			wantLimits: []int{500, 500, 500}, wantOffsets: []int{0, 500, 1000}, wantCount: 1200,
		},
		{
			name: "exact multiple of the page stops at the total, no empty page", n: 1000, paginated: true,
			params:     &ListParams{UserID: new("user_1")},
			wantLimits: []int{500, 500}, wantOffsets: []int{0, 500}, wantCount: 1000,
		},
		{
			name: "bare array shape stops at a short page", n: 1200, paginated: false,
			params:     &ListParams{UserID: new("user_1")},
			wantLimits: []int{500, 500, 500}, wantOffsets: []int{0, 500, 1000}, wantCount: 1200,
		},
		{
			name: "bare array, exact multiple ends with an empty page", n: 1000, paginated: false,
			params:     &ListParams{UserID: new("user_1")},
			wantLimits: []int{500, 500, 500}, wantOffsets: []int{0, 500, 1000}, wantCount: 1000,
		},
		{
			name: "caller's limit and offset", n: 25, paginated: true,
			params:     &ListParams{UserID: new("user_1"), Limit: new(10), Offset: new(3)},
			wantLimits: []int{10, 10, 10}, wantOffsets: []int{3, 13, 23}, wantCount: 22,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, srv := setup(t)
			f := &fakeSessions{n: tt.n, paginated: tt.paginated, failAt: -1}
			srv.Mux.HandleFunc("GET /sessions", f.serve(t))
			seen := map[string]bool{}
			for s, err := range svc.All(context.Background(), tt.params) {
				require.NoError(t, err)
				assert.False(t, seen[s.ID], "duplicate %s", s.ID)
				seen[s.ID] = true
			}
			assert.Len(t, seen, tt.wantCount)
			assert.Equal(t, tt.wantLimits, f.limits)
			assert.Equal(t, tt.wantOffsets, f.offsets)
		})
	}
}

func TestAllStopsEarlyAndOnError(t *testing.T) {
	t.Run("break stops fetching", func(t *testing.T) {
		svc, srv := setup(t)
		f := &fakeSessions{n: 5000, paginated: true, failAt: -1}
		srv.Mux.HandleFunc("GET /sessions", f.serve(t))
		n := 0
		for _, err := range svc.All(context.Background(), &ListParams{UserID: new("user_1")}) {
			require.NoError(t, err)
			if n++; n == 501 {
				break
			}
		}
		assert.Equal(t, 2, f.requests)
	})
	t.Run("error mid-way is yielded once", func(t *testing.T) {
		svc, srv := setup(t)
		f := &fakeSessions{n: 5000, paginated: true, failAt: 1000}
		srv.Mux.HandleFunc("GET /sessions", f.serve(t))
		n, errs := 0, 0
		for s, err := range svc.All(context.Background(), &ListParams{UserID: new("user_1")}) {
			if err != nil {
				errs++
				assert.Nil(t, s)
				var apiErr *internal.APIError
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, 500, apiErr.StatusCode)
				continue
			}
			n++
		}
		assert.Equal(t, 1000, n)
		assert.Equal(t, 1, errs)
		// GET is retried on 500: the failing page was asked for 1+3 times.
		assert.Equal(t, []int{0, 500, 1000, 1000, 1000, 1000}, f.offsets)
	})
}

func TestRevoke(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("POST /sessions/{session_id}/revoke", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		assert.Empty(t, b, "revoke sends no body")
		spectest.WriteJSON(w, 200, sessionJSON(r.PathValue("session_id"), StatusRevoked))
	})
	s, err := svc.Revoke(context.Background(), "sess_1")
	require.NoError(t, err)
	assert.Equal(t, StatusRevoked, s.Status)
	assert.Equal(t, "sess_1", s.ID)
	assert.Equal(t, 1, srv.Count("POST", "/v1/sessions/sess_1/revoke"))
}

const testJWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyXzEifQ.c2lnbmF0dXJl"

func TestCreateToken(t *testing.T) {
	tests := []struct {
		name     string
		template string
		params   *CreateTokenParams
		wantPath string
		wantBody string
	}{
		{"session token, nil params", "", nil, "/v1/sessions/sess_1/tokens", ""},
		{"session token, lifetime", "", &CreateTokenParams{ExpiresInSeconds: new(60)}, "/v1/sessions/sess_1/tokens", `{"expires_in_seconds":60}`},
		{"session token, empty params", "", &CreateTokenParams{}, "/v1/sessions/sess_1/tokens", `{}`},
		{"template", "custom_hasura", nil, "/v1/sessions/sess_1/tokens/custom_hasura", ""},
		{"template, lifetime", "custom_hasura", &CreateTokenParams{ExpiresInSeconds: new(3600)}, "/v1/sessions/sess_1/tokens/custom_hasura", `{"expires_in_seconds":3600}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, srv := setup(t, spectest.WithResponseValidation())
			h := func(w http.ResponseWriter, r *http.Request) {
				b, _ := io.ReadAll(r.Body)
				if tt.wantBody == "" {
					assert.Empty(t, b)
				} else {
					assert.JSONEq(t, tt.wantBody, string(b))
				}
				assert.Equal(t, tt.template, r.PathValue("template_name"))
				spectest.WriteJSON(w, 200, `{"object":"token","jwt":"`+testJWT+`"}`)
			}
			srv.Mux.HandleFunc("POST /sessions/{session_id}/tokens", h)
			srv.Mux.HandleFunc("POST /sessions/{session_id}/tokens/{template_name}", h)
			var (
				tok *Token
				err error
			)
			if tt.template == "" {
				tok, err = svc.CreateToken(context.Background(), "sess_1", tt.params)
			} else {
				tok, err = svc.CreateTokenFromTemplate(context.Background(), "sess_1", tt.template, tt.params)
			}
			require.NoError(t, err)
			assert.Equal(t, testJWT, tok.JWT.Reveal())
			assert.Equal(t, "token", tok.Object)
			assert.Equal(t, 1, srv.Count("POST", tt.wantPath))
		})
	}
}

// TestTokenIsRedacted (issue 9, item 6): the JWT never shows through fmt,
// log/slog (text and JSON handlers) or encoding/json, whether the token is
// logged alone, behind a pointer, in a slice ([]sessions.Token), in a map or
// in a struct field. JWT.Reveal gives it; the SDK's own codec writes it in
// clear for the fakes that serve it.
func TestTokenIsRedacted(t *testing.T) {
	tok := Token{Object: "token", JWT: internal.NewSecret(testJWT)}
	for _, leak := range spectest.Leaks(tok, "eyJ", "c2lnbmF0dXJl") {
		t.Error(leak)
	}
	for _, leak := range spectest.Leaks(&tok, "eyJ", "c2lnbmF0dXJl") {
		t.Error(leak)
	}
	assert.Contains(t, fmt.Sprintf("%+v", tok), "JWT:[redacted]")
	assert.Contains(t, fmt.Sprintf("%#v", tok), `Object:"token"`)
	assert.Equal(t, testJWT, tok.JWT.Reveal())
	b, err := internal.MarshalAPI(tok)
	require.NoError(t, err)
	assert.Contains(t, string(b), testJWT)
}

func TestErrors(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("GET /sessions/{session_id}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Clerk-Trace-Id", "trace_1")
		spectest.WriteJSON(w, 404, `{"errors":[{"code":"resource_not_found","message":"not found","long_message":"Session not found"}]}`)
	})
	srv.Mux.HandleFunc("POST /sessions/{session_id}/revoke", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteJSON(w, 401, `{"errors":[{"code":"authentication_invalid","message":"bad key","long_message":"bad key"}]}`)
	})
	_, err := svc.Get(context.Background(), "sess_missing")
	assert.ErrorIs(t, err, internal.ErrNotFound)
	var apiErr *internal.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "trace_1", apiErr.TraceID)
	assert.True(t, apiErr.HasCode("resource_not_found"))

	_, err = svc.Revoke(context.Background(), "sess_1")
	assert.ErrorIs(t, err, internal.ErrUnauthorized)
	assert.Equal(t, 1, srv.Count("POST", "/v1/sessions/sess_1/revoke"), "POST is not retried")
}

func TestInvalidIDs(t *testing.T) {
	svc, srv := setup(t)
	ctx := context.Background()
	for _, id := range []string{"", ".", "..", "sess/1", "sess?x", "sess#1", "sess%2F1", "sess 1", "a\\b"} {
		calls := map[string]func() error{
			"Get":    func() error { _, err := svc.Get(ctx, id); return err },
			"Revoke": func() error { _, err := svc.Revoke(ctx, id); return err },
			"CreateToken": func() error {
				_, err := svc.CreateToken(ctx, id, nil)
				return err
			},
			"CreateTokenFromTemplate(session)": func() error {
				_, err := svc.CreateTokenFromTemplate(ctx, id, "tpl", nil)
				return err
			},
			"CreateTokenFromTemplate(template)": func() error {
				_, err := svc.CreateTokenFromTemplate(ctx, "sess_1", id, nil)
				return err
			},
		}
		for name, call := range calls {
			err := call()
			assert.ErrorIs(t, err, internal.ErrInvalidParams, "%s(%q)", name, id)
			if errors.Is(err, internal.ErrInvalidParams) && id == "" {
				assert.Contains(t, err.Error(), "empty")
			}
		}
	}
	assert.Empty(t, srv.Operations(), "no request may leave for an invalid ID")
}

// TestAllCapsThePageSize: GET /sessions serves at most 500 sessions a page
// (the spec's maximum for limit), so a larger Limit given to All is walked in
// pages of 500 rather than sent and refused.
func TestAllCapsThePageSize(t *testing.T) {
	svc, srv := setup(t)
	f := &fakeSessions{n: 1200, paginated: false, failAt: -1}
	srv.Mux.HandleFunc("GET /sessions", f.serve(t))
	n := 0
	for _, err := range svc.All(context.Background(), &ListParams{UserID: new("user_1"), Limit: new(1000)}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 1200, n)
	assert.Equal(t, []int{500, 500, 500}, f.limits)
	assert.Equal(t, []int{0, 500, 1000}, f.offsets)
}

// TestAllRangedConcurrently: one iterator ranged by two goroutines at once
// walks the list twice, with no data race (run with -race) between the two
// walks' params.
func TestAllRangedConcurrently(t *testing.T) {
	svc, srv := setup(t)
	f := &fakeSessions{n: 250, paginated: true, failAt: -1}
	srv.Mux.HandleFunc("GET /sessions", f.serve(t))
	seq := svc.All(context.Background(), &ListParams{UserID: new("user_1"), Limit: new(100)})
	var wg sync.WaitGroup
	counts := make([]int, 2)
	for i := range counts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, err := range seq {
				assert.NoError(t, err)
				counts[i]++
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, []int{250, 250}, counts)
	assert.Equal(t, 6, f.requests)
}
