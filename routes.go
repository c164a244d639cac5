package clerk

import (
	"fmt"
	"net/http"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"
)

// PublicRoutes lists the paths RequireAuth lets through without a token.
// The patterns mean what they mean in Clerk's createRouteMatcher (the
// path-to-regexp 6 syntax of @clerk/shared):
//
//   - text is literal: "/robots.txt" matches /robots.txt, not /robotsXtxt;
//   - "(regex)" is a regular expression group: "/sign-in(.*)" matches
//     /sign-in and everything that starts with it (/sign-in/factor-one, but
//     also /sign-inx);
//   - ":name" is one path segment, ":name?" an optional one, ":name*" zero
//     or more segments and ":name+" one or more: "/docs/:path*" matches /docs
//     and everything below it, never /docsx; ":id(\\d+)" is a segment that
//     matches the group; "{...}" groups text with a modifier ("/a{-:b}?");
//     "\\" escapes a special character;
//   - matching is case-insensitive, and one trailing slash is optional.
//
// Patterns are matched against the request's escaped path
// (r.URL.EscapedPath()) in which percent-escapes are decoded except those
// of the delimiters ;/?:@&=+$,# (as JavaScript's decodeURI does): an encoded
// slash (%2F) is never a segment boundary, so "/webhooks/(.*)" does not make
// /webhooks%2Fx/settings public, and a router that routes on the escaped
// path (net/http.ServeMux) cannot reach a protected handler through it.
// A path whose escapes do not decode to UTF-8 is never public, nor is one
// with an empty, "." or ".." segment (/static/../admin, which browsers never
// send): the router or file server behind may clean it into another path.
// Nor is one holding ſ (U+017F), the Kelvin sign (U+212A), a carriage
// return, U+2028 or U+2029, on which Go's regular expressions and
// JavaScript's disagree.
//
// Case-insensitivity and the optional trailing slash are Clerk's semantics;
// net/http.ServeMux tells /Sign-In and /sign-in/ from /sign-in. Make sure a
// path that differs from a public route only in case or a trailing slash
// reaches no protected handler, or use PublicRoutesRegexp for exact,
// case-sensitive patterns.
//
// Empty patterns are ignored, as createRouteMatcher ignores them. A valid
// token on a public route is still attached to the context, and the
// route's requirements (RequirePermission, ...) do not apply there.
// PublicRoutes panics if a pattern is not valid path-to-regexp syntax or
// uses what Go's regexp cannot express (a lookahead, in a group or implied
// by a parameter right after literal text of several characters without a
// slash, such as "/a/:b-x-:c"), as regexp.MustCompile does: patterns are
// code, not input.
func PublicRoutes(patterns ...string) AuthOption {
	var res []*regexp.Regexp
	for _, p := range patterns {
		if p == "" { // createRouteMatcher drops empty patterns
			continue
		}
		re, err := compileRoute(p)
		if err != nil {
			panic(fmt.Sprintf("clerk: PublicRoutes pattern %q: %v", p, err))
		}
		res = append(res, re)
	}
	return func(o *authOptions) { o.public = append(o.public, res...) }
}

// PublicRoutesRegexp is PublicRoutes with Go regular expressions (package
// regexp's syntax) instead of Clerk's patterns, for exact control: each must
// match the whole path (it is anchored at both ends), case-sensitively unless
// it starts with (?i), with no optional trailing slash. The path matched is
// the same as for PublicRoutes (escaped, with %2F kept), and the same paths
// are never public. It panics if a pattern does not compile.
func PublicRoutesRegexp(patterns ...string) AuthOption {
	res := make([]*regexp.Regexp, len(patterns))
	for i, p := range patterns {
		re, err := regexp.Compile(`^(?:` + p + `)$`)
		if err != nil {
			panic(fmt.Sprintf("clerk: PublicRoutesRegexp pattern %q: %v", p, err))
		}
		res[i] = re
	}
	return func(o *authOptions) { o.public = append(o.public, res...) }
}

// isPublic reports whether r's path is on a public route.
func (o *authOptions) isPublic(r *http.Request) bool {
	if len(o.public) == 0 || !isClean(r.URL.Path) {
		return false
	}
	p, ok := decodeURIPath(r.URL.EscapedPath())
	if !ok || strings.ContainsAny(p, jsRegexpMismatches) {
		return false
	}
	for _, re := range o.public {
		if re.MatchString(p) {
			return true
		}
	}
	return false
}

