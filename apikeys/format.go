package apikeys

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// The models that hold a secret (APIKey.Secret, M2MToken.Token,
// Machine.SecretKey, MachineSecretKey.Secret, and the machine secret key of
// CreateM2MTokenParams) print through a "view": a copy of the value whose
// secret reads "[redacted]", converted to a method-less twin type so that
// printing it does not come back here.

// formatView writes view for fmt's verb, as the public type would print
// without its secret. goName is the public type's name for %#v.
func formatView(f fmt.State, verb rune, goName string, view any) {
	switch verb {
	case 'v':
		if f.Flag('#') {
			_, _ = io.WriteString(f, goStringView(goName, view))
			return
		}
		fmt.Fprintf(f, fmt.FormatString(f, verb), view)
	case 's':
		fmt.Fprintf(f, fmt.FormatString(f, 'v'), view)
	case 'q':
		_, _ = io.WriteString(f, strconv.Quote(fmt.Sprint(view)))
	default:
		fmt.Fprintf(f, fmt.FormatString(f, verb), view)
	}
}

// goStringView is %#v of view under the public type's name.
func goStringView(goName string, view any) string {
	s := fmt.Sprintf("%#v", view)
	if i := strings.IndexByte(s, '{'); i >= 0 {
		return goName + s[i:]
	}
	return s
}

// redactValue hides a non-empty secret; an empty one stays empty, so a
// printed value still shows whether there was one.
func redactValue(s string) string {
	if s == "" {
		return ""
	}
	return redacted
}
