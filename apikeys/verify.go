package apikeys

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/go-clerk/clerk/internal"
)

// ErrInvalidToken is matched (errors.Is) by every Verify failure caused by the
// token itself: Clerk does not know it (404, which also matches
// clerk.ErrNotFound), refuses it as malformed (400), or reports it revoked or
// expired; and an empty or oversized token, refused before any request (also
// matching internal.ErrInvalidParams). Failures that are not the token's
// fault (401 for a bad secret key, 429, 5xx, network) do not match it.
var ErrInvalidToken = errors.New("apikeys: invalid token")

// maxTokenLen caps what Verify forwards to Clerk: a bearer larger than this
// is no Clerk token.
const maxTokenLen = 4096

// tokenError is a Verify failure caused by the token. It matches
// ErrInvalidToken and whatever caused it (an *APIError and its sentinel).
type tokenError struct {
	kind   string // "API key", "M2M token"
	reason string
	cause  error
}

// Error names the token kind and the reason, never the token.
func (e *tokenError) Error() string {
	s := "apikeys: " + e.kind + " rejected"
	if e.reason != "" {
		s += ": " + e.reason
	}
	if e.cause != nil {
		s += ": " + e.cause.Error()
	}
	return s
}

// Unwrap gives ErrInvalidToken and the cause, for errors.Is and errors.As.
func (e *tokenError) Unwrap() []error {
	if e.cause == nil {
		return []error{ErrInvalidToken}
	}
	return []error{ErrInvalidToken, e.cause}
}

// checkToken refuses, before any request, what cannot be a token.
func checkToken(kind, token string) error {
	switch {
	case token == "":
		return &tokenError{kind: kind, reason: "empty", cause: internal.ErrInvalidParams}
	case len(token) > maxTokenLen:
		return &tokenError{kind: kind, reason: "too long", cause: internal.ErrInvalidParams}
	}
	return nil
}

// verifyError classifies a failed verify call: 400 and 404 are the token's
// fault (the request is otherwise fixed), anything else is not.
func verifyError(kind string, err error) error {
	var ae *internal.APIError
	if errors.As(err, &ae) && (ae.StatusCode == 400 || ae.StatusCode == 404) {
		return &tokenError{kind: kind, cause: err}
	}
	return err
}

// checkVerified refuses an answer that says the token is no longer valid.
func checkVerified(kind string, revoked, expired bool, reason string) error {
	switch {
	case revoked:
		r := "revoked"
		if reason != "" {
			r += " (" + reason + ")"
		}
		return &tokenError{kind: kind, reason: r}
	case expired:
		return &tokenError{kind: kind, reason: "expired"}
	}
	return nil
}

// verifyAnswer is the answer of a verify endpoint: the token's model, with
// revoked and expired read as pointers too, so that an answer that leaves
// them out is told from one that says false; and active, which the OAuth
// endpoint answers alone ({"active": false}) for a token that is no longer
// valid.
type verifyAnswer[T any] struct {
	Token   T     `json:",embed"`
	Revoked *bool `json:"revoked"`
	Expired *bool `json:"expired"`
	Active  *bool `json:"active"`
}

// verifiable is the model of a token Clerk verifies: APIKey, M2MToken or
// OAuthToken. The code that treats them alike (verifyAt, the verification
// cache) reaches their common fields through fields.
type verifiable[T any] interface {
	*T
	fields() tokenFields
}

// tokenFields points at the fields the verifiable models share. Those a
// model lacks are nil: an OAuthToken has no secret, claims or last use, only
// an OAuthToken an audience.
type tokenFields struct {
	object, id, subject, reason *string
	revoked, expired            *bool
	secret                      *Secret
	scopes, audience            *[]string
	claims                      *Claims
	expiration, lastUsedAt      **time.Time
}

// cloneToken deep-copies a verified key or token, without its secret, so
// that no two callers share (or change) a cached result.
func cloneToken[T any, P verifiable[T]](t *T) *T {
	if t == nil {
		return nil
	}
	cp := *t
	f := P(&cp).fields()
	if f.secret != nil {
		*f.secret = Secret{}
	}
	*f.scopes = slices.Clone(*f.scopes)
	if f.audience != nil {
		*f.audience = slices.Clone(*f.audience)
	}
	if f.claims != nil {
		*f.claims = Claims(bytes.Clone(*f.claims))
	}
	*f.expiration = cloneTime(*f.expiration)
	if f.lastUsedAt != nil {
		*f.lastUsedAt = cloneTime(*f.lastUsedAt)
	}
	return &cp
}

func cloneTime(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	c := *t
	return &c
}

