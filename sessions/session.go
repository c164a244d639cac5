package sessions

import (
	"time"

	"github.com/go-clerk/clerk/internal"
)

// Status is the state of a session.
type Status string

// The session statuses of the spec. A value Clerk adds later still decodes,
// as a Status holding the new string.
const (
	StatusActive    Status = "active"
	StatusRevoked   Status = "revoked"
	StatusEnded     Status = "ended"
	StatusExpired   Status = "expired"
	StatusRemoved   Status = "removed"
	StatusAbandoned Status = "abandoned"
	StatusReplaced  Status = "replaced"
	// StatusPending is a signed-in session with a task left to do (choosing
	// an organization, say). The List filter does not accept it.
	StatusPending Status = "pending"
)

// Session is a Clerk session: one signed-in user on one client (a browser or
// a device). Times are Clerk's Unix milliseconds as time.Time.
type Session struct {
	// Object is always "session".
	Object string `json:"object"`
	// ID is the session ID, "sess_...".
	ID string `json:"id"`
	// UserID is the signed-in user.
	UserID string `json:"user_id"`
	// ClientID is the client (browser or device) the session lives on.
	ClientID string `json:"client_id"`
	// Actor is set when the session is an impersonation: who acts as the
	// user. Nil otherwise.
	Actor Actor `json:"actor,omitempty"`
	// Status is the session's state; StatusRevoked after Revoke.
	Status Status `json:"status"`
	// LastActiveOrganizationID is the organization last active in the
	// session, "" when none.
	LastActiveOrganizationID string `json:"last_active_organization_id,omitempty"`
	// LastActiveAt is when the session was last used.
	LastActiveAt time.Time `json:"last_active_at"`
	// LatestActivity describes the device and place of the latest activity,
	// nil when Clerk has none.
	LatestActivity *Activity `json:"latest_activity,omitempty"`
	// ExpireAt is when the session expires.
	ExpireAt time.Time `json:"expire_at"`
	// AbandonAt is when the session is abandoned if it is not used.
	AbandonAt time.Time `json:"abandon_at"`
	// UpdatedAt is when the session last changed.
	UpdatedAt time.Time `json:"updated_at"`
	// CreatedAt is when the session was created.
	CreatedAt time.Time `json:"created_at"`
	// Tasks are what the user must still do before the session is active
	// (a pending session); empty otherwise.
	Tasks []Task `json:"tasks,omitempty"`
}

// Actor is the free-form actor object of an impersonation session. Clerk
// puts the impersonator's user ID in "sub"; other keys are whatever the actor
// token was created with.
type Actor map[string]any

// Subject returns the actor's "sub" (the impersonating user's ID), or "".
func (a Actor) Subject() string {
	s, _ := a["sub"].(string)
	return s
}

// Decode copies the actor into a typed value, such as a pointer to a struct
// with json tags.
func (a Actor) Decode(into any) error {
	return internal.Metadata(a).Decode(into)
}

// Activity is where and on what a session was last used.
type Activity struct {
	// Object is the object's type.
	Object string `json:"object"`
	// ID is the activity's ID.
	ID string `json:"id"`
	// DeviceType is the kind of device, such as "Macintosh".
	DeviceType string `json:"device_type,omitempty"`
	// IsMobile reports a mobile device.
	IsMobile bool `json:"is_mobile"`
	// BrowserName is the browser, such as "Chrome".
	BrowserName string `json:"browser_name,omitempty"`
	// BrowserVersion is the browser's version.
	BrowserVersion string `json:"browser_version,omitempty"`
	// IPAddress is the client's IP address.
	IPAddress string `json:"ip_address,omitempty"`
	// City is the city the IP address locates to.
	City string `json:"city,omitempty"`
	// Country is the country the IP address locates to.
	Country string `json:"country,omitempty"`
}

// Task is something the user must do before a pending session becomes
// active, such as "choose-organization".
type Task struct {
	// Key names the task.
	Key string `json:"key"`
}
