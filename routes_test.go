package clerk

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// publicProbe answers 200 "public" for every request RequireAuth lets
// through without a token, and 401 otherwise.
func publicProbe(t *testing.T, opts ...AuthOption) http.Handler {
	t.Helper()
	c, _ := setup(t, WithJWTKey(testKeys().pem), withClock(clock))
	return c.RequireAuth(opts...)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "public")
	}))
}

// isPublicPath reports whether h let a token-less GET of target through.
func isPublicPath(t *testing.T, h http.Handler, target string) bool {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
	switch w.Code {
	case 200:
		return true
	case 401:
		return false
	}
	t.Fatalf("GET %s: status %d", target, w.Code)
	return false
}

// TestPublicRoutesMatchClerkJS checks each feature of createRouteMatcher's
// patterns against the answers of @clerk/shared 4.41.0 itself: the expected
// values were printed by node running its compiled path-to-regexp on
// normalizePath(path) (decodeURI, then // collapsed), for exactly these
// patterns and paths.
func TestPublicRoutesMatchClerkJS(t *testing.T) {
	tests := []struct {
		pattern string
		want    map[string]bool
	}{
		// literal text: a dot is a dot; case-insensitive; optional trailing
		// slash; escapes of unreserved characters decoded.
		{"/robots.txt", map[string]bool{"/robots.txt": true, "/robotsXtxt": false, "/ROBOTS.TXT": true,
			"/robots.txt/": true, "/robots%2Etxt": true, "/robots.txt.bak": false}},
		{"/sign-in", map[string]bool{"/sign%2Din": true, "/sign%2din": true, "/sign-in/": true,
			"/%C5%BFign-in": false}}, // Go's (?i) folds ſ to s, JS's i flag does not
		{"/kit", map[string]bool{"/KIT": true, "/%E2%84%AAit": false}}, // nor the Kelvin sign to k
		{"/", map[string]bool{"/": true, "/x": false}},
		{"", map[string]bool{"/": false, "/x": false}},                                       // dropped by createPathMatcher's filter(Boolean)
		{"/café", map[string]bool{"/caf%C3%A9": true, "/CAF%C3%89": true, "/caf%C3": false}}, // JS: malformed, 400
		{"/x/\\(y\\)", map[string]bool{"/x/(y)": true, "/x/y": false}},
		// an encoded slash is literal text, never a segment boundary
		{"/a%2Fb", map[string]bool{"/a%2Fb": true, "/a/b": false, "/a%2fb": true}},
		// (regex) groups
		{"/sign-in(.*)", map[string]bool{"/sign-in": true, "/sign-in/factor-one": true, "/sign-inx": true,
			"/Sign-In/x": true, "/x/sign-in": false, "/sign-in%2Fx": true}},
		{"/webhooks/(.*)", map[string]bool{"/webhooks/clerk": true, "/webhooks%2Fx/settings": false,
			"/webhooks%2fx": false, "/webhooks/": true, "/webhooks": false, "/WEBHOOKS/x": true,
			"/webhooks/a%0Db": false, "/webhooks/a%E2%80%A8b": false, "/webhooks/a%E2%80%A9b": false}}, // JS's . stops there
		{"/x/(\\d+)", map[string]bool{"/x/1": true, "/x/a": false}},
		{"/(.*)*", map[string]bool{"/x": true}},
		// :param, :param?, :param*, :param+, :param(regex)
		{"/users/:id", map[string]bool{"/users/1": true, "/users/1/": true, "/users": false,
			"/users/1/2": false, "/users/a%2Fb": true}},
		{"/users/:id?", map[string]bool{"/users": true, "/users/1": true, "/users/1/2": false}},
		{"/docs/:path*", map[string]bool{"/docs": true, "/docs/": true, "/docs/a/b": true, "/docsx": false,
			"/docs%2Fa": false, "/Docs/A": true}},
		{"/files/:rest+", map[string]bool{"/files": false, "/files/a": true, "/files/a/b": true}},
		{"/orders/:id(\\d+)", map[string]bool{"/orders/12": true, "/orders/ab": false, "/orders/12/": true}},
		{"/a:b", map[string]bool{"/ax": true, "/a": false, "/a/x": false}},
		// parameters after a "." prefix or a one-character separator
		{"/api/:version.:format", map[string]bool{"/api/v1.json": true, "/api/v1": false, "/api/v1.json.x": true}},
		{"/file.:ext", map[string]bool{"/file.txt": true, "/file.tar.gz": false, "/fileXtxt": false}},
		{"/a/:b-:c", map[string]bool{"/a/x-y": true, "/a/x-y-z": true, "/a/x": false}},
		// {groups} with a modifier
		{"/a{-:b}?", map[string]bool{"/a": true, "/a-x": true, "/a-": false, "/a-x/": true}},
	}
	for _, tt := range tests {
		h := publicProbe(t, PublicRoutes(tt.pattern))
		for p, want := range tt.want {
			if got := isPublicPath(t, h, p); got != want {
				t.Errorf("PublicRoutes(%q): %s public = %v, want %v (Clerk JS)", tt.pattern, p, got, want)
			}
		}
	}
}

// TestPublicRoutesRefuseWhatClerkJSRefuses: the patterns path-to-regexp
// throws on panic here too, as do those Go's regexp cannot express.
func TestPublicRoutesRefuseWhatClerkJSRefuses(t *testing.T) {
	for _, p := range []string{
		"/api/*",      // Unexpected MODIFIER, expected END
		"/a(",         // Unbalanced pattern
		"/:",          // Missing parameter name
		"/(?:x)",      // Pattern cannot start with "?"
		"/a((b))",     // Capturing groups are not allowed
		"/:a:b",       // Must have text between two parameters
		"/a{",         // Unexpected END, expected CLOSE
		"/a/:b-x-:c",  // needs a lookahead
		"/x/((?=a)a)", // a lookahead in a group
		"/x\\",        // trailing backslash
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("PublicRoutes(%q) did not panic", p)
				}
			}()
			PublicRoutes(p)
		}()
	}
}