// jsRegexpMismatches are the characters on which Go's regexp and the
// JavaScript regexp of createRouteMatcher (flag i, no u) disagree for the
// patterns compiled here: Go's case folding takes U+017F (ſ) for s and
// U+212A (the Kelvin sign) for k, and Go's "." matches \r, U+2028 and
// U+2029, none of which JavaScript's does. A path holding one is never
// public (so "/sign-in" cannot open "/ſign-in", nor "/webhooks/(.*)"
// "/webhooks/a%0Db", to a protected catch-all handler).
const jsRegexpMismatches = "\u017f\u212a\r\u2028\u2029"

// isClean reports whether p is an absolute path with no empty, "." or ".."
// segment (a trailing slash aside), as path.Clean leaves it. A decoded path
// that is clean has a clean escaped form too: every segment of the escaped
// path is one or more decoded segments joined by %2F.
func isClean(p string) bool {
	c := path.Clean(p)
	if strings.HasSuffix(p, "/") && c != "/" {
		c += "/"
	}
	return c == p && strings.HasPrefix(p, "/")
}

// decodeURIPath decodes the percent-escapes of an escaped path as
// JavaScript's decodeURI does: every escape but those of the reserved
// characters ;/?:@&=+$,# (kept as written), escapes of non-ASCII characters
// as UTF-8. It fails where decodeURI throws: a malformed escape, or bytes that
// are not UTF-8.
func decodeURIPath(s string) (string, bool) {
	if !strings.Contains(s, "%") {
		return s, true
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if s[i] != '%' {
			b.WriteByte(s[i])
			i++
			continue
		}
		c, ok := unhexAt(s, i)
		if !ok {
			return "", false
		}
		if c < utf8.RuneSelf {
			if strings.IndexByte(";/?:@&=+$,#", c) >= 0 {
				b.WriteString(s[i : i+3])
			} else {
				b.WriteByte(c)
			}
			i += 3
			continue
		}
		// A multi-byte character: the lead byte's escape says how many
		// continuation escapes follow.
		n := 0
		switch {
		case c&0xE0 == 0xC0:
			n = 2
		case c&0xF0 == 0xE0:
			n = 3
		case c&0xF8 == 0xF0:
			n = 4
		default:
			return "", false
		}
		var buf [4]byte
		for k := range n {
			if buf[k], ok = unhexAt(s, i+3*k); !ok {
				return "", false
			}
		}
		if r, size := utf8.DecodeRune(buf[:n]); r == utf8.RuneError || size != n {
			return "", false
		}
		b.Write(buf[:n])
		i += 3 * n
	}
	return b.String(), true
}

// unhexAt decodes the escape "%XX" at s[i:].
func unhexAt(s string, i int) (byte, bool) {
	if i+2 >= len(s) || s[i] != '%' {
		return 0, false
	}
	hi, ok1 := unhex(s[i+1])
	lo, ok2 := unhex(s[i+2])
	return hi<<4 | lo, ok1 && ok2
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// The rest of this file compiles a path-to-regexp 6 pattern, with the
// options createRouteMatcher uses (the defaults: prefixes "./", delimiters
// "/#?", case-insensitive, not strict, anchored at both ends), into a Go
// regular expression that matches what the JavaScript one matches.

// routeToken is a lexical token of a pattern.
type routeToken struct {
	kind  routeTokenKind
	value string
	index int
}

type routeTokenKind int

const (
	tokChar routeTokenKind = iota
	tokEscaped
	tokModifier
	tokOpen
	tokClose
	tokName
	tokPattern
	tokEnd
)

var tokenKindNames = [...]string{"CHAR", "ESCAPED_CHAR", "MODIFIER", "OPEN", "CLOSE", "NAME", "PATTERN", "END"}

// lexRoute splits a pattern into tokens.
func lexRoute(s string) ([]routeToken, error) {
	var toks []routeToken
	for i := 0; i < len(s); {
		switch c := s[i]; c {
		case '*', '+', '?':
			toks = append(toks, routeToken{tokModifier, s[i : i+1], i})
			i++
		case '\\':
			if i+1 >= len(s) {
				return nil, fmt.Errorf("trailing backslash at %d", i)
			}
			_, size := utf8.DecodeRuneInString(s[i+1:])
			toks = append(toks, routeToken{tokEscaped, s[i+1 : i+1+size], i})
			i += 1 + size
		case '{':
			toks = append(toks, routeToken{tokOpen, "{", i})
			i++
		case '}':
			toks = append(toks, routeToken{tokClose, "}", i})
			i++
		case ':':
			j := i + 1
			for j < len(s) && isNameByte(s[j]) {
				j++
			}
			if j == i+1 {
				return nil, fmt.Errorf("missing parameter name at %d", i)
			}
			toks = append(toks, routeToken{tokName, s[i+1 : j], i})
			i = j
		case '(':
			pat, next, err := lexGroup(s, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, routeToken{tokPattern, pat, i})
			i = next
		default:
			_, size := utf8.DecodeRuneInString(s[i:])
			toks = append(toks, routeToken{tokChar, s[i : i+size], i})
			i += size
		}
	}
	return append(toks, routeToken{tokEnd, "", len(s)}), nil
}

func isNameByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_'
}

