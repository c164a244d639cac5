package users

import (
	"context"
	"net/http"

	"github.com/go-clerk/clerk/internal"
)

// PasswordVerification is the answer to VerifyPassword.
type PasswordVerification struct {
	// Verified is true: a wrong password is an error, not false.
	Verified bool `json:"verified"`
}

// CodeType is the kind of code VerifyTOTP accepted.
type CodeType string

// Code types of a TOTP verification.
const (
	CodeTypeTOTP       CodeType = "totp"
	CodeTypeBackupCode CodeType = "backup_code"
)

// TOTPVerification is the answer to VerifyTOTP.
type TOTPVerification struct {
	// Verified is true: a wrong code is an error, not false.
	Verified bool `json:"verified"`
	// CodeType says whether a TOTP or a backup code matched; a backup code
	// is consumed by the check.
	CodeType CodeType `json:"code_type"`
}

// VerifyPassword checks a password against the user's, for custom sign-in
// flows and re-verification. A wrong password is an error matching
// clerk.ErrUnprocessable (422); a user without a password gives
// clerk.ErrBadRequest (400), an unknown user clerk.ErrNotFound. Clerk API:
// POST /users/{user_id}/verify_password.
func (s *Service) VerifyPassword(ctx context.Context, userID, password string) (*PasswordVerification, error) {
	return verify[PasswordVerification](ctx, s, "/users/{user_id}/verify_password", userID, "password", password)
}

// VerifyTOTP checks a TOTP or backup code of the user; a matching backup
// code is consumed. A wrong code is an error matching clerk.ErrUnprocessable
// (422); a user without TOTP gives clerk.ErrBadRequest (400). Clerk API:
// POST /users/{user_id}/verify_totp.
func (s *Service) VerifyTOTP(ctx context.Context, userID, code string) (*TOTPVerification, error) {
	return verify[TOTPVerification](ctx, s, "/users/{user_id}/verify_totp", userID, "code", code)
}

// verify posts {field: value} to a user's verify endpoint; an empty value
// is refused before any request.
func verify[T any](ctx context.Context, s *Service, tmpl, userID, field, value string) (*T, error) {
	if err := internal.Required(field, value); err != nil {
		return nil, err
	}
	return internal.Call[T](ctx, s.core(), http.MethodPost, tmpl, map[string]string{field: value}, userID)
}

// DisableMFA disables all of the user's MFA methods at once (SMS codes,
// TOTP, backup codes). Clerk API: DELETE /users/{user_id}/mfa.
func (s *Service) DisableMFA(ctx context.Context, userID string) error {
	return internal.Exec(ctx, s.core(), http.MethodDelete, "/users/{user_id}/mfa", nil, userID)
}

// DeleteTOTP deletes all of the user's TOTP authenticators. Clerk API:
// DELETE /users/{user_id}/totp.
func (s *Service) DeleteTOTP(ctx context.Context, userID string) error {
	return internal.Exec(ctx, s.core(), http.MethodDelete, "/users/{user_id}/totp", nil, userID)
}

// DeleteBackupCodes disables all of the user's backup codes. Clerk API:
// DELETE /users/{user_id}/backup_code.
func (s *Service) DeleteBackupCodes(ctx context.Context, userID string) error {
	return internal.Exec(ctx, s.core(), http.MethodDelete, "/users/{user_id}/backup_code", nil, userID)
}

// SetPasswordCompromisedParams are the options of SetPasswordCompromised.
type SetPasswordCompromisedParams struct {
	// RevokeAllSessions also signs the user out everywhere.
	RevokeAllSessions *bool `json:"revoke_all_sessions,omitempty"`
}

// SetPasswordCompromised marks the user's password as compromised: the user
// must reset it at the next sign-in. Nil params are allowed (sessions are
// kept). Clerk API: POST /users/{user_id}/password/set_compromised.
func (s *Service) SetPasswordCompromised(ctx context.Context, userID string, params *SetPasswordCompromisedParams) (*User, error) {
	return internal.Call[User](ctx, s.core(), http.MethodPost, "/users/{user_id}/password/set_compromised", params, userID)
}

// UnsetPasswordCompromised lifts the compromised mark of the user's
// password: no reset is asked at the next sign-in. Clerk API:
// POST /users/{user_id}/password/unset_compromised.
func (s *Service) UnsetPasswordCompromised(ctx context.Context, userID string) (*User, error) {
	return internal.Call[User](ctx, s.core(), http.MethodPost, "/users/{user_id}/password/unset_compromised", nil, userID)
}

// RemovePasswordParams are the options of RemovePassword.
type RemovePasswordParams struct {
	// SignOutOfOtherSessions revokes the user's sessions active when the
	// password is removed (they are kept by default).
	SignOutOfOtherSessions *bool `json:"sign_out_of_other_sessions,omitempty"`
}

// RemovePassword removes the user's password, without asking for it, even
// when the user has no other way to sign in. A user without a password is
// returned unchanged. Nil params are allowed (sessions are kept). Clerk API:
// POST /users/{user_id}/remove_password.
func (s *Service) RemovePassword(ctx context.Context, userID string, params *RemovePasswordParams) (*User, error) {
	return internal.Call[User](ctx, s.core(), http.MethodPost, "/users/{user_id}/remove_password", params, userID)
}
