package jwt

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file holds a single-pass decoder for the claims JSON, for speed only:
// encoding/json scans its input twice through a byte-at-a-time state
// machine, which on a typical v2 session token costs about 15% of the RSA
// verification itself. fastDecodeClaims handles the plain subset of JSON that
// Clerk's tokens use and gives up (ok == false) on anything else, and the
// caller then decodes with json.Unmarshal. Whenever it succeeds its result is
// exactly what json.Unmarshal produces into wireClaims; FuzzClaims checks
// that property against encoding/json.
//
// It gives up on: a top level that is not an object; a known claim that is
// null, of another type, or a string with escapes or invalid UTF-8; a key
// with escapes or non-ASCII bytes, or one that differs from a known claim
// only in case (encoding/json matches keys case-insensitively); an fva that
// is not exactly two integers; numbers that do not fit their field; nesting
// deeper than maxFastDepth. Unknown claims are skipped with full validation
// of the JSON grammar, escapes included.

const maxFastDepth = 64

type fastDecoder struct {
	s string
	i int
}

// fastDecodeClaims decodes data into w, which must be zero. All strings it
// stores are substrings of one copy of data.
func fastDecodeClaims(data []byte, w *wireClaims) (ok bool) {
	d := fastDecoder{s: string(data)}
	d.ws()
	if !d.object(func(key string) bool { return d.claim(key, w) }) {
		return false
	}
	d.ws()
	return d.i == len(d.s)
}

func (d *fastDecoder) claim(key string, w *wireClaims) bool {
	switch key {
	case "sub":
		return d.plainString(&w.Sub)
	case "sid":
		return d.plainString(&w.Sid)
	case "iss":
		return d.plainString(&w.Iss)
	case "azp":
		return d.plainString(&w.Azp)
	case "jti":
		return d.plainString(&w.Jti)
	case "exp":
		return d.float(&w.Exp)
	case "nbf":
		return d.float(&w.Nbf)
	case "iat":
		return d.float(&w.Iat)
	case "v":
		return d.int(&w.V)
	case "sts":
		return d.plainString(&w.Sts)
	case "pla":
		return d.plainString(&w.Pla)
	case "fea":
		return d.plainString(&w.Fea)
	case "org_id":
		return d.plainString(&w.OrgID)
	case "org_slug":
		return d.plainString(&w.OrgSlug)
	case "org_role":
		return d.plainString(&w.OrgRole)
	case "fva":
		if w.Fva == nil {
			w.Fva = new([2]int)
		}
		return d.intPair(w.Fva)
	case "org_permissions":
		return d.stringArray(&w.OrgPermissions)
	case "o":
		if w.O == nil {
			w.O = new(wireOrg)
		}
		o := w.O
		return d.object(func(key string) bool {
			switch key {
			case "id":
				return d.plainString(&o.ID)
			case "slg":
				return d.plainString(&o.Slg)
			case "rol":
				return d.plainString(&o.Rol)
			case "per":
				return d.plainString(&o.Per)
			case "fpm":
				return d.plainString(&o.Fpm)
			}
			return !foldsToAny(key, "id", "slg", "rol", "per", "fpm") && d.skip(1)
		})
	case "act":
		if w.Act == nil {
			w.Act = new(Actor)
		}
		a := w.Act
		return d.object(func(key string) bool {
			switch key {
			case "sub":
				return d.plainString(&a.Subject)
			case "iss":
				return d.plainString(&a.Issuer)
			case "sid":
				return d.plainString(&a.SessionID)
			}
			return !foldsToAny(key, "sub", "iss", "sid") && d.skip(1)
		})
	}
	return !foldsToAny(key, "sub", "sid", "iss", "azp", "jti", "exp", "nbf", "iat", "v", "sts", "pla", "fea",
		"fva", "act", "o", "org_id", "org_slug", "org_role", "org_permissions") && d.skip(1)
}

// foldsToAny reports whether key equals one of names ignoring ASCII case
// (keys are ASCII here, see key).
func foldsToAny(key string, names ...string) bool {
	for _, n := range names {
		if len(n) == len(key) && strings.EqualFold(n, key) {
			return true
		}
	}
	return false
}

