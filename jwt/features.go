package jwt

import (
	"math/big"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file reads the comma-separated claims of a v2 token (fea, pla,
// o.per, o.fpm) exactly as Clerk's JavaScript SDK does (@clerk/shared's
// splitByScope, parsePermissions and buildOrgPermissions), so that both
// grant the same organization permissions and features for every token.

// splitFeatures returns the entries of a "scope:name,scope:name" claim (fea
// or pla), each trimmed as JavaScript's String.prototype.trim does and
// sharing the claim's memory. It returns nil for an empty claim, and for a
// claim with an entry that has no colon (an empty entry included), which
// Clerk's SDK refuses whole.
func splitFeatures(claim string) []string {
	if claim == "" {
		return nil
	}
	out := make([]string, 0, strings.Count(claim, ",")+1)
	for entry := range strings.SplitSeq(claim, ",") {
		entry = trimJS(entry)
		if !strings.Contains(entry, ":") {
			return nil
		}
		out = append(out, entry)
	}
	return out
}

// featureScope splits an entry of splitFeatures into its name and whether
// its scope makes it an organization feature (o, ou, uo) and a user
// feature (u, ou, uo). Any other scope is neither.
func featureScope(entry string) (name string, org, user bool) {
	scope, name, _ := strings.Cut(entry, ":")
	switch scope {
	case "o":
		return name, true, false
	case "u":
		return name, false, true
	case "ou", "uo":
		return name, true, true
	}
	return name, false, false
}

// hasScoped reports whether entries (from splitFeatures) hold the feature
// or plan named by query, as @clerk/shared's has() decides: a query
// "scope:id" looks at organization entries for scope o, org or
// organization, at user entries for u or user, and fails for any other
// scope; a query without a colon looks at both. As there, only the text
// up to a second colon is the id, and "scope:" asks for the id "scope".
func hasScoped(entries []string, query string) bool {
	id, wantOrg, wantUser := query, true, true
	if scope, rest, explicit := strings.Cut(query, ":"); explicit {
		switch scope {
		case "o", "org", "organization":
			wantUser = false
		case "u", "user":
			wantOrg = false
		default:
			return false
		}
		if id, _, _ = strings.Cut(rest, ":"); id == "" {
			id = scope
		}
	}
	for _, e := range entries {
		name, org, user := featureScope(e)
		if name == id && (wantOrg && org || wantUser && user) {
			return true
		}
	}
	return false
}

// orgPermissions expands a v2 token's organization permissions from its
// features (splitFeatures of fea), o.per and o.fpm:
//
//   - per and fpm are comma-separated, each entry trimmed; an empty per or
//     fpm grants nothing;
//   - the i-th mask of fpm belongs to the i-th organization feature (scope
//     o, ou or uo, in their order in fea; user features take no mask);
//   - a mask is a decimal integer of any length; bit j (least significant
//     first) grants "org:<feature>:<j-th entry of per>"; bits beyond the
//     entries of per are ignored, and a mask that is not only ASCII digits
//     grants nothing.
//
// As in Clerk's SDK, empty feature names and permission entries are kept
// as they are (a mask bit on an empty entry of "read,,write" grants
// "org:<feature>:").
func orgPermissions(features []string, per, fpm string) []string {
	if len(features) == 0 || per == "" || fpm == "" {
		return nil
	}
	var permBuf [16]string
	perms := permBuf[:0]
	for p := range strings.SplitSeq(per, ",") {
		perms = append(perms, trimJS(p))
	}

	// The permissions are built in one buffer and sliced from its string:
	// two allocations instead of one per permission.
	type span struct{ start, end int }
	var spanBuf [16]span
	spans := spanBuf[:0]
	var buf strings.Builder
	buf.Grow(2*len(per) + 32)
	masks := fpm
	for _, entry := range features {
		name, org, _ := featureScope(entry)
		if !org {
			continue
		}
		if masks == "" {
			break // more organization features than masks
		}
		var text string
		text, masks, _ = strings.Cut(masks, ",")
		m, ok := parseMask(trimJS(text), len(perms))
		if !ok {
			continue
		}
		for j, p := range perms {
			if m.bit(j) {
				start := buf.Len()
				buf.WriteString("org:")
				buf.WriteString(name)
				buf.WriteByte(':')
				buf.WriteString(p)
				spans = append(spans, span{start, buf.Len()})
			}
		}
	}
	if len(spans) == 0 {
		return nil
	}
	all := buf.String()
	out := make([]string, len(spans))
	for i, sp := range spans {
		out[i] = all[sp.start:sp.end]
	}
	return out
}

// mask is an fpm entry reduced to the bits that can name a permission.
type mask struct {
	low  uint64   // the mask modulo 2^64, when there are at most 64 permissions
	high *big.Int // the mask modulo 10^n, when there are n > 64 permissions
}

// parseMask parses a decimal mask for n permissions. Only its n low bits
// matter, and 2^n divides 10^n, so the work is bounded by n whatever the
// mask's length: the low 64 bits come from wrapping uint64 arithmetic, and
// beyond 64 permissions the last n digits are parsed as a big integer.
func parseMask(s string, n int) (mask, bool) {
	if s == "" {
		return mask{}, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return mask{}, false
		}
	}
	if n > 64 {
		if len(s) > n {
			s = s[len(s)-n:]
		}
		high, _ := new(big.Int).SetString(s, 10) // digits only: cannot fail
		return mask{high: high}, true
	}
	var low uint64
	for i := 0; i < len(s); i++ {
		low = low*10 + uint64(s[i]-'0') // wraps modulo 2^64, as intended
	}
	return mask{low: low}, true
}

// bit reports whether bit j of the mask is set.
func (m mask) bit(j int) bool {
	if m.high != nil {
		return m.high.Bit(j) == 1
	}
	return j < 64 && m.low>>j&1 == 1
}

// trimJS trims s as JavaScript's String.prototype.trim does: ECMAScript's
// white space (tab, vertical tab, form feed, U+FEFF and the space
// separators, Zs) and line terminators (LF, CR, U+2028, U+2029). Go's
// strings.TrimSpace differs on U+0085 and U+FEFF.
func trimJS(s string) string {
	return strings.TrimFunc(s, isJSSpace)
}

func isJSSpace(r rune) bool {
	if r < utf8.RuneSelf {
		switch r {
		case ' ', '\t', '\n', '\v', '\f', '\r':
			return true
		}
		return false
	}
	return r == '\ufeff' || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Zs, r)
}
