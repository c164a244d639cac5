package users

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

func TestVerifyPassword(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("POST /users/{user_id}/verify_password", func(w http.ResponseWriter, r *http.Request) {
		eq(t, "user_1", r.PathValue("user_id"))
		b := body(t, r)
		switch b["password"] {
		case "right password":
			serve(w, 200, []byte(`{"verified":true}`))
		case "wrong password":
			serveErr(w, 422, "incorrect_password")
		default:
			t.Errorf("body = %v", b)
		}
	})
	v, err := svc.VerifyPassword(context.Background(), "user_1", "right password")
	must(t, err)
	eq(t, &PasswordVerification{Verified: true}, v)

	v, err = svc.VerifyPassword(context.Background(), "user_1", "wrong password")
	isNil(t, v)
	truef(t, errors.Is(err, internal.ErrUnprocessable), "wrong password: errors.Is(err, ErrUnprocessable)", err)
	var apiErr *internal.APIError
	truef(t, errors.As(err, &apiErr) && apiErr.StatusCode == 422, err)
	eq(t, 2, srv.Count("POST", "/v1/users/user_1/verify_password"), "no retry on 422")
}

func TestVerifyPasswordNoPasswordSet(t *testing.T) {
	svc, srv := setup(t)
	srv.Mux.HandleFunc("POST /users/{user_id}/verify_password", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(400) // the spec declares no body for it
	})
	_, err := svc.VerifyPassword(context.Background(), "user_1", "pw")
	truef(t, errors.Is(err, internal.ErrBadRequest), err)
}

func TestVerifyTOTP(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("POST /users/{user_id}/verify_totp", func(w http.ResponseWriter, r *http.Request) {
		eq(t, "user_1", r.PathValue("user_id"))
		switch code := body(t, r)["code"]; code {
		case "123456":
			serve(w, 200, []byte(`{"verified":true,"code_type":"totp"}`))
		case "abcd-efgh":
			serve(w, 200, []byte(`{"verified":true,"code_type":"backup_code"}`))
		default:
			serveErr(w, 422, "code_invalid")
		}
	})
	v, err := svc.VerifyTOTP(context.Background(), "user_1", "123456")
	must(t, err)
	eq(t, &TOTPVerification{Verified: true, CodeType: CodeTypeTOTP}, v)
	v, err = svc.VerifyTOTP(context.Background(), "user_1", "abcd-efgh")
	must(t, err)
	eq(t, CodeTypeBackupCode, v.CodeType)
	_, err = svc.VerifyTOTP(context.Background(), "user_1", "000000")
	truef(t, errors.Is(err, internal.ErrUnprocessable), err)
}

func TestVerifyEmptySecretMakesNoRequest(t *testing.T) {
	svc, srv := setup(t)
	_, err := svc.VerifyPassword(context.Background(), "user_1", "")
	truef(t, errors.Is(err, internal.ErrInvalidParams), err)
	_, err = svc.VerifyTOTP(context.Background(), "user_1", "")
	truef(t, errors.Is(err, internal.ErrInvalidParams), err)
	eq(t, 0, len(srv.Operations()))
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
			eq(t, "user_1", r.PathValue("user_id"), sub)
			serve(w, 200, []byte(`{"user_id":"user_1"}`))
		})
		must(t, call(ctx, "user_1"))
		eq(t, 1, srv.Count("DELETE", "/v1/users/user_1/"+sub), sub)
	}
	srv.Mux.HandleFunc("DELETE /users/{user_id}/profile_image", func(w http.ResponseWriter, r *http.Request) {
		eq(t, "user_1", r.PathValue("user_id"))
		serve(w, 200, minimalUser(t, "user_1", 1))
	})
	must(t, svc.DeleteProfileImage(ctx, "user_1"))
	eq(t, 1, srv.Count("DELETE", "/v1/users/user_1/profile_image"))
}

func TestDisableMFANotFound(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("DELETE /users/{user_id}/mfa", func(w http.ResponseWriter, r *http.Request) {
		serveErr(w, 404, "resource_not_found")
	})
	err := svc.DisableMFA(context.Background(), "user_1")
	truef(t, errors.Is(err, internal.ErrNotFound), err)
}
