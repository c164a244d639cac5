package users

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

func TestVerifyPassword(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("POST /users/{user_id}/verify_password", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "user_1", r.PathValue("user_id"))
		b := spectest.ReadJSON(t, r)
		switch b["password"] {
		case "right password":
			spectest.WriteJSON(w, 200, []byte(`{"verified":true}`))
		case "wrong password":
			spectest.WriteError(w, 422, "incorrect_password")
		default:
			t.Errorf("body = %v", b)
		}
	})
	v, err := svc.VerifyPassword(context.Background(), "user_1", "right password")
	require.NoError(t, err)
	assert.Equal(t, &PasswordVerification{Verified: true}, v)

	v, err = svc.VerifyPassword(context.Background(), "user_1", "wrong password")
	assert.Nil(t, v)
	assert.ErrorIs(t, err, internal.ErrUnprocessable, "wrong password")
	var apiErr *internal.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 422, apiErr.StatusCode)
	assert.Equal(t, 2, srv.Count("POST", "/v1/users/user_1/verify_password"), "no retry on 422")
}

func TestVerifyPasswordNoPasswordSet(t *testing.T) {
	svc, srv := setup(t)
	srv.Mux.HandleFunc("POST /users/{user_id}/verify_password", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(400) // the spec declares no body for it
	})
	_, err := svc.VerifyPassword(context.Background(), "user_1", "pw")
	assert.ErrorIs(t, err, internal.ErrBadRequest)
}

func TestVerifyTOTP(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("POST /users/{user_id}/verify_totp", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "user_1", r.PathValue("user_id"))
		switch code := spectest.ReadJSON(t, r)["code"]; code {
		case "123456":
			spectest.WriteJSON(w, 200, []byte(`{"verified":true,"code_type":"totp"}`))
		case "abcd-efgh":
			spectest.WriteJSON(w, 200, []byte(`{"verified":true,"code_type":"backup_code"}`))
		default:
			spectest.WriteError(w, 422, "code_invalid")
		}
	})
	v, err := svc.VerifyTOTP(context.Background(), "user_1", "123456")
	require.NoError(t, err)
	assert.Equal(t, &TOTPVerification{Verified: true, CodeType: CodeTypeTOTP}, v)
	v, err = svc.VerifyTOTP(context.Background(), "user_1", "abcd-efgh")
	require.NoError(t, err)
	assert.Equal(t, CodeTypeBackupCode, v.CodeType)
	_, err = svc.VerifyTOTP(context.Background(), "user_1", "000000")
	assert.ErrorIs(t, err, internal.ErrUnprocessable)
}

func TestVerifyEmptySecretMakesNoRequest(t *testing.T) {
	svc, srv := setup(t)
	_, err := svc.VerifyPassword(context.Background(), "user_1", "")
	assert.ErrorIs(t, err, internal.ErrInvalidParams)
	_, err = svc.VerifyTOTP(context.Background(), "user_1", "")
	assert.ErrorIs(t, err, internal.ErrInvalidParams)
	assert.Empty(t, srv.Operations())
}

func TestDisableMFAAndDeletes(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	ctx := context.Background()
	calls := map[string]func(context.Context, string) error{
		"mfa":         svc.DisableMFA,
		"totp":        svc.DeleteTOTP,
		"backup_code": svc.DeleteBackupCodes,
	}
	for sub, call := range calls {
		srv.Mux.HandleFunc("DELETE /users/{user_id}/"+sub, func(w http.ResponseWriter, r *http.Request) {
			assert.Equal(t, "user_1", r.PathValue("user_id"), sub)
			spectest.WriteJSON(w, 200, []byte(`{"user_id":"user_1"}`))
		})
		require.NoError(t, call(ctx, "user_1"))
		assert.Equal(t, 1, srv.Count("DELETE", "/v1/users/user_1/"+sub), sub)
	}
	srv.Mux.HandleFunc("DELETE /users/{user_id}/profile_image", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "user_1", r.PathValue("user_id"))
		spectest.WriteJSON(w, 200, minimalUser(t, "user_1", 1))
	})
	require.NoError(t, svc.DeleteProfileImage(ctx, "user_1"))
	assert.Equal(t, 1, srv.Count("DELETE", "/v1/users/user_1/profile_image"))
}

func TestDisableMFANotFound(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("DELETE /users/{user_id}/mfa", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteError(w, 404, "resource_not_found")
	})
	err := svc.DisableMFA(context.Background(), "user_1")
	assert.ErrorIs(t, err, internal.ErrNotFound)
}
