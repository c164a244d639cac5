package users

import (
	"bytes"
	"context"
	"io"
	"mime"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

// png is the start of a PNG file followed by bytes of every value, so that
// the upload is checked to be binary-clean.
func png() []byte {
	b := []byte("\x89PNG\r\n\x1a\n")
	for i := 0; i < 4096; i++ {
		b = append(b, byte(i))
	}
	return b
}

func TestSetProfileImage(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	img := png()
	srv.Mux.HandleFunc("POST /users/{user_id}/profile_image", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "user_1", r.PathValue("user_id"))
		mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
			t.Errorf("Content-Type = %q", r.Header.Get("Content-Type"))
		}
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			t.Errorf("multipart body: %v", err)
			return
		}
		assert.Equal(t, 0, len(r.MultipartForm.Value), "no other fields")
		files := r.MultipartForm.File["file"]
		if len(files) != 1 {
			t.Errorf("file parts: %d, want 1", len(files))
			return
		}
		assert.Equal(t, "avatar.png", files[0].Filename)
		f, err := files[0].Open()
		if err != nil {
			t.Errorf("open part: %v", err)
			return
		}
		got, _ := io.ReadAll(f)
		assert.True(t, bytes.Equal(img, got), "uploaded bytes differ")
		spectest.WriteJSON(w, 200, bytes.Replace(spectest.UserJSON,
			[]byte(`"image_url": "https://img.clerk.com/image"`), []byte(`"image_url": "https://img.clerk.com/new"`), 1))
	})
	u, err := svc.SetProfileImage(context.Background(), "user_1", bytes.NewReader(img), "avatar.png")
	require.NoError(t, err)
	assert.Equal(t, "https://img.clerk.com/new", u.ImageURL)
	assert.True(t, u.HasImage)
}

func TestSetProfileImageDefaultFileName(t *testing.T) {
	svc, srv := setup(t)
	srv.Mux.HandleFunc("POST /users/{user_id}/profile_image", func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			t.Errorf("multipart body: %v", err)
			return
		}
		if fs := r.MultipartForm.File["file"]; len(fs) == 1 {
			assert.Equal(t, "file", fs[0].Filename)
		} else {
			t.Errorf("file parts: %d", len(fs))
		}
		spectest.WriteJSON(w, 200, minimalUser(t, "user_1", 1))
	})
	_, err := svc.SetProfileImage(context.Background(), "user_1", strings.NewReader("GIF89a"), "")
	require.NoError(t, err)
}

func TestSetProfileImageRejects(t *testing.T) {
	svc, srv := setup(t)
	_, err := svc.SetProfileImage(context.Background(), "user_1", nil, "a.png")
	assert.ErrorIs(t, err, internal.ErrInvalidParams)
	// The 10 MB cap (internal.MaxUploadBytes) refuses a larger image before
	// any request.
	big := io.LimitReader(zeros{}, internal.MaxUploadBytes+1)
	_, err = svc.SetProfileImage(context.Background(), "user_1", big, "a.png")
	assert.ErrorIs(t, err, internal.ErrInvalidParams, "an image over 10 MB")
	assert.Empty(t, srv.Operations())
}

// zeros is an endless reader of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
