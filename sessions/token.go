package sessions

import "github.com/go-clerk/clerk/internal"

// Secret is a credential a model carries (Token.JWT): fmt, log/slog and
// encoding/json show it as "[redacted]"; Reveal returns it. The same type
// as clerk.Secret.
type Secret = internal.Secret

// Token is a signed JWT minted for a session: a session token, or a token of
// a JWT template. JWT is a bearer credential, a Secret: fmt, log/slog and
// encoding/json show it as "[redacted]" however the Token is nested;
// t.JWT.Reveal() is the token to send.
type Token struct {
	// Object is always "token".
	Object string `json:"object"`
	// JWT is the encoded token.
	JWT Secret `json:"jwt"`
}