// verifierOf returns the verifier kept in a service's state slot, built on
// first use from the transport core's configuration (ARCHITECTURE.md, "The
// layers").
func verifierOf[T any, P verifiable[T]](s *internal.Service) *verifier[T] {
	return s.State(func(c *internal.Client) any {
		return newVerifier(configOf(c), func(t *T) *time.Time { return *P(t).fields().expiration }, cloneToken[T, P])
	}).(*verifier[T])
}

// endpoint is a verify endpoint and what its answers look like.
type endpoint struct {
	kind   string // "API key", for messages
	object string // the object type of a verification
	path   string
	// inactive: the endpoint answers {"active": false} for a token that
	// is no longer valid (expired or revoked), as the OAuth one does.
	inactive bool
	// checkExpiration: a verification whose expiration is set and not
	// after the verifier's clock is refused as expired, whatever its
	// "expired" says. Only where the expiration is known to be Unix
	// milliseconds, as every Clerk time is (see oauthVerify).
	checkExpiration bool
}

// The verify endpoints.
var (
	apiKeyVerify = endpoint{kind: "API key", object: "api_key", path: "/api_keys/verify", checkExpiration: true}
	m2mVerify    = endpoint{kind: "M2M token", object: "machine_to_machine_token", path: "/m2m_tokens/verify", checkExpiration: true}
	// The OAuth answer's expiration is not compared with the clock: the
	// unit of its number is uncertain (the spec's example of the access
	// token verification looks like Unix seconds, which the codec would
	// read as milliseconds, a date in 1970 that every token would be
	// past), so only its "expired" and "active" are trusted.
	oauthVerify = endpoint{kind: "OAuth access token", object: "clerk_idp_oauth_access_token",
		path: "/oauth_applications/access_tokens/verify", inactive: true}
)

// verifyAt asks Clerk about a token, posting body (which holds it) to the
// endpoint, and returns the verified model, without its secret. Only a
// well-formed verification of a valid token succeeds (issue 9, item 2); the
// spec's schemas of the endpoints require the object type, id, subject,
// revoked and expired:
//   - an answer that is no verification (an empty body, null, {}, a 204,
//     another object type, no id or subject, revoked or expired left out,
//     JSON that does not fit) is the server's fault: an error matching
//     ErrInvalidResponse, never ErrInvalidToken (the root answers it with a
//     503, not a 401);
//   - a verification that says the token is revoked or expired, or, where
//     the endpoint answers so, {"active": false}, matches ErrInvalidToken,
//     as Clerk's 400 and 404 do (verifyError); so does, for an API key or
//     an M2M token, one whose expiration is not after the client's clock,
//     even if it says "expired": false (endpoint.checkExpiration).
//
// The token never appears in an error.
func verifyAt[T any, P verifiable[T]](ctx context.Context, c *internal.Client, ep endpoint, body any, token string) (*T, error) {
	a, err := internal.Call[verifyAnswer[T]](ctx, c, http.MethodPost, ep.path, body)
	if err != nil {
		return nil, verifyError(ep.kind, redactErr(err, token))
	}
	v := P(&a.Token).fields()
	if v.secret != nil {
		*v.secret = Secret{} // never kept, even when the server sends it back
	}
	if ep.inactive && a.Active != nil {
		// {"active": false} alone says the token is not valid; a token
		// object says so with revoked and expired, never with active.
		if !*a.Active && *v.object == "" && *v.id == "" && *v.subject == "" && a.Revoked == nil && a.Expired == nil {
			return nil, &tokenError{kind: ep.kind, reason: "inactive (expired or revoked)"}
		}
		return nil, fmt.Errorf("clerk: POST %s: %w: the answer is neither {\"active\": false} nor a verification of an %s", ep.path, internal.ErrInvalidResponse, ep.kind)
	}
	var missing string
	switch {
	case *v.object != ep.object:
		missing = "the object type " + ep.object
	case *v.id == "":
		missing = "an id"
	case *v.subject == "":
		missing = "a subject"
	case a.Revoked == nil || a.Expired == nil:
		missing = "revoked and expired"
	}
	if missing != "" {
		return nil, fmt.Errorf("clerk: POST %s: %w: the answer is not a verification of an %s: it lacks %s", ep.path, internal.ErrInvalidResponse, ep.kind, missing)
	}
	*v.revoked, *v.expired = *a.Revoked, *a.Expired
	if err := checkVerified(ep.kind, *a.Revoked, *a.Expired, *v.reason); err != nil {
		return nil, err
	}
	// "expired": false is not the last word: a key or token whose
	// expiration has come by the verifier's clock is refused as the
	// answer's "expired" would refuse it (and, as every failure, not
	// cached).
	if exp := *v.expiration; ep.checkExpiration && exp != nil && !exp.IsZero() && !exp.After(c.Clock()()) {
		return nil, &tokenError{kind: ep.kind, reason: "expired"}
	}
	return &a.Token, nil
}
