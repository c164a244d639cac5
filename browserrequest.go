package clerk

import (
	"errors"
	"math"
	"math/big"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// A browser's request as @clerk/backend's AuthenticateContext reads it
// (tokens/authenticateContext.ts): its URL, headers and cookies, the
// suffixed or unsuffixed cookies chosen by Clerk's rules, its referrer.

// browserRequest is what @clerk/backend's AuthenticateContext reads of a
// request: its URL, headers and cookies, with the suffixed or unsuffixed
// cookies chosen by Clerk's rules.
type browserRequest struct {
	c       *Client
	b       *browser
	r       *http.Request
	url     *webURL
	cookies cookieJar

	suffixed        bool
	sessionToken    string
	refreshToken    string
	clientUAT       float64
	devBrowserToken string
	handshakeToken  string
	handshakeNonce  string
	loopCount       float64

	peeks map[string]*peekedJWT // decoded cookies, by value
}

// peek decodes a cookie's JWT once per request; nil when it is none.
func (br *browserRequest) peek(token string) *peekedJWT {
	if token == "" {
		return nil
	}
	if p, ok := br.peeks[token]; ok {
		return p
	}
	p, _ := peekJWT(token)
	if br.peeks == nil {
		br.peeks = make(map[string]*peekedJWT, 2)
	}
	br.peeks[token] = p
	return p
}

func newBrowserRequest(c *Client, r *http.Request) *browserRequest {
	br := &browserRequest{c: c, b: c.browser, r: r, url: requestURL(r), cookies: readCookies(r)}
	br.suffixed = br.usesSuffixedCookies()
	br.sessionToken = br.cookie(SessionCookie)
	if br.b.suffix != "" {
		br.refreshToken = br.cookies.get(refreshCookie + "_" + br.b.suffix)
	}
	br.clientUAT = jsParseInt(br.cookie(clientUATCookie))
	br.devBrowserToken = br.queryOr(devBrowserCookie, br.cookie(devBrowserCookie))
	br.handshakeToken = br.queryOr(handshakeCookie, br.cookies.get(handshakeCookie))
	br.handshakeNonce = br.queryOr(handshakeNonceCookie, br.cookies.get(handshakeNonceCookie))
	br.loopCount = jsNumber(br.cookies.get(redirectCountCookie))
	return br
}

// queryOr is a query parameter's value when it is set and not empty, else
// fallback.
func (br *browserRequest) queryOr(name, fallback string) string {
	if v, _ := br.url.get(name); v != "" {
		return v
	}
	return fallback
}

// suffixedCookie is a cookie's suffixed twin.
func (br *browserRequest) suffixedCookie(name string) string {
	if br.b.suffix == "" {
		return ""
	}
	return br.cookies.get(name + "_" + br.b.suffix)
}

// cookie is the suffixed or the unsuffixed cookie, as Clerk's rules chose.
func (br *browserRequest) cookie(name string) string {
	if br.suffixed {
		return br.suffixedCookie(name)
	}
	return br.cookies.get(name)
}

// usesSuffixedCookies chooses between the suffixed cookies and the
// unsuffixed ones, by @clerk/backend's rules (usesSuffixedCookies): the
// unsuffixed session when it is malformed or has no issuer (so that it
// signs the request out), the suffixed when the unsuffixed belongs to
// another instance, the unsuffixed when there are no suffixed ones, when
// both say signed in and the unsuffixed is newer, when the suffixed says
// signed out and the unsuffixed not, on a development instance when the
// unsuffixed says signed out and the suffixed session has expired, and when
// a suffixed session has no suffixed __client_uat; else the suffixed.
func (br *browserRequest) usesSuffixedCookies() bool {
	if br.b.suffix == "" {
		return false
	}
	suffixedUAT, suffixedUATSet := br.cookies[clientUATCookie+"_"+br.b.suffix]
	suffixedUATSet = suffixedUATSet && suffixedUAT != ""
	uat, uatSet := br.cookies[clientUATCookie]
	uatSet = uatSet && uat != ""
	suffixedSession := br.suffixedCookie(SessionCookie)
	session := br.cookies.get(SessionCookie)

	sessionJWT := br.peek(session)
	if session != "" && (sessionJWT == nil || !sessionJWT.payload.Iss.truthy) {
		return false
	}
	if session != "" && !br.belongsToInstance(sessionJWT) {
		return true
	}
	if !suffixedUATSet && suffixedSession == "" {
		return false
	}
	suffixedJWT := br.peek(suffixedSession)
	iat := func(p *peekedJWT) float64 {
		if p == nil {
			return 0
		}
		return numberOr0(p.payload.Iat)
	}
	isZero := func(v string, set bool) bool { return set && v == "0" }
	if !isZero(suffixedUAT, suffixedUATSet) && !isZero(uat, uatSet) && iat(sessionJWT) > iat(suffixedJWT) {
		return false
	}
	if isZero(suffixedUAT, suffixedUATSet) && !isZero(uat, uatSet) {
		return false
	}
	if br.b.dev && !isZero(suffixedUAT, suffixedUATSet) && isZero(uat, uatSet) && suffixedJWT != nil {
		if exp := suffixedJWT.payload.Exp; exp.isNum && exp.num <= math.Floor(float64(br.c.now().UnixMilli())/1000) {
			return false
		}
	}
	if !suffixedUATSet && suffixedSession != "" {
		return false
	}
	return true
}

// belongsToInstance reports whether a decoded session token's issuer is
// the instance's Frontend API (the proxy aside), once every http:// and
// https:// in it (in any case) is removed, as JS's /https?:\/\//gi does.
func (br *browserRequest) belongsToInstance(p *peekedJWT) bool {
	if !p.payload.Iss.isStr {
		return false
	}
	return removeSchemes(p.payload.Iss.str) == br.b.originalFrontendAPI()
}

// removeSchemes removes every case-insensitive "http://" and "https://"
// from s, left to right in one pass.
func removeSchemes(s string) string {
	match := func(s string, i int) int {
		for _, p := range []string{"https://", "http://"} {
			if len(s)-i >= len(p) && strings.EqualFold(s[i:i+len(p)], p) {
				return len(p)
			}
		}
		return 0
	}
	var b strings.Builder
	start := 0
	for i := 0; i < len(s); {
		if n := match(s, i); n > 0 {
			if b.Cap() == 0 {
				b.Grow(len(s))
			}
			b.WriteString(s[start:i])
			i += n
			start = i
			continue
		}
		i++
	}
	if start == 0 {
		return s
	}
	if b.Len() == 0 {
		return s[start:]
	}
	b.WriteString(s[start:])
	return b.String()
}

// jsParseInt reads a cookie as JavaScript's Number.parseInt(v) || 0 does:
// leading white space, a sign, then decimal digits (hexadecimal after 0x);
// 0 when there is no digit.
func jsParseInt(v string) float64 {
	s := strings.TrimLeft(v, " \t\n\r\v\f")
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	base := 10.0
	if len(s) > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		base, s = 16, s[2:]
	}
	var n float64
	digits := 0
	for ; digits < len(s); digits++ {
		d, ok := unhex(s[digits])
		if !ok || float64(d) >= base {
			break
		}
		n = n*base + float64(d)
	}
	if digits == 0 {
		return 0
	}
	if neg {
		return -n
	}
	return n
}

