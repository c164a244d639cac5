package clerk

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"
	"time"
)

// TestRequireReverificationMatchesClerkJS: the decision on each fva claim,
// for each preset and level, is @clerk/shared 4.41.0's: the want strings
// were printed by node calling its createCheckAuthorization({userId,
// factorVerificationAge})({reverification}) for exactly these claims (1:
// pass, 0: fail).
func TestRequireReverificationMatchesClerkJS(t *testing.T) {
	c, _ := setup(t, WithJWTKey(testKeys().pem), withClock(clock))
	fvas := [][]int{nil, {0, 0}, {5, -1}, {-1, 5}, {-1, -1}, {9, 9}, {10, 10}, {9, 11}, {11, 9}, {59, 59}, {60, 60},
		{1439, 1439}, {1440, 0}, {0, 1440}, {-2, 0}, {0, -1}, {-1, 0}, {30, 5}}
	tokens := make([]string, len(fvas))
	for i, fva := range fvas {
		extra := map[string]any{}
		if fva != nil {
			extra["fva"] = fva
		}
		tokens[i] = mint(t, now, extra)
	}
	tests := []struct {
		opt  AuthOption
		body any
		want string
	}{
		{RequireReverification(ReverifyStrictMFA), "strict_mfa", "011001000000000100"},
		{RequireReverification(ReverifyStrict), "strict", "011101001000100111"},
		{RequireReverification(ReverifyModerate), "moderate", "011101111100100111"},
		{RequireReverification(ReverifyLax), "lax", "011101111111100111"},
		{RequireReverificationWithin(FirstFactor, 10*time.Minute), map[string]any{"level": "first_factor", "afterMinutes": 10.0}, "011001010000010100"},
		{RequireReverificationWithin(SecondFactor, 10*time.Minute), map[string]any{"level": "second_factor", "afterMinutes": 10.0}, "011101001000100111"},
		{RequireReverificationWithin(MultiFactor, 10*time.Minute), map[string]any{"level": "multi_factor", "afterMinutes": 10.0}, "011001000000000100"},
	}
	ok := http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})
	for _, tt := range tests {
		h := c.RequireAuth(tt.opt)(ok)
		for i, tok := range tokens {
			r := httptest.NewRequest("GET", "/x", nil)
			r.Header.Set("Authorization", "Bearer "+tok)
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			want := map[byte]int{'1': 200, '0': 403}[tt.want[i]]
			if w.Code != want {
				t.Errorf("%v, fva %v: %d, want %d", tt.body, fvas[i], w.Code, want)
				continue
			}
			if w.Code != 403 {
				continue
			}
			// Clerk's reverificationError(config), as JSON.
			wantBody := map[string]any{"clerk_error": map[string]any{"type": "forbidden", "reason": "reverification-error",
				"metadata": map[string]any{"reverification": tt.body}}}
			var got any
			if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil || !reflect.DeepEqual(got, wantBody) {
				t.Errorf("%v: body %s, want %v", tt.body, w.Body, wantBody)
			}
		}
	}
	for name, f := range map[string]func(){
		"unknown preset": func() { RequireReverification("sometimes") },
		"unknown level":  func() { RequireReverificationWithin("third_factor", time.Hour) },
		"zero age":       func() { RequireReverificationWithin(FirstFactor, 0) },
		"partial minute": func() { RequireReverificationWithin(FirstFactor, 90*time.Second) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

// TestReverificationIsAboutSessions: machine tokens are not asked for it,
// but, as for permissions, need a scope on such a route.
func TestReverificationIsAboutSessions(t *testing.T) {
	c, srv := setup(t, WithJWTKey(testKeys().pem), withClock(clock))
	machineVerifyAnswers(t, srv.Mux)
	ok := http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})
	all := AcceptsToken(SessionToken, APIKeyToken)
	if got := serve(c.RequireAuth(all, RequireReverification(ReverifyStrict))(ok), "ak_x"); got != 403 {
		t.Errorf("API key, reverification only: %d, want 403", got)
	}
	if got := serve(c.RequireAuth(all, RequireReverification(ReverifyStrict), RequireScope("users:read"))(ok), "ak_x"); got != 200 {
		t.Errorf("API key, reverification and its scope: %d, want 200", got)
	}
}

