package clerk

import (
	"crypto/sha1"
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/go-clerk/clerk/internal"
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
// kept, each claim as JavaScript would see it.
type peekedJWT struct {
	header struct {
		Cat jsValue `json:"cat"`
		Typ jsValue `json:"typ"`
	}
	payload struct {
		Iss jsValue `json:"iss"`
		Sub jsValue `json:"sub"`
		Sid jsValue `json:"sid"`
		Iat jsValue `json:"iat"`
		Exp jsValue `json:"exp"`
		Nbf jsValue `json:"nbf"`
	}
	format bool // every part is base64url: JS's JwtFormatRegExp, which isMachineJwt asks first
}

// jsValue is a JSON value as the cookie rules read it: whether it is there,
// its string or number, whether JavaScript holds it truthy. Decoding it
// never fails, so a claim of an unexpected type is read as JS reads it
// rather than failing the whole token.
type jsValue struct {
	present, truthy bool
	str             string
	num             float64
	isStr, isNum    bool
}

// UnmarshalJSONFrom reads any JSON value (the JSON v2 library calls it
// for each claim the cookie rules read).
func (v *jsValue) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	raw, err := dec.ReadValue()
	if err != nil {
		return err
	}
	*v = jsValue{present: true}
	switch raw.Kind() {
	case '"':
		// The decoder has checked the string; invalid UTF-8 comes back as
		// U+FFFD, as JavaScript's TextDecoder reads it, with an error that
		// says only that.
		s, _ := jsontext.AppendUnquote(nil, raw)
		v.str, v.isStr, v.truthy = string(s), true, len(s) > 0
	case 'n', 'f': // null, false
	case 't', '{', '[':
		v.truthy = true
	case '0':
		if f, err := strconv.ParseFloat(string(raw), 64); err == nil {
			v.num, v.isNum, v.truthy = f, true, f != 0
		}
	}
	return nil
}

// peekOptions read a cookie's JWT as JSON.parse reads it in Clerk's JS SDK:
// member names match exactly (encoding/json would let "ISS" stand for iss),
// a repeated name's last value wins, invalid UTF-8 becomes U+FFFD.
var peekOptions = jsonv2.JoinOptions(
	jsontext.AllowDuplicateNames(true),
	jsontext.AllowInvalidUTF8(true),
)

// peekJWT decodes token, reporting false where decodeJwt fails. JSON that
// is no object decodes, with no claim, as it does in JS.
func peekJWT(token string) (*peekedJWT, bool) {
	h, rest, ok1 := strings.Cut(token, ".")
	c, sig, ok2 := strings.Cut(rest, ".")
	if !ok1 || !ok2 || strings.Contains(sig, ".") {
		return nil, false
	}
	p := &peekedJWT{format: internal.IsBase64URLSegment(h) && internal.IsBase64URLSegment(c) && internal.IsBase64URLSegment(sig)}
	for _, part := range []struct {
		seg string
		dst any
	}{{h, &p.header}, {c, &p.payload}} {
		b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(part.seg, "="))
		if err != nil {
			return nil, false
		}
		// JSON that is valid but no object (a string, an array) is a
		// semantic error here and a token without claims in JS.
		if err := jsonv2.Unmarshal(b, part.dst, peekOptions); err != nil {
			var semErr *jsonv2.SemanticError
			if !errors.As(err, &semErr) || !jsontext.Value(b).IsValid(peekOptions) {
				return nil, false
			}
		}
	}
	if _, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(sig, "=")); err != nil {
		return nil, false
	}
	return p, true
}

// isMachineJWT reports whether the token is an OAuth access token (typ
// at+jwt) or an M2M token (a subject mch_...) in JWT format, as Clerk's JS
// SDK's isMachineJwt tells them (jwt.MachineKindOf says the same).
func (p *peekedJWT) isMachineJWT() bool {
	if !p.format {
		return false
	}
	typ := p.header.Typ
	sub := p.payload.Sub
	return typ.isStr && (typ.str == "at+jwt" || typ.str == "application/at+jwt") ||
		sub.isStr && strings.HasPrefix(sub.str, "mch_")
}

// hasNonSessionCategory reports whether the header names a token class
// other than the session token's (jwtCategories.ts).
func (p *peekedJWT) hasNonSessionCategory() bool {
	cat := p.header.Cat
	return cat.present && !(cat.isStr && (cat.str == "cl_B7d4PD111AAA" || cat.str == "cl_I7d4PD111III"))
}

// numberOr0 is a numeric claim, 0 when it is absent or no number (JS's
// `payload.iat || 0`, for the claims Clerk mints as numbers).
func numberOr0(v jsValue) float64 {
	if v.isNum {
		return v.num
	}
	return 0
}
