package clerk

import (
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
)

// The cookies Clerk's frontends and its handshake set on the application's
// domain, named as @clerk/backend names them. Each but the handshake's and
// the redirect counter's also comes suffixed with the instance's
// CookieSuffix ("__session_" + suffix), so that several Clerk applications
// can share a domain.
const (
	// clientUATCookie holds when the browser's Clerk client last changed,
	// in Unix seconds: "0" once it signed out.
	clientUATCookie = "__client_uat"
	// devBrowserCookie holds a development instance's dev-browser token,
	// which stands for the browser's Clerk client.
	devBrowserCookie = "__clerk_db_jwt"

	refreshCookie        = "__refresh"
	handshakeCookie      = "__clerk_handshake"
	handshakeNonceCookie = "__clerk_handshake_nonce"
	redirectCountCookie  = "__clerk_redirect_count"
)

// CookieSuffix returns the suffix Clerk appends to the names of an
// instance's cookies (__session_<suffix>, __client_uat_<suffix>), as
// @clerk/shared's getCookieSuffix computes it: the first 8 characters of
// the URL-safe base64 of the SHA-1 of the publishable key. It is not a
// secret, and the key is not checked here.
func CookieSuffix(publishableKey string) string {
	sum := sha1.Sum([]byte(publishableKey))
	return base64.URLEncoding.EncodeToString(sum[:])[:8]
}

// cookieJar holds a request's cookies as @clerk/backend reads them (the
// cookie package, 1.x): pairs split at ";" and the first "=", names and
// values trimmed of spaces and tabs, a value with a "%" percent-decoded when
// it decodes, and the first of several cookies of a name kept. Go's
// http.Request.Cookie would drop some values that JS keeps.
type cookieJar map[string]string

// readCookies parses the request's Cookie headers.
func readCookies(r *http.Request) cookieJar {
	jar := cookieJar{}
	for _, h := range r.Header.Values("Cookie") {
		for pair := range strings.SplitSeq(h, ";") {
			name, value, ok := strings.Cut(pair, "=")
			if !ok {
				continue
			}
			name, value = strings.Trim(name, " \t"), strings.Trim(value, " \t")
			if _, seen := jar[name]; seen {
				continue
			}
			if strings.Contains(value, "%") {
				if v, err := url.PathUnescape(value); err == nil {
					value = v
				}
			}
			jar[name] = value
		}
	}
	return jar
}

// get returns a cookie's value, "" when it is absent or empty (JS reads
// both as undefined).
func (j cookieJar) get(name string) string { return j[name] }

// peekedJWT is a JWT decoded as @clerk/backend's decodeJwt decodes one,
// without verifying anything: three dot-separated parts, the first two
// base64url (padding tolerated) of JSON. Only what the cookie rules read is
// kept.
type peekedJWT struct {
	header  map[string]any
	payload map[string]any
}

// peekJWT decodes token, reporting false where decodeJwt fails.
func peekJWT(token string) (peekedJWT, bool) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return peekedJWT{}, false
	}
	var p peekedJWT
	for i, dst := range []*map[string]any{&p.header, &p.payload} {
		b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[i], "="))
		if err != nil {
			return peekedJWT{}, false
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			return peekedJWT{}, false
		}
		*dst, _ = v.(map[string]any) // JSON that is no object reads no claim
	}
	if _, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[2], "=")); err != nil {
		return peekedJWT{}, false
	}
	return p, true
}

// number returns a claim that is a JSON number, and whether it is one.
func (p peekedJWT) number(claim string) (float64, bool) {
	f, ok := p.payload[claim].(float64)
	return f, ok
}

// numberOr0 returns a numeric claim, 0 when it is absent or no number (JS's
// `payload.iat || 0`, for the claims Clerk mints as numbers).
func (p peekedJWT) numberOr0(claim string) float64 {
	f, _ := p.number(claim)
	return f
}

// truthy reports whether a claim is JavaScript-truthy: present, and not
// false, 0, "" or null.
func (p peekedJWT) truthy(claim string) bool {
	switch v := p.payload[claim].(type) {
	case nil:
		return false
	case bool:
		return v
	case float64:
		return v != 0
	case string:
		return v != ""
	}
	return true
}

// hasNonSessionCategory reports whether the header names a token class
// other than the session token's (jwtCategories.ts).
func (p peekedJWT) hasNonSessionCategory() bool {
	cat, present := p.header["cat"]
	return present && cat != "cl_B7d4PD111AAA" && cat != "cl_I7d4PD111III"
}
