package clerk

import (
	"net"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"
)

// The URLs of browser requests, built as @clerk/backend builds them with
// the WHATWG URL API, so that a Location sent here is the one a JS server
// sends, byte for byte: a query that is changed (a parameter set, added or
// deleted) is written again in the application/x-www-form-urlencoded form
// of URLSearchParams, in order; one that is not changed keeps its bytes.

// query is a URL's query as URLSearchParams holds it: ordered pairs.
type query []queryPair

type queryPair struct{ name, value string }

// parseQuery reads a raw query (without "?") as URLSearchParams does: pairs
// split at "&", empty ones skipped, name and value split at the first "=",
// "+" read as a space, percent-escapes decoded where they are well formed
// (others kept as written), bytes that are not UTF-8 replaced by U+FFFD.
func parseQuery(raw string) query {
	var q query
	for part := range strings.SplitSeq(raw, "&") {
		if part == "" {
			continue
		}
		name, value, _ := strings.Cut(part, "=")
		q = append(q, queryPair{formDecode(name), formDecode(value)})
	}
	return q
}

func formDecode(s string) string {
	if !strings.ContainsAny(s, "+%") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '+':
			b = append(b, ' ')
		case c == '%' && i+2 < len(s):
			hi, ok1 := unhex(s[i+1])
			lo, ok2 := unhex(s[i+2])
			if ok1 && ok2 {
				b = append(b, hi<<4|lo)
				i += 2
			} else {
				b = append(b, c)
			}
		default:
			b = append(b, c)
		}
	}
	return strings.ToValidUTF8(string(b), string(utf8.RuneError))
}

// get returns the first value of name, and whether there is one (get's
// null is false).
func (q query) get(name string) (string, bool) {
	for _, p := range q {
		if p.name == name {
			return p.value, true
		}
	}
	return "", false
}

// del removes every pair of name.
func (q query) del(name string) query {
	out := q[:0:0]
	for _, p := range q {
		if p.name != name {
			out = append(out, p)
		}
	}
	return out
}

// set replaces the first pair of name and removes the others, or appends
// one.
func (q query) set(name, value string) query {
	out := q[:0:0]
	done := false
	for _, p := range q {
		if p.name != name {
			out = append(out, p)
		} else if !done {
			out = append(out, queryPair{name, value})
			done = true
		}
	}
	if !done {
		out = append(out, queryPair{name, value})
	}
	return out
}

// add appends a pair.
func (q query) add(name, value string) query {
	return append(q[:len(q):len(q)], queryPair{name, value})
}

// encode writes the pairs as URLSearchParams serializes them.
func (q query) encode() string {
	var b strings.Builder
	for i, p := range q {
		if i > 0 {
			b.WriteByte('&')
		}
		formEncode(&b, p.name)
		b.WriteByte('=')
		formEncode(&b, p.value)
	}
	return b.String()
}

// formEncode writes s in the application/x-www-form-urlencoded byte
// serialization: ASCII letters, digits and *-._ as they are, a space as
// "+", every other byte of its UTF-8 percent-escaped in upper case.
func formEncode(b *strings.Builder, s string) {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '*', c == '-', c == '.', c == '_':
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
}

// webURL is an absolute URL as the WHATWG URL API holds it: its origin,
// path and query kept apart, so that a query that changes is written again
// as URLSearchParams writes it, and one that does not keeps its bytes.
type webURL struct {
	scheme, host string // host lower-case, with its port unless the scheme's default
	path         string // escaped, starting with "/"
	rawQuery     string // without "?"; used while q is nil
	q            query
	changed      bool
}

// parseWebURL parses an absolute http or https URL; false for anything
// else.
func parseWebURL(s string) (*webURL, bool) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || u.Host == "" || u.Opaque != "" || u.User != nil {
		return nil, false
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return nil, false
	}
	w := &webURL{scheme: scheme, host: normalizeHost(scheme, u.Host), path: u.EscapedPath(), rawQuery: u.RawQuery}
	if w.path == "" {
		w.path = "/"
	}
	return w, true
}