// lexGroup reads the "(regex)" group that starts at s[start], returning its
// content and the index after its closing parenthesis. Nested groups must
// be non-capturing ("(?:"), as in path-to-regexp.
func lexGroup(s string, start int) (string, int, error) {
	depth := 1
	j := start + 1
	if j < len(s) && s[j] == '?' {
		return "", 0, fmt.Errorf(`pattern cannot start with "?" at %d`, j)
	}
	var pat strings.Builder
	for j < len(s) {
		if s[j] == '\\' {
			end := min(j+2, len(s))
			pat.WriteString(s[j:end])
			j = end
			continue
		}
		if s[j] == ')' {
			depth--
			if depth == 0 {
				j++
				break
			}
		} else if s[j] == '(' {
			depth++
			if j+1 >= len(s) || s[j+1] != '?' {
				return "", 0, fmt.Errorf("capturing groups are not allowed at %d", j)
			}
		}
		pat.WriteByte(s[j])
		j++
	}
	if depth != 0 {
		return "", 0, fmt.Errorf("unbalanced pattern at %d", start)
	}
	if pat.Len() == 0 {
		return "", 0, fmt.Errorf("missing pattern at %d", start)
	}
	return pat.String(), j, nil
}

// routePart is literal text (key false) or a parameter.
type routePart struct {
	key                               bool
	text                              string // literal text
	name                              string // a parameter's name; "" for an unnamed (regex) group
	prefix, suffix, pattern, modifier string
}

// routeParser holds the state of parseRoute.
type routeParser struct {
	toks  []routeToken
	i     int
	parts []routePart
}

func (p *routeParser) try(kind routeTokenKind) (string, bool) {
	if p.i < len(p.toks) && p.toks[p.i].kind == kind {
		p.i++
		return p.toks[p.i-1].value, true
	}
	return "", false
}

func (p *routeParser) must(kind routeTokenKind) error {
	if _, ok := p.try(kind); ok {
		return nil
	}
	t := p.toks[p.i]
	return fmt.Errorf("unexpected %s at %d, expected %s", tokenKindNames[t.kind], t.index, tokenKindNames[kind])
}

// text consumes a run of literal characters.
func (p *routeParser) text() string {
	var s string
	for {
		v, ok := p.try(tokChar)
		if !ok {
			if v, ok = p.try(tokEscaped); !ok {
				return s
			}
		}
		s += v
	}
}

// defaultPattern is the pattern of a parameter without a group: one or more
// characters other than the delimiters, and other than the start of the
// text before the parameter when that text has no delimiter. path-to-regexp
// writes the latter with a lookahead, which Go's regexp lacks; for a single
// character it is the same as a character class without that character.
func (p *routeParser) defaultPattern(prefix string) (string, error) {
	prev := prefix
	if n := len(p.parts); prev == "" && n > 0 && !p.parts[n-1].key {
		prev = p.parts[n-1].text
	}
	if len(p.parts) > 0 && prev == "" {
		return "", fmt.Errorf("must have text between two parameters")
	}
	if prev == "" || strings.ContainsAny(prev, "/#?") {
		return `[^/#?]+?`, nil
	}
	if r, size := utf8.DecodeRuneInString(prev); size == len(prev) {
		return fmt.Sprintf(`[^/#?\x{%x}]+?`, r), nil
	}
	return "", fmt.Errorf("a parameter right after %q needs a lookahead, which Go's regexp cannot express: give it a (regex) group", prev)
}

