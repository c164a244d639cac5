package users

import (
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/go-clerk/clerk/internal"
)

// SetProfileImage uploads an image (at most 10 MB: JPEG, PNG, GIF, WebP...)
// as the user's profile image, sent as the multipart field "file" under the
// given file name ("file" when empty). The image is read into memory before
// the request, so a retry can send it again. Clerk API:
// POST /users/{user_id}/profile_image.
func (s *Service) SetProfileImage(ctx context.Context, userID string, image io.Reader, fileName string) (*User, error) {
	p, err := internal.Path("/users/{user_id}/profile_image", userID)
	if err != nil {
		return nil, err
	}
	if image == nil {
		return nil, fmt.Errorf("%w: image is nil", internal.ErrInvalidParams)
	}
	body := &internal.Multipart{FileField: "file", FileName: fileName, File: image}
	out := new(User)
	if err := s.c.Do(ctx, &internal.Request{Method: http.MethodPost, Path: p, Body: body}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// DeleteProfileImage removes the user's profile image. (The API answers the
// updated user; like every Delete* method this one returns only the error:
// Get the user for its new ImageURL.) Clerk API:
// DELETE /users/{user_id}/profile_image.
func (s *Service) DeleteProfileImage(ctx context.Context, userID string) error {
	return s.deleteCall(ctx, "/users/{user_id}/profile_image", userID)
}
