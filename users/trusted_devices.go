package users

import (
	"context"
	"net/http"
	"time"

	"github.com/go-clerk/clerk/internal"
)

// TrustedDeviceStatus is the state of a trusted device.
type TrustedDeviceStatus string

// Trusted device statuses of the spec. Unknown values decode as they come.
const (
	TrustedDeviceActive  TrustedDeviceStatus = "active"
	TrustedDeviceRevoked TrustedDeviceStatus = "revoked"
)

// TrustedDevice is a mobile device (iOS or Android) a user enrolled as
// trusted.
type TrustedDevice struct {
	// Object is "trusted_device".
	Object string `json:"object"`
	// ID is the trusted device's ID.
	ID string `json:"id"`
	// Platform is "ios" or "android".
	Platform string `json:"platform"`
	// AppIdentifier identifies the app that enrolled the device.
	AppIdentifier string `json:"app_identifier"`
	// Name is the device's display name, "" when none.
	Name string `json:"name"`
	// Algorithm is the signature algorithm of the device's key, "ES256".
	Algorithm string `json:"algorithm"`
	// Status is TrustedDeviceActive or TrustedDeviceRevoked.
	Status TrustedDeviceStatus `json:"status"`
	// CreatedAt is when the device was enrolled.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the device last changed.
	UpdatedAt time.Time `json:"updated_at"`
	// LastUsedAt is when the device was last used; nil when never.
	LastUsedAt *time.Time `json:"last_used_at"`
	// RevokedAt is when the device was revoked; nil while it is active.
	RevokedAt *time.Time `json:"revoked_at"`
}

// ListTrustedDevices returns the user's active trusted devices, with
// TotalCount. The endpoint is not paged: one call answers them all, so
// there is no AllTrustedDevices. Clerk API:
// GET /users/{user_id}/trusted_devices.
func (s *Service) ListTrustedDevices(ctx context.Context, userID string) (*Page[TrustedDevice], error) {
	return internal.List[TrustedDevice](ctx, s.core(), "/users/{user_id}/trusted_devices", nil, userID)
}

// RevokeTrustedDevice revokes one of the user's active trusted devices and
// returns it, revoked. Clerk API:
// DELETE /users/{user_id}/trusted_devices/{trusted_device_id}.
func (s *Service) RevokeTrustedDevice(ctx context.Context, userID, trustedDeviceID string) (*TrustedDevice, error) {
	return internal.Call[TrustedDevice](ctx, s.core(), http.MethodDelete, "/users/{user_id}/trusted_devices/{trusted_device_id}", nil, userID, trustedDeviceID)
}