// parseRoute turns tokens into literal text and parameters.
func parseRoute(toks []routeToken) ([]routePart, error) {
	p := &routeParser{toks: toks}
	path := ""
	flush := func() {
		if path != "" {
			p.parts = append(p.parts, routePart{text: path})
			path = ""
		}
	}
	for p.i < len(p.toks) {
		char, _ := p.try(tokChar)
		name, hasName := p.try(tokName)
		pattern, hasPattern := p.try(tokPattern)
		if hasName || hasPattern {
			prefix := char
			if prefix != "" && !strings.Contains("./", prefix) {
				path += prefix
				prefix = ""
			}
			flush()
			if !hasPattern {
				var err error
				if pattern, err = p.defaultPattern(prefix); err != nil {
					return nil, err
				}
			}
			mod, _ := p.try(tokModifier)
			p.parts = append(p.parts, routePart{key: true, name: name, prefix: prefix, pattern: pattern, modifier: mod})
			continue
		}
		if char != "" {
			path += char
			continue
		}
		if v, ok := p.try(tokEscaped); ok {
			path += v
			continue
		}
		flush()
		if _, ok := p.try(tokOpen); ok {
			prefix := p.text()
			name, hasName = p.try(tokName)
			pattern, _ = p.try(tokPattern)
			suffix := p.text()
			if err := p.must(tokClose); err != nil {
				return nil, err
			}
			if hasName && pattern == "" {
				var err error
				if pattern, err = p.defaultPattern(prefix); err != nil {
					return nil, err
				}
			}
			mod, _ := p.try(tokModifier)
			p.parts = append(p.parts, routePart{key: true, name: name, prefix: prefix, suffix: suffix, pattern: pattern, modifier: mod})
			continue
		}
		if err := p.must(tokEnd); err != nil {
			return nil, err
		}
	}
	return p.parts, nil
}

// compileRoute compiles a createRouteMatcher pattern.
func compileRoute(pattern string) (*regexp.Regexp, error) {
	re, _, err := compileRouteParams(pattern)
	return re, err
}

// compileRouteParams compiles a path-to-regexp pattern and names its
// parameters' capture groups: names[i] is the parameter that group i+1
// captures, "" for an unnamed (regex) group. A parameter without a group
// (an optional {text}?) captures nothing and has no entry. A named group
// written inside a parameter's pattern ((?P<x>...)) captures too, so that
// re.NumSubexp() exceeds len(names).
func compileRouteParams(pattern string) (*regexp.Regexp, []string, error) {
	toks, err := lexRoute(pattern)
	if err != nil {
		return nil, nil, err
	}
	parts, err := parseRoute(toks)
	if err != nil {
		return nil, nil, err
	}
	var names []string
	var b strings.Builder
	b.WriteString(`(?i)^`)
	for _, pt := range parts {
		if !pt.key {
			b.WriteString(regexp.QuoteMeta(pt.text))
			continue
		}
		pre, suf := regexp.QuoteMeta(pt.prefix), regexp.QuoteMeta(pt.suffix)
		repeat := pt.modifier == "+" || pt.modifier == "*"
		if pt.pattern != "" {
			names = append(names, pt.name)
		}
		switch {
		case pt.pattern == "":
			b.WriteString(`(?:` + pre + suf + `)` + pt.modifier)
		case pre == "" && suf == "" && repeat:
			return nil, nil, fmt.Errorf("cannot repeat a parameter without a prefix and suffix")
		case pre == "" && suf == "":
			b.WriteString(`(` + pt.pattern + `)` + pt.modifier)
		case repeat:
			opt := ""
			if pt.modifier == "*" {
				opt = "?"
			}
			b.WriteString(`(?:` + pre + `((?:` + pt.pattern + `)(?:` + suf + pre + `(?:` + pt.pattern + `))*)` + suf + `)` + opt)
		default:
			b.WriteString(`(?:` + pre + `(` + pt.pattern + `)` + suf + `)` + pt.modifier)
		}
	}
	b.WriteString(`[/#?]?$`)
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil, nil, err
	}
	return re, names, nil
}