func (d *fastDecoder) ws() {
	for d.i < len(d.s) {
		switch d.s[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// object parses {"key": value, ...}, calling member with each key and the
// position at the value; member must consume the value.
func (d *fastDecoder) object(member func(key string) bool) bool {
	if d.i >= len(d.s) || d.s[d.i] != '{' {
		return false
	}
	d.i++
	d.ws()
	if d.i < len(d.s) && d.s[d.i] == '}' {
		d.i++
		return true
	}
	for {
		key, ok := d.key()
		if !ok {
			return false
		}
		d.ws()
		if d.i >= len(d.s) || d.s[d.i] != ':' {
			return false
		}
		d.i++
		d.ws()
		if !member(key) {
			return false
		}
		d.ws()
		if d.i >= len(d.s) {
			return false
		}
		switch d.s[d.i] {
		case ',':
			d.i++
			d.ws()
		case '}':
			d.i++
			return true
		default:
			return false
		}
	}
}

// key parses an object key made of printable ASCII without escapes.
func (d *fastDecoder) key() (string, bool) {
	if d.i >= len(d.s) || d.s[d.i] != '"' {
		return "", false
	}
	start := d.i + 1
	for j := start; j < len(d.s); j++ {
		switch c := d.s[j]; {
		case c == '"':
			d.i = j + 1
			return d.s[start:j], true
		case c < 0x20 || c == '\\' || c >= utf8.RuneSelf:
			return "", false
		}
	}
	return "", false
}

// plainString parses a string without escapes into *dst; bytes beyond ASCII
// must form valid UTF-8 (encoding/json would replace invalid sequences).
func (d *fastDecoder) plainString(dst *string) bool {
	if d.i >= len(d.s) || d.s[d.i] != '"' {
		return false
	}
	start := d.i + 1
	ascii := true
	for j := start; j < len(d.s); j++ {
		switch c := d.s[j]; {
		case c == '"':
			v := d.s[start:j]
			if !ascii && !utf8.ValidString(v) {
				return false
			}
			*dst = v
			d.i = j + 1
			return true
		case c < 0x20 || c == '\\':
			return false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return false
}

// number returns the JSON number literal at d.i, checked against the JSON
// grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (d *fastDecoder) number() (string, bool) {
	s, j := d.s, d.i
	if j < len(s) && s[j] == '-' {
		j++
	}
	switch {
	case j < len(s) && s[j] == '0':
		j++
	case j < len(s) && s[j] >= '1' && s[j] <= '9':
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
	default:
		return "", false
	}
	if j < len(s) && s[j] == '.' {
		j++
		if j >= len(s) || s[j] < '0' || s[j] > '9' {
			return "", false
		}
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
	}
	if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
		j++
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j >= len(s) || s[j] < '0' || s[j] > '9' {
			return "", false
		}
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
	}
	lit := s[d.i:j]
	d.i = j
	return lit, true
}

func (d *fastDecoder) float(dst *float64) bool {
	lit, ok := d.number()
	if !ok {
		return false
	}
	f, err := strconv.ParseFloat(lit, 64)
	if err != nil {
		return false
	}
	*dst = f
	return true
}

func (d *fastDecoder) int(dst *int) bool {
	lit, ok := d.number()
	if !ok {
		return false
	}
	n, err := strconv.ParseInt(lit, 10, 0)
	if err != nil {
		return false
	}
	*dst = int(n)
	return true
}

// intPair parses exactly [int, int].
func (d *fastDecoder) intPair(dst *[2]int) bool {
	if d.i >= len(d.s) || d.s[d.i] != '[' {
		return false
	}
	d.i++
	for k := range 2 {
		d.ws()
		if !d.int(&dst[k]) {
			return false
		}
		d.ws()
		want := byte(',')
		if k == 1 {
			want = ']'
		}
		if d.i >= len(d.s) || d.s[d.i] != want {
			return false
		}
		d.i++
	}
	return true
}

// stringArray parses an array of plain strings into a new slice (an empty
// array gives an empty, non-nil slice, as encoding/json does).
func (d *fastDecoder) stringArray(dst *[]string) bool {
	out := []string{}
	ok := d.array(func() bool {
		var v string
		if !d.plainString(&v) {
			return false
		}
		out = append(out, v)
		return true
	})
	if ok {
		*dst = out
	}
	return ok
}

// array consumes a JSON array at d.i, calling elem for each element.
func (d *fastDecoder) array(elem func() bool) bool {
	if d.i >= len(d.s) || d.s[d.i] != '[' {
		return false
	}
	d.i++
	d.ws()
	if d.i < len(d.s) && d.s[d.i] == ']' {
		d.i++
		return true
	}
	for {
		if !elem() {
			return false
		}
		d.ws()
		if d.i >= len(d.s) {
			return false
		}
		switch d.s[d.i] {
		case ',':
			d.i++
			d.ws()
		case ']':
			d.i++
			return true
		default:
			return false
		}
	}
}

// skip consumes any JSON value, validating it as encoding/json's scanner
// does.
func (d *fastDecoder) skip(depth int) bool {
	if depth > maxFastDepth || d.i >= len(d.s) {
		return false
	}
	switch c := d.s[d.i]; {
	case c == '"':
		return d.skipString()
	case c == '{':
		return d.object(func(string) bool { return d.skip(depth + 1) })
	case c == '[':
		return d.array(func() bool { return d.skip(depth + 1) })
	case c == '-' || c >= '0' && c <= '9':
		_, ok := d.number()
		return ok
	case c == 't':
		return d.literal("true")
	case c == 'f':
		return d.literal("false")
	case c == 'n':
		return d.literal("null")
	}
	return false
}

func (d *fastDecoder) literal(lit string) bool {
	if !strings.HasPrefix(d.s[d.i:], lit) {
		return false
	}
	d.i += len(lit)
	return true
}

// skipString consumes a string with any valid escapes; like encoding/json's
// scanner it accepts any byte from 0x20 up, valid UTF-8 or not.
func (d *fastDecoder) skipString() bool {
	j := d.i + 1
	for j < len(d.s) {
		c := d.s[j]
		switch {
		case c == '"':
			d.i = j + 1
			return true
		case c < 0x20:
			return false
		case c == '\\':
			j++
			if j >= len(d.s) {
				return false
			}
			switch d.s[j] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				j++
			case 'u':
				if j+5 > len(d.s) {
					return false
				}
				for _, h := range []byte(d.s[j+1 : j+5]) {
					if !isHex(h) {
						return false
					}
				}
				j += 5
			default:
				return false
			}
		default:
			j++
		}
	}
	return false
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