// jsNumber reads a cookie as JavaScript's Number(v) || 0 does (the
// redirect counter): white space trimmed, "" is 0, 0x, 0o and 0b integers,
// Infinity, decimal literals (an exponent being their only letter, beyond
// the range Infinity); anything else is NaN, so 0.
func jsNumber(v string) float64 {
	s := strings.TrimFunc(v, func(r rune) bool { return r == '\uFEFF' || unicode.IsSpace(r) && r != '\u0085' })
	if len(s) > 2 && s[0] == '0' {
		base := 0
		switch s[1] {
		case 'x', 'X':
			base = 16
		case 'o', 'O':
			base = 8
		case 'b', 'B':
			base = 2
		}
		if base != 0 {
			n, ok := new(big.Int).SetString(s[2:], base)
			if !ok || strings.ContainsAny(s[2:], "+-_") {
				return 0
			}
			f, _ := new(big.Float).SetInt(n).Float64()
			return f
		}
	}
	switch s {
	case "Infinity", "+Infinity":
		return math.Inf(1)
	case "-Infinity":
		return math.Inf(-1)
	}
	if strings.IndexFunc(s, func(r rune) bool { return r != 'e' && r != 'E' && !strings.ContainsRune("0123456789+-.", r) }) >= 0 {
		return 0 // inf, nan, hexadecimal floats, underscores: not JS
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0
	}
	return f
}

// now is the clock of the browser path: the token checks' clock.
func (c *Client) now() time.Time {
	if c.auth.now != nil {
		return c.auth.now()
	}
	return time.Now()
}

// eligibleForHandshake reports whether the request may go to the
// handshake: a GET whose Sec-Fetch-Dest is document or iframe, or, without
// Sec-Fetch-Dest, whose Accept starts with text/html
// (HandshakeService.isRequestEligibleForHandshake). The Frontend API's
// handshake takes GETs only.
func (br *browserRequest) eligibleForHandshake() bool {
	if br.r.Method != http.MethodGet {
		return false
	}
	dest := br.r.Header.Get("Sec-Fetch-Dest")
	return dest == "document" || dest == "iframe" || dest == "" && strings.HasPrefix(br.r.Header.Get("Accept"), "text/html")
}

// crossOriginReferrer reports whether the Referer is a URL of another
// origin than the request's.
func (br *browserRequest) crossOriginReferrer() bool {
	ref, ok := parseWebURL(br.r.Header.Get("Referer"))
	return ok && ref.origin() != br.url.origin()
}

// knownClerkReferrer reports whether the Referer is Clerk's
// (isKnownClerkReferrer): the Frontend API's host, a development Account
// Portal (development instances only), or the instance's own Account
// Portal.
func (br *browserRequest) knownClerkReferrer() bool {
	ref, ok := parseWebURL(br.r.Header.Get("Referer"))
	if !ok {
		return false
	}
	fapi := br.b.frontendAPI(br.url.origin())
	fapiHost := fapi
	if strings.HasPrefix(fapi, "http") {
		u, ok := parseWebURL(fapi)
		if !ok {
			return false
		}
		fapiHost = u.hostname()
	}
	if ref.hostname() == fapiHost || br.b.dev && isDevAccountPortal(ref.hostname()) {
		return true
	}
	accounts, ok := parseWebURL("https://" + accountsHost(fapi))
	return ok && ref.origin() == accounts.origin()
}

// isDevAccountPortal reports whether host is a development Account Portal
// (@clerk/shared's isLegacyDevAccountPortalOrigin and
// isCurrentDevAccountPortalOrigin).
func isDevAccountPortal(host string) bool {
	for _, s := range []string{".lcl.dev", ".lclstage.dev", ".lclclerk.com"} {
		if strings.HasPrefix(host, "accounts.") && strings.HasSuffix(host, s) {
			return true
		}
	}
	for _, s := range []string{".accounts.dev", ".accountsstage.dev", ".accounts.lclclerk.com"} {
		if strings.HasSuffix(host, s) && !strings.HasSuffix(host, ".clerk"+s) {
			return true
		}
	}
	return false
}