// TestEncodedSlashNeverReachesAProtectedHandler drives RequireAuth in front
// of a net/http.ServeMux, whose wildcards split the escaped path, over every
// path of one to three segments built from segments with encoded slashes
// (%2F, %2f, double-encoded), dot segments hidden behind them, and plain
// ones. The public patterns decide on the first segment (everything below
// /webhooks/ or /docs/ is public), so a request without a token may reach a
// protected handler only when the router's first segment is the one the
// patterns saw: a first-segment wildcard value holding a slash, which only
// an encoded slash can put there, is the bypass; so is reaching /files/ at
// all.
func TestEncodedSlashNeverReachesAProtectedHandler(t *testing.T) {
	var bypass string
	mux := http.NewServeMux()
	mux.HandleFunc("GET /webhooks/clerk", func(http.ResponseWriter, *http.Request) {})
	mux.HandleFunc("GET /{tenant}/settings", func(_ http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.PathValue("tenant"), "/") {
			bypass = "/{tenant}/settings with tenant " + r.PathValue("tenant")
		}
	})
	mux.HandleFunc("GET /{tenant}/{item}/edit", func(_ http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.PathValue("tenant"), "/") {
			bypass = "/{tenant}/{item}/edit with " + r.PathValue("tenant") + ", " + r.PathValue("item")
		}
	})
	// {path...} conflicts with /{tenant}/settings in one mux: a second one.
	files := http.NewServeMux()
	files.HandleFunc("GET /webhooks/{id}", func(http.ResponseWriter, *http.Request) {})
	files.HandleFunc("GET /files/{path...}", func(_ http.ResponseWriter, r *http.Request) {
		bypass = "/files/{path...} with " + r.PathValue("path")
	})
	segs := []string{"webhooks", "docs", "files", "settings", "edit", "x",
		"webhooks%2Fx", "webhooks%2fx", "webhooks%252Fx", "docs%2F..%2Ffiles", "docs%2F", "x%2Fsettings",
		"%2F", "%2Fsettings", "files%2F", "%2e%2e", "..%2Ffiles", "webhooks%2F%2e%2e%2Ffiles"}
	var paths []string
	for _, a := range segs {
		paths = append(paths, "/"+a)
		for _, b := range segs {
			paths = append(paths, "/"+a+"/"+b)
			for _, c := range segs {
				paths = append(paths, "/"+a+"/"+b+"/"+c)
			}
		}
	}
	for _, patterns := range [][]string{
		{"/webhooks/(.*)", "/docs/(.*)"},
		{"/webhooks/:id", "/docs/:path*"},
		{"/webhooks/clerk", "/docs/:path+", "/webhooks/([^/]+)"},
	} {
		c, _ := setup(t, WithJWTKey(testKeys().pem), withClock(clock))
		for _, m := range []*http.ServeMux{mux, files} {
			h := c.RequireAuth(PublicRoutes(patterns...))(m)
			for _, p := range paths {
				bypass = ""
				h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", p, nil))
				if bypass != "" {
					t.Fatalf("PublicRoutes(%q): GET %s without a token reached %s", patterns, p, bypass)
				}
			}
		}
	}
}

// TestDecodeURIPath pins the decoding to JavaScript's decodeURI: reserved
// characters stay escaped as written, others are decoded, non-ASCII as
// UTF-8, and what decodeURI throws on fails.
func TestDecodeURIPath(t *testing.T) {
	for in, want := range map[string]string{
		"/a/b":                 "/a/b",
		"/a%2Fb%2fc":           "/a%2Fb%2fc",
		"/%3B%2F%3F%3A%40%26":  "/%3B%2F%3F%3A%40%26",
		"/%3D%2B%24%2C%23":     "/%3D%2B%24%2C%23",
		"/%41%62%2D%5F%7E%20":  "/Ab-_~ ",
		"/%25%32%46":           "/%2F", // one decoding only: %25 is "%"
		"/caf%C3%A9/%E2%82%AC": "/café/€",
		"/%F0%9F%98%80":        "/😀",
	} {
		if got, ok := decodeURIPath(in); !ok || got != want {
			t.Errorf("decodeURIPath(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"/%", "/%2", "/%zz", "/%C3", "/%C3%28", "/%C0%AF", "/%ED%A0%80", "/%FF", "/%E2%82"} {
		if got, ok := decodeURIPath(in); ok {
			t.Errorf("decodeURIPath(%q) = %q, want a failure", in, got)
		}
	}
}

// TestPublicRoutesRegexp: Go regular expressions, anchored, case-sensitive
// unless (?i), no optional trailing slash, on the same path as PublicRoutes.
func TestPublicRoutesRegexp(t *testing.T) {
	h := publicProbe(t, PublicRoutesRegexp(`/sign-in(/.*)?`, `(?i)/Help`, `/files/[^/]+\.txt`))
	for p, want := range map[string]bool{
		"/sign-in": true, "/sign-in/x": true, "/sign-inx": false, "/Sign-In": false, "/sign-in%2Fx": false,
		"/help": true, "/HELP": true, "/help/": false, "/x/help": false,
		"/files/a.txt": true, "/files/a%2Fb.txt": true, "/files/a/b.txt": false, "/files/../a.txt": false,
	} {
		if got := isPublicPath(t, h, p); got != want {
			t.Errorf("%s public = %v, want %v", p, got, want)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("a pattern that does not compile did not panic")
		}
	}()
	PublicRoutesRegexp("(")
}
