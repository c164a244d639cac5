package sessions

import (
	"context"
	"net/http"
	"time"

	"github.com/go-clerk/clerk/internal"
)

// Client is a Clerk client: one browser or device, with the sessions
// signed in on it and the sign-in or sign-up in progress there. (Not to be
// confused with clerk.Client, the SDK's entry point.)
type Client struct {
	// Object is always "client".
	Object string `json:"object"`
	// ID is the client ID, "client_...".
	ID string `json:"id"`
	// SessionIDs are the IDs of the client's sessions.
	SessionIDs []string `json:"session_ids"`
	// Sessions are the client's sessions.
	Sessions []Session `json:"sessions"`
	// SignInID is the sign-in in progress on the client, "" when none.
	SignInID string `json:"sign_in_id"`
	// SignUpID is the sign-up in progress on the client, "" when none.
	SignUpID string `json:"sign_up_id"`
	// LastActiveSessionID is the session last active on the client, ""
	// when none.
	LastActiveSessionID string `json:"last_active_session_id"`
	// LastAuthenticationStrategy is the strategy the user last signed in
	// with on this client, such as "oauth_google"; "" when none.
	LastAuthenticationStrategy string `json:"last_authentication_strategy"`
	// UpdatedAt is when the client last changed.
	UpdatedAt time.Time `json:"updated_at"`
	// CreatedAt is when the client was created.
	CreatedAt time.Time `json:"created_at"`
}

// ClientService reads clients: clerk.Client.Clients. It is safe for
// concurrent use. (The deprecated GET /clients list is not wrapped.)
type ClientService internal.Service

func (s *ClientService) core() *internal.Client { return (*internal.Service)(s).Client() }

// Get returns a client. Clerk API: GET /clients/{client_id}.
func (s *ClientService) Get(ctx context.Context, clientID string) (*Client, error) {
	return internal.Call[Client](ctx, s.core(), http.MethodGet, "/clients/{client_id}", nil, clientID)
}

// Verify checks a client token, the JWT of the __client cookie that
// represents a browser's active client, and returns that client. A token
// Clerk does not accept is an error (clerk.ErrNotFound, clerk.ErrBadRequest
// or clerk.ErrUnauthorized, as the API answers); an empty token fails
// before any request with an error matching clerk.ErrInvalidParams. Clerk
// API: POST /clients/verify.
func (s *ClientService) Verify(ctx context.Context, token string) (*Client, error) {
	if err := internal.Required("token", token); err != nil {
		return nil, err
	}
	body := struct {
		Token string `json:"token"`
	}{token}
	return internal.Call[Client](ctx, s.core(), http.MethodPost, "/clients/verify", &body)
}
