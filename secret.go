package clerk

import "github.com/go-clerk/clerk/internal"

// Secret is a credential that a model carries: users.OAuthAccessToken's
// Token, IDToken and TokenSecret, sessions.Token's JWT, API keys' and M2M
// tokens' secrets. fmt (every verb), log/slog (any handler) and
// encoding/json show it as "[redacted]" (an empty one as ""), however
// deeply it is nested, so that logging a model never logs its secret.
// Reveal returns the value; IsZero reports an empty one. Compare secrets
// with Reveal, not ==.
//
//	tok, err := c.Sessions.CreateToken(ctx, sessionID, nil)
//	w.Header().Set("Authorization", "Bearer "+tok.JWT.Reveal())
type Secret = internal.Secret

// NewSecret wraps a credential of yours that a params struct sends to
// Clerk, such as an OIDC client secret (enterprise.OIDCParams), a JWT
// template's signing key (instance.JWTTemplateParams) or a machine secret
// key (apikeys.CreateM2MTokenParams): the request carries it in clear,
// while printing or logging the params shows "[redacted]".
func NewSecret(s string) Secret { return internal.NewSecret(s) }
