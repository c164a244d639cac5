package internal

import (
	"fmt"
	"net/url"
	"strings"
)

// Path fills a path template of the spec, such as "/users/{user_id}/ban", with
// ids in order, escaping each as one path segment. An empty or unsafe ID
// fails with ErrInvalidParams, naming the parameter, before any request is
// built: a slash, a backslash, "?", "#", "%", white space or a control
// character, and "." or "..", are refused rather than escaped, because some
// proxies decode %2F and would turn an ID into another path.
func Path(tmpl string, ids ...string) (string, error) {
	var b strings.Builder
	b.Grow(len(tmpl) + 32)
	n := 0
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			break
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			return "", fmt.Errorf("clerk: internal: bad path template %q", tmpl)
		}
		name := tmpl[i+1 : i+j]
		if n >= len(ids) {
			return "", fmt.Errorf("clerk: internal: path template %q wants more IDs", tmpl)
		}
		if err := CheckID(name, ids[n]); err != nil {
			return "", err
		}
		b.WriteString(tmpl[:i])
		b.WriteString(url.PathEscape(ids[n]))
		n++
		tmpl = tmpl[i+j+1:]
	}
	if n != len(ids) {
		return "", fmt.Errorf("clerk: internal: path template wants %d IDs, got %d", n, len(ids))
	}
	return b.String(), nil
}

// CheckID validates one path ID; name is the spec's parameter name.
func CheckID(name, id string) error {
	if id == "" {
		return fmt.Errorf("%w: %s is empty", ErrInvalidParams, name)
	}
	if id == "." || id == ".." || len(id) > 1024 {
		return fmt.Errorf("%w: %s is not a valid ID", ErrInvalidParams, name)
	}
	for _, r := range id {
		if r <= ' ' || r == 0x7f || r == '/' || r == '\\' || r == '?' || r == '#' || r == '%' || r == 0xFFFD {
			return fmt.Errorf("%w: %s %.40q has a character not allowed in an ID", ErrInvalidParams, name, id)
		}
	}
	return nil
}
