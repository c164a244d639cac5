package sessions

import (
	"context"
	"fmt"
	"net/http"

	"github.com/go-clerk/clerk/internal"
)

// RefreshFormat is the form Refresh asks the new session token in.
type RefreshFormat string

// The refresh formats of the spec.
const (
	// RefreshFormatToken asks for the session token itself (the API's
	// default): the answer is a RefreshedToken.
	RefreshFormatToken RefreshFormat = "token"
	// RefreshFormatCookie asks for the Set-Cookie directives that carry the
	// token: the answer is RefreshedCookies.
	RefreshFormatCookie RefreshFormat = "cookie"
)

// RefreshParams are what Refresh needs from the browser's request: the
// expired session token and the refresh token, both credentials (send
// them, do not log them). ExpiredToken, RefreshToken and RequestOrigin are
// required.
type RefreshParams struct {
	// ExpiredToken is the expired session JWT from the __session cookie; it
	// must belong to the session being refreshed.
	ExpiredToken string `json:"expired_token"`
	// RefreshToken is the refresh token from the __refresh cookie that the
	// Frontend API's handshake set.
	RefreshToken string `json:"refresh_token"`
	// RequestOrigin is the origin of the browser's request, such as
	// "https://example.com".
	RequestOrigin string `json:"request_origin"`
	// RequestHeaders are the headers of the browser's request (r.Header).
	RequestHeaders http.Header `json:"request_headers,omitempty"`
	// Format chooses a token (the default) or cookies in the answer.
	Format *RefreshFormat `json:"format,omitempty"`
	// RequestOriginatingIP is the IP address the browser's request came
	// from.
	RequestOriginatingIP *string `json:"request_originating_ip,omitempty"`
}

// RefreshKind says what Refresh answered: the Object of a Refreshed.
type RefreshKind string

// What a refresh answers, by its "object".
const (
	// RefreshedToken is a session token: Refreshed.JWT is set.
	RefreshedToken RefreshKind = "token"
	// RefreshedCookies is a list of Set-Cookie directives: Refreshed.Cookies
	// is set.
	RefreshedCookies RefreshKind = "cookies"
)

// Refreshed is the answer to Refresh, one of two shapes told apart by
// Object: RefreshedToken, a new session token in JWT, or RefreshedCookies,
// the Set-Cookie directives that carry it in Cookies. Both are
// credentials, Secrets: fmt, log/slog and encoding/json show them as
// "[redacted]"; Reveal gives them.
//
//	switch r.Object {
//	case sessions.RefreshedToken:
//		token := r.JWT.Reveal()
//	case sessions.RefreshedCookies:
//		for _, c := range r.Cookies {
//			w.Header().Add("Set-Cookie", c.Reveal())
//		}
//	}
type Refreshed struct {
	// Object is RefreshedToken ("token") or RefreshedCookies ("cookies").
	Object RefreshKind `json:"object"`
	// JWT is the new session token, when Object is RefreshedToken.
	JWT Secret `json:"jwt,omitzero"`
	// Cookies are Set-Cookie directives, when Object is RefreshedCookies.
	Cookies []Secret `json:"cookies,omitempty"`
}

// Refresh mints a new session token for a session whose token has expired,
// from the expired token and the refresh token the browser holds: what
// Clerk's SDKs do before falling back to the handshake. The answer is a
// token or cookies, as params.Format asks (Refreshed.Object says which).
// Clerk answers 401 (clerk.ErrUnauthorized) when the tokens do not check
// out: the caller should then fall back to the handshake flow. Nil params
// or an empty required field fail before any request with an error
// matching clerk.ErrInvalidParams; an answer that is neither a token nor
// cookies matches clerk.ErrInvalidResponse. Clerk API:
// POST /sessions/{session_id}/refresh.
func (s *Service) Refresh(ctx context.Context, sessionID string, params *RefreshParams) (*Refreshed, error) {
	if params == nil {
		return nil, internal.NoParams("Sessions.Refresh")
	}
	if err := internal.Required("expired_token", params.ExpiredToken, "refresh_token", params.RefreshToken, "request_origin", params.RequestOrigin); err != nil {
		return nil, err
	}
	r, err := internal.Call[Refreshed](ctx, s.core(), http.MethodPost, "/sessions/{session_id}/refresh", params, sessionID)
	if err != nil {
		return nil, err
	}
	switch {
	case r.Object == RefreshedToken && !r.JWT.IsZero():
	case r.Object == RefreshedCookies && r.JWT.IsZero():
	default:
		return nil, fmt.Errorf("%w: a refresh answer is neither a token nor cookies", internal.ErrInvalidResponse)
	}
	return r, nil
}
