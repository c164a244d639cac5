package users

import (
	"context"
	"fmt"
	"net/http"

	"github.com/go-clerk/clerk/internal"
)

// maxBulk is how many users one bulk ban or unban takes.
const maxBulk = 50

// Ban bans a user: their sessions are revoked and they cannot sign in again
// until unbanned. Clerk API: POST /users/{user_id}/ban.
func (s *Service) Ban(ctx context.Context, userID string) (*User, error) {
	return internal.Call[User](ctx, s.core(), http.MethodPost, "/users/{user_id}/ban", nil, userID)
}

// Unban lifts a user's ban. Clerk API: POST /users/{user_id}/unban.
func (s *Service) Unban(ctx context.Context, userID string) (*User, error) {
	return internal.Call[User](ctx, s.core(), http.MethodPost, "/users/{user_id}/unban", nil, userID)
}

// Lock locks a user out of signing in until the lock expires (the
// instance's lockout duration) or Unlock. Clerk API:
// POST /users/{user_id}/lock.
func (s *Service) Lock(ctx context.Context, userID string) (*User, error) {
	return internal.Call[User](ctx, s.core(), http.MethodPost, "/users/{user_id}/lock", nil, userID)
}

// Unlock lifts a user's lock. Clerk API: POST /users/{user_id}/unlock.
func (s *Service) Unlock(ctx context.Context, userID string) (*User, error) {
	return internal.Call[User](ctx, s.core(), http.MethodPost, "/users/{user_id}/unlock", nil, userID)
}

// BanMany bans 1 to 50 users at once and returns them. Clerk API:
// POST /users/ban.
func (s *Service) BanMany(ctx context.Context, userIDs []string) ([]*User, error) {
	return s.bulk(ctx, "/users/ban", userIDs)
}

// UnbanMany lifts the ban of 1 to 50 users at once and returns them. Clerk
// API: POST /users/unban.
func (s *Service) UnbanMany(ctx context.Context, userIDs []string) ([]*User, error) {
	return s.bulk(ctx, "/users/unban", userIDs)
}

func (s *Service) bulk(ctx context.Context, path string, userIDs []string) ([]*User, error) {
	if err := internal.Bulk("user_ids", len(userIDs), maxBulk); err != nil {
		return nil, err
	}
	for _, id := range userIDs {
		if id == "" {
			return nil, fmt.Errorf("%w: user_ids holds an empty ID", internal.ErrInvalidParams)
		}
	}
	body := struct {
		UserIDs []string `json:"user_ids"`
	}{userIDs}
	out, err := internal.CallList[User](ctx, s.core(), http.MethodPost, path, &body)
	if err != nil {
		return nil, err
	}
	return out.Data, nil
}
