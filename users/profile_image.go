package users

import (
	"context"
	"io"
	"net/http"

	"github.com/go-clerk/clerk/internal"
)

// SetProfileImage uploads an image (at most 10 MB: JPEG, PNG, GIF, WebP...)
// as the user's profile image, sent as the multipart field "file" under the
// given file name ("file" when empty). The image is read into memory before
// the request, so a retry can send it again. A nil image fails with
// clerk.ErrInvalidParams before any request. Clerk API:
// POST /users/{user_id}/profile_image.
func (s *Service) SetProfileImage(ctx context.Context, userID string, image io.Reader, fileName string) (*User, error) {
	if image == nil {
		return nil, internal.Missing("file")
	}
	body := &internal.Multipart{FileField: "file", FileName: fileName, File: image}
	return internal.Call[User](ctx, s.core(), http.MethodPost, "/users/{user_id}/profile_image", body, userID)
}

// DeleteProfileImage removes the user's profile image. (The API answers the
// updated user; like every Delete* method this one returns only the error:
// Get the user for its new ImageURL.) Clerk API:
// DELETE /users/{user_id}/profile_image.
func (s *Service) DeleteProfileImage(ctx context.Context, userID string) error {
	return internal.Exec(ctx, s.core(), http.MethodDelete, "/users/{user_id}/profile_image", nil, userID)
}