// TestExtractToken: the function is the only source of the token, typed by
// its shape.
func TestExtractToken(t *testing.T) {
	c, srv := setup(t, WithJWTKey(testKeys().pem), withClock(clock))
	machineVerifyAnswers(t, srv.Mux)
	fromQuery := ExtractToken(func(r *http.Request) string { return r.URL.Query().Get("token") })
	session := mint(t, now, nil)
	for _, tt := range []struct {
		target, bearer string
		opts           []AuthOption
		want           error
		wantType       TokenType
	}{
		{"/x?token=" + session, "", nil, nil, SessionToken},
		{"/x?token=ak_x", "", []AuthOption{AcceptsToken(APIKeyToken)}, nil, APIKeyToken},
		{"/x?token=ak_x", "", nil, ErrInvalidToken, ""},
		{"/x", session, nil, ErrNoToken, ""}, // the header is not read
	} {
		r := httptest.NewRequest("GET", tt.target, nil)
		if tt.bearer != "" {
			r.Header.Set("Authorization", "Bearer "+tt.bearer)
		}
		a, err := c.AuthenticateRequest(r, append(tt.opts, fromQuery)...)
		if tt.want != nil {
			if !errors.Is(err, tt.want) {
				t.Errorf("%s: %v, want %v", tt.target, err, tt.want)
			}
			continue
		}
		if err != nil || a.TokenType != tt.wantType {
			t.Errorf("%s: %+v, %v", tt.target, a, err)
		}
	}
}

// TestOnAuthFailure: the handler answers instead of RequireAuth, with the
// status and a reason matching the documented sentinels, and the caller's
// Auth on the context for a 403.
func TestOnAuthFailure(t *testing.T) {
	c, _ := setup(t, WithJWTKey(testKeys().pem), withClock(clock))
	type call struct {
		status  int
		err     error
		hasAuth bool
	}
	var got call
	onFail := OnAuthFailure(func(w http.ResponseWriter, r *http.Request, status int, err error) {
		_, hasAuth := AuthFromContext(r.Context())
		got = call{status, err, hasAuth}
		w.WriteHeader(418)
	})
	h := c.RequireAuth(onFail, RequirePermission("org:billing:manage"), RequireReverification(ReverifyStrict))(http.NotFoundHandler())
	member := mint(t, now, map[string]any{"o": map[string]any{"id": "org_1", "rol": "member"}})
	for _, tt := range []struct {
		bearer string
		want   call
		is     error
	}{
		{"", call{401, nil, false}, ErrNoToken},
		{"not.a.token", call{401, nil, false}, ErrInvalidToken},
		{member, call{403, nil, true}, ErrAccessDenied},
	} {
		got = call{}
		if code := serve(h, tt.bearer); code != 418 {
			t.Errorf("%.10q: RequireAuth answered %d itself", tt.bearer, code)
		}
		if got.status != tt.want.status || got.hasAuth != tt.want.hasAuth || !errors.Is(got.err, tt.is) {
			t.Errorf("%.10q: handler got %+v, want status %d, auth %v, %v", tt.bearer, got, tt.want.status, tt.want.hasAuth, tt.is)
		}
	}
	// A reverification failure is both ErrAccessDenied and
	// ErrReverificationRequired.
	admin := mint(t, now, map[string]any{"fea": "o:billing", "o": map[string]any{"id": "org_1", "rol": "admin", "per": "manage", "fpm": "1"}, "fva": []int{30, 30}})
	serve(h, admin)
	if got.status != 403 || !errors.Is(got.err, ErrReverificationRequired) || !errors.Is(got.err, ErrAccessDenied) {
		t.Errorf("stale verification: %+v", got)
	}
	c.Close()
	serve(h, admin)
	if got.status != 503 || !errors.Is(got.err, ErrClosed) {
		t.Errorf("after Close: %+v", got)
	}
}
