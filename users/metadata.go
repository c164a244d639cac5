package users

import (
	"context"
	"net/http"

	"github.com/go-clerk/clerk/internal"
)

// MetadataParams are the metadata of a user to merge (UpdateMetadata) or
// replace (ReplaceMetadata). A nil field is not sent and leaves that
// metadata as it is; a non-nil empty Metadata{} is sent as {}.
type MetadataParams struct {
	// Public is readable by the frontend, writable by the backend.
	Public Metadata `json:"public_metadata,omitzero"`
	// Private is visible to the backend only.
	Private Metadata `json:"private_metadata,omitzero"`
	// Unsafe is writable from the frontend too: do not trust it.
	Unsafe Metadata `json:"unsafe_metadata,omitzero"`
}

// UpdateMetadata deep-merges params into the user's metadata: nested objects
// are merged too, and a key set to nil is deleted (at any depth). Clerk API:
// PATCH /users/{user_id}/metadata.
func (s *Service) UpdateMetadata(ctx context.Context, userID string, params *MetadataParams) (*User, error) {
	return internal.Call[User](ctx, s.core(), http.MethodPatch, "/users/{user_id}/metadata", internal.OrEmpty(params), userID)
}

// ReplaceMetadata replaces each metadata field that params sets, wholesale;
// the fields it leaves nil are untouched. Replacing with Metadata{} empties
// that metadata. Clerk API: PUT /users/{user_id}/metadata.
func (s *Service) ReplaceMetadata(ctx context.Context, userID string, params *MetadataParams) (*User, error) {
	return internal.Call[User](ctx, s.core(), http.MethodPut, "/users/{user_id}/metadata", internal.OrEmpty(params), userID)
}