// normalizeHost lower-cases a host and drops the scheme's default port, as
// URL serialization does.
func normalizeHost(scheme, host string) string {
	host = strings.ToLower(host)
	if h, port, err := net.SplitHostPort(host); err == nil {
		if scheme == "https" && port == "443" || scheme == "http" && port == "80" {
			if strings.Contains(h, ":") {
				return "[" + h + "]"
			}
			return h
		}
	}
	return host
}

func (w *webURL) origin() string { return w.scheme + "://" + w.host }

// hostname is the host without its port (an IPv6 address in brackets), as
// URL.hostname gives it.
func (w *webURL) hostname() string {
	h, _, err := net.SplitHostPort(w.host)
	if err != nil {
		return w.host
	}
	if strings.Contains(h, ":") {
		return "[" + h + "]"
	}
	return h
}

// hostPort is the URL's hostname and port (empty for the scheme's
// default), "hostname:port" as createRedirect compares them.
func (w *webURL) hostPort() string {
	h, port, err := net.SplitHostPort(w.host)
	if err != nil {
		return w.host + ":"
	}
	if strings.Contains(h, ":") {
		h = "[" + h + "]"
	}
	return h + ":" + port
}

// params returns the query's pairs, parsed on first use.
func (w *webURL) params() query {
	if w.q == nil {
		w.q = parseQuery(w.rawQuery)
		if w.q == nil {
			w.q = query{}
		}
	}
	return w.q
}

func (w *webURL) get(name string) (string, bool) { return w.params().get(name) }

// update changes the query: from then on it is written as URLSearchParams
// writes it.
func (w *webURL) update(f func(query) query) {
	w.q = f(w.params())
	w.changed = true
}

// clone returns a copy that changes independently.
func (w *webURL) clone() *webURL {
	c := *w
	c.q = append(query(nil), w.q...)
	return &c
}

// String is the URL's href.
func (w *webURL) String() string {
	q := w.rawQuery
	if w.changed {
		q = w.q.encode()
		if q == "" {
			return w.origin() + w.path
		}
	} else if q == "" {
		return w.origin() + w.path
	}
	return w.origin() + w.path + "?" + q
}

// requestURL is the URL of a request as ClerkRequest derives it: the
// scheme and host of X-Forwarded-Proto and X-Forwarded-Host (their first
// values, as a proxy chain lists them), else of the Host header and the
// connection, with the request's path and query.
func requestURL(r *http.Request) *webURL {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	if r.URL.Scheme != "" {
		scheme = strings.ToLower(r.URL.Scheme)
	}
	host := r.Host
	if host == "" {
		host = r.URL.Host
	}
	if v := r.Header.Get("X-Forwarded-Proto"); v != "" {
		scheme, _, _ = strings.Cut(v, ",")
	}
	if v := r.Header.Get("X-Forwarded-Host"); v != "" {
		host, _, _ = strings.Cut(v, ",")
	}
	path := r.URL.EscapedPath()
	if path == "" {
		path = "/"
	}
	if r.Header.Get("X-Forwarded-Host") == "" && r.Header.Get("X-Forwarded-Proto") == "" && (scheme == "http" || scheme == "https") {
		// The server's own view of the request, which net/http has
		// parsed: no need to parse it again.
		return &webURL{scheme: scheme, host: normalizeHost(scheme, host), path: path, rawQuery: r.URL.RawQuery}
	}
	w, ok := parseWebURL(scheme + "://" + host + "/")
	if !ok {
		// ClerkRequest falls back to the request's own URL when the
		// forwarded origin is not one.
		w = &webURL{scheme: "http", host: strings.ToLower(r.Host)}
		if r.TLS != nil {
			w.scheme = "https"
		}
	}
	w.path, w.rawQuery = path, r.URL.RawQuery
	return w
}

// resolve returns ref (absolute, or a path) resolved against base, false
// when it is neither an http(s) URL nor resolvable.
func resolve(base *webURL, ref string) (*webURL, bool) {
	b, err := url.Parse(base.origin() + base.path)
	if err != nil {
		return nil, false
	}
	r, err := url.Parse(ref)
	if err != nil {
		return nil, false
	}
	return parseWebURL(b.ResolveReference(r).String())
}
