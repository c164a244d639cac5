package sessions

import (
	"fmt"
	"log/slog"
)

// Token is a signed JWT minted for a session: a session token, or a token of
// a JWT template. JWT is a bearer credential: fmt's verbs (%v, %+v, %#v, %s)
// and slog print it redacted; read the field itself to use it.
type Token struct {
	// Object is always "token".
	Object string `json:"object"`
	// JWT is the encoded token.
	JWT string `json:"jwt"`
}

const redacted = "[redacted]"

// String describes the token without its JWT.
func (t Token) String() string {
	return "sessions.Token{JWT:" + redacted + "}"
}

// GoString is String, for %#v.
func (t Token) GoString() string {
	return fmt.Sprintf("sessions.Token{Object:%q, JWT:%q}", t.Object, redacted)
}

// Format prints the token with every verb without its JWT.
func (t Token) Format(f fmt.State, verb rune) {
	switch {
	case verb == 'v' && f.Flag('#'):
		_, _ = fmt.Fprint(f, t.GoString())
	case verb == 'v' && f.Flag('+'):
		_, _ = fmt.Fprintf(f, "{Object:%s JWT:%s}", t.Object, redacted)
	default:
		_, _ = fmt.Fprint(f, t.String())
	}
}

// LogValue keeps the JWT out of slog output.
func (t Token) LogValue() slog.Value {
	return slog.GroupValue(slog.String("object", t.Object), slog.String("jwt", redacted))
}
