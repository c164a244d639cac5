package webhooks

import (
	"time"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/invitations"
)

// Email is the data of the email.created event: an e-mail message Clerk
// sends, or hands over to be sent when DeliveredByClerk is false.
type Email struct {
	// Object is "email".
	Object string `json:"object"`
	// ID is the message's ID.
	ID string `json:"id"`
	// Slug names the template, such as "verification_code"; "" when none.
	Slug string `json:"slug"`
	// FromEmailName is the local part of the sender's address.
	FromEmailName string `json:"from_email_name"`
	// ReplyToEmailName is the local part of the reply-to address, "" when
	// none.
	ReplyToEmailName string `json:"reply_to_email_name"`
	// ToEmailAddress is the recipient.
	ToEmailAddress string `json:"to_email_address"`
	// EmailAddressID is the recipient's email address object, "" when none.
	EmailAddressID string `json:"email_address_id"`
	// UserID is the recipient user, "" when none.
	UserID string `json:"user_id"`
	// Subject is the message's subject.
	Subject string `json:"subject"`
	// Body is the message in HTML.
	Body string `json:"body"`
	// BodyPlain is the message in plain text, "" when none.
	BodyPlain string `json:"body_plain"`
	// Status is the message's delivery status, such as "queued".
	Status string `json:"status"`
	// Data holds the template's variables (the OTP code, the application's
	// name, ...).
	Data map[string]any `json:"data"`
	// DeliveredByClerk reports whether Clerk delivers the message itself.
	DeliveredByClerk bool `json:"delivered_by_clerk"`
}

// SMS is the data of the sms.created event: a text message Clerk sends, or
// hands over to be sent when DeliveredByClerk is false.
type SMS struct {
	// Object is "sms_message".
	Object string `json:"object"`
	// ID is the message's ID.
	ID string `json:"id"`
	// Slug names the template, such as "verification_code"; "" when none.
	Slug string `json:"slug"`
	// FromPhoneNumber is the sender's number.
	FromPhoneNumber string `json:"from_phone_number"`
	// ToPhoneNumber is the recipient's number.
	ToPhoneNumber string `json:"to_phone_number"`
	// PhoneNumberID is the recipient's phone number object, "" when none.
	PhoneNumberID string `json:"phone_number_id"`
	// UserID is the recipient user, "" when none.
	UserID string `json:"user_id"`
	// Message is the text.
	Message string `json:"message"`
	// Status is the message's delivery status, such as "queued".
	Status string `json:"status"`
	// Data holds the template's variables.
	Data map[string]any `json:"data"`
	// DeliveredByClerk reports whether Clerk delivers the message itself.
	DeliveredByClerk bool `json:"delivered_by_clerk"`
	// CreatedAt is when the message was created: created_at_ms in the
	// spec's schema, created_at in its example; both are read.
	CreatedAt time.Time `json:"created_at_ms"`
}

// UnmarshalJSON decodes a text message with the SDK's codec, reading its
// time from created_at_ms or, failing that, created_at.
func (s *SMS) UnmarshalJSON(b []byte) error {
	type plain SMS
	var wire struct {
		plain
		CreatedAtFallback time.Time `json:"created_at"`
	}
	if err := internal.Unmarshal(b, &wire); err != nil {
		return err
	}
	*s = SMS(wire.plain)
	if s.CreatedAt.IsZero() {
		s.CreatedAt = wire.CreatedAtFallback
	}
	return nil
}

// WaitlistEntry is the data of the waitlistEntry.created and .updated
// events: an email address on the instance's waitlist. It is the same type
// as invitations.WaitlistEntry, which the Backend API answers.
type WaitlistEntry = invitations.WaitlistEntry

// Invitation is an invitation to sign up to the instance, as a waitlist
// entry carries it: invitations.Invitation, whose URL is a Secret.
type Invitation = invitations.Invitation
