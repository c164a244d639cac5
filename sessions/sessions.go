package sessions

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"

	"github.com/go-clerk/clerk/internal"
)

// Page is one page of a list: Data, and TotalCount, the number of items
// across all pages as the API reports it (the same type as clerk.Page).
type Page[T any] = internal.Page[T]

// maxLimit is the largest page GET /sessions serves.
const maxLimit = 500

// Service calls the Sessions endpoints: clerk.Client.Sessions. It is safe
// for concurrent use.
type Service internal.Service

func (s *Service) core() *internal.Client { return (*internal.Service)(s).Client() }

// Get returns a session. Clerk API: GET /sessions/{session_id}.
func (s *Service) Get(ctx context.Context, sessionID string) (*Session, error) {
	return internal.Call[Session](ctx, s.core(), http.MethodGet, "/sessions/{session_id}", nil, sessionID)
}

// ListParams filters sessions. Clerk asks for at least one of UserID and
// ClientID.
type ListParams struct {
	// UserID lists the sessions of this user.
	UserID *string `url:"user_id"`
	// ClientID lists the sessions of this client.
	ClientID *string `url:"client_id"`
	// Status lists only sessions in this state. The filter accepts every
	// Status but StatusPending.
	Status *Status `url:"status"`
	// Limit is the page size, 1 to 500 (the API's default is 10).
	Limit *int `url:"limit"`
	// Offset skips that many sessions.
	Offset *int `url:"offset"`
}

// List returns one page of sessions. It asks for the paginated answer,
// which fills TotalCount; the spec documents only the bare array, which
// decodes too, with TotalCount 0. Clerk API: GET /sessions.
func (s *Service) List(ctx context.Context, params *ListParams) (*Page[Session], error) {
	return internal.List[Session](ctx, s.core(), "/sessions", internal.Paginated(params))
}

// All iterates over every session that matches params, fetching pages of
// params.Limit (500, the maximum, when unset or larger) lazily, from
// params.Offset. params is copied, never changed. It yields an error once
// and stops. Clerk API: GET /sessions.
//
// Revoking sessions inside the loop is safe, even with a Status filter that
// the revoked sessions then leave: when a page reports a smaller total than
// the one before, the walk steps back by the difference, and a session
// already yielded is not yielded again (ARCHITECTURE.md, "Writing a list").
// To sign a user out everywhere, RevokeAll does it in one call.
func (s *Service) All(ctx context.Context, params *ListParams) iter.Seq2[*Session, error] {
	return internal.All(ctx, params, internal.Paging[Session]{Max: maxLimit, ID: sessionID}, s.List)
}

func sessionID(s *Session) string { return s.ID }

// CreateParams describe a session to create. UserID is required.
type CreateParams struct {
	// UserID is the user the session signs in.
	UserID string `json:"user_id"`
	// ActiveOrganizationID, when set, makes this organization the session's
	// active one.
	ActiveOrganizationID *string `json:"active_organization_id,omitempty"`
}

// Create starts an active session for a user, with no sign-in: for tests
// only. Clerk serves it on development (testing) instances and refuses it
// on production instances; to sign a user in from the backend in
// production, create a sign-in token (SignInTokenService.Create) instead.
// Nil params or an empty UserID fail before any request with an error
// matching clerk.ErrInvalidParams. Clerk API: POST /sessions.
func (s *Service) Create(ctx context.Context, params *CreateParams) (*Session, error) {
	if params == nil {
		return nil, internal.NoParams("Sessions.Create")
	}
	if err := internal.Required("user_id", params.UserID); err != nil {
		return nil, err
	}
	return internal.Call[Session](ctx, s.core(), http.MethodPost, "/sessions", params)
}

// Revoke revokes a session, which signs its user out of that client; the
// session comes back with StatusRevoked. Clerk API:
// POST /sessions/{session_id}/revoke.
func (s *Service) Revoke(ctx context.Context, sessionID string) (*Session, error) {
	return internal.Call[Session](ctx, s.core(), http.MethodPost, "/sessions/{session_id}/revoke", nil, sessionID)
}

// RevokeAll signs a user out everywhere: it lists the user's sessions
// first, then revokes, one by one, each that is active or pending. It
// returns the sessions it revoked, as the API answered them. When a
// revocation fails, the others are still tried: the error joins every
// failure, each naming its session and wrapping the cause
// (errors.Is(err, clerk.ErrRateLimited) holds when one was rate limited),
// and the returned sessions are those revoked. If the context ends, what
// was not revoked by then is reported the same way. A listing that fails
// revokes nothing and returns its error. Clerk API: GET /sessions, then
// POST /sessions/{session_id}/revoke for each.
func (s *Service) RevokeAll(ctx context.Context, userID string) ([]*Session, error) {
	if err := internal.CheckID("user_id", userID); err != nil {
		return nil, err
	}
	var ids []string
	for sess, err := range s.All(ctx, &ListParams{UserID: &userID}) {
		if err != nil {
			return nil, fmt.Errorf("sessions: listing the sessions of %s: %w", userID, err)
		}
		if sess.Status == StatusActive || sess.Status == StatusPending {
			ids = append(ids, sess.ID)
		}
	}
	var (
		revoked []*Session
		errs    []error
	)
	for i, id := range ids {
		if err := ctx.Err(); err != nil {
			errs = append(errs, fmt.Errorf("sessions: %d of %d sessions not revoked: %w", len(ids)-i, len(ids), err))
			break
		}
		sess, err := s.Revoke(ctx, id)
		if err != nil {
			errs = append(errs, fmt.Errorf("sessions: revoking %s: %w", id, err))
			continue
		}
		revoked = append(revoked, sess)
	}
	return revoked, errors.Join(errs...)
}

// CreateTokenParams are the options of a token. Nil params take the
// instance's defaults.
type CreateTokenParams struct {
	// ExpiresInSeconds overrides the token's lifetime, 30 to 315360000
	// seconds.
	ExpiresInSeconds *int `json:"expires_in_seconds,omitempty"`
}

// CreateToken mints a session token (a JWT) for a session. Clerk API:
// POST /sessions/{session_id}/tokens.
func (s *Service) CreateToken(ctx context.Context, sessionID string, params *CreateTokenParams) (*Token, error) {
	return internal.Call[Token](ctx, s.core(), http.MethodPost, "/sessions/{session_id}/tokens", params, sessionID)
}

// CreateTokenFromTemplate mints a JWT for a session from the instance's JWT
// template of that name (e.g. "custom_hasura"). Clerk API:
// POST /sessions/{session_id}/tokens/{template_name}.
func (s *Service) CreateTokenFromTemplate(ctx context.Context, sessionID, templateName string, params *CreateTokenParams) (*Token, error) {
	return internal.Call[Token](ctx, s.core(), http.MethodPost, "/sessions/{session_id}/tokens/{template_name}", params, sessionID, templateName)
}
