package webhooks

import (
	"fmt"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/invitations"
	"github.com/go-clerk/clerk/organizations"
	"github.com/go-clerk/clerk/users"
)

// The typed accessors decode an event's data afresh on each call. Each
// fails with ErrWrongEventType on an event whose type carries other data
// (the message names the type), and with ErrInvalidPayload when the data
// does not decode. Event.Decode reaches the data of any event type.

// User decodes the user of a user.created or user.updated event.
func (e *Event) User() (*users.User, error) { return decodeData[users.User](e, kindUser) }

// Session decodes the session, and its user, of a session.created,
// session.pending, session.ended, session.removed or session.revoked event.
func (e *Event) Session() (*SessionEvent, error) { return decodeData[SessionEvent](e, kindSession) }

// Organization decodes the organization of an organization.created or
// organization.updated event.
func (e *Event) Organization() (*organizations.Organization, error) {
	return decodeData[organizations.Organization](e, kindOrganization)
}

// OrganizationMembership decodes the membership of an
// organizationMembership.created, .updated or .deleted event (the deleted
// event carries the whole membership).
func (e *Event) OrganizationMembership() (*organizations.OrganizationMembership, error) {
	return decodeData[organizations.OrganizationMembership](e, kindOrganizationMembership)
}

// OrganizationInvitation decodes the invitation of an
// organizationInvitation.created, .accepted or .revoked event.
func (e *Event) OrganizationInvitation() (*OrganizationInvitationEvent, error) {
	return decodeData[OrganizationInvitationEvent](e, kindOrganizationInvitation)
}

// OrganizationDomain decodes the domain of an organizationDomain.created or
// organizationDomain.updated event.
func (e *Event) OrganizationDomain() (*organizations.OrganizationDomain, error) {
	return decodeData[organizations.OrganizationDomain](e, kindOrganizationDomain)
}

// Deleted decodes what a user.deleted, organization.deleted,
// organizationDomain.deleted, role.deleted or permission.deleted event says
// was deleted.
func (e *Event) Deleted() (*DeletedObject, error) { return decodeData[DeletedObject](e, kindDeleted) }

// Role decodes the role of a role.created or role.updated event.
func (e *Event) Role() (*organizations.Role, error) {
	return decodeData[organizations.Role](e, kindRole)
}

// Permission decodes the permission of a permission.created or
// permission.updated event.
func (e *Event) Permission() (*organizations.Permission, error) {
	return decodeData[organizations.Permission](e, kindPermission)
}

// Email decodes the e-mail message of an email.created event.
func (e *Event) Email() (*Email, error) { return decodeData[Email](e, kindEmail) }

// SMS decodes the text message of an sms.created event.
func (e *Event) SMS() (*SMS, error) { return decodeData[SMS](e, kindSMS) }

// WaitlistEntry decodes the entry of a waitlistEntry.created or
// waitlistEntry.updated event.
func (e *Event) WaitlistEntry() (*invitations.WaitlistEntry, error) {
	return decodeData[invitations.WaitlistEntry](e, kindWaitlistEntry)
}

// Subscription decodes the billing subscription of a subscription.created,
// .updated, .active or .pastDue event.
func (e *Event) Subscription() (*Subscription, error) {
	return decodeData[Subscription](e, kindSubscription)
}

// SubscriptionItem decodes the subscription item of a subscriptionItem.*
// event.
func (e *Event) SubscriptionItem() (*SubscriptionItem, error) {
	return decodeData[SubscriptionItem](e, kindSubscriptionItem)
}

// PaymentAttempt decodes the payment attempt of a paymentAttempt.created or
// paymentAttempt.updated event.
func (e *Event) PaymentAttempt() (*PaymentAttempt, error) {
	return decodeData[PaymentAttempt](e, kindPaymentAttempt)
}

func decodeData[T any](e *Event, want dataKind) (*T, error) {
	switch got, known := dataKinds[e.Type]; {
	case !known:
		return nil, fmt.Errorf("%w: %q is not an event type known to carry %s", ErrWrongEventType, e.Type, want)
	case got != want:
		return nil, fmt.Errorf("%w: %s carries %s, not %s", ErrWrongEventType, e.Type, got, want)
	}
	v := new(T)
	if err := e.decode(v, internal.Unmarshal); err != nil {
		return nil, err
	}
	return v, nil
}

// dataKind names what an event's data is, for the accessors and their
// errors.
type dataKind string

const (
	kindUser                   dataKind = "a user"
	kindDeleted                dataKind = "a deleted object"
	kindSession                dataKind = "a session"
	kindOrganization           dataKind = "an organization"
	kindOrganizationDomain     dataKind = "an organization domain"
	kindOrganizationInvitation dataKind = "an organization invitation"
	kindOrganizationMembership dataKind = "an organization membership"
	kindRole                   dataKind = "a role"
	kindPermission             dataKind = "a permission"
	kindEmail                  dataKind = "an email"
	kindSMS                    dataKind = "an SMS message"
	kindWaitlistEntry          dataKind = "a waitlist entry"
	kindSubscription           dataKind = "a subscription"
	kindSubscriptionItem       dataKind = "a subscription item"
	kindPaymentAttempt         dataKind = "a payment attempt"
)

// dataKinds maps every event type of the spec to the kind of its data.
var dataKinds = map[EventType]dataKind{
	UserCreated: kindUser,
	UserUpdated: kindUser,
	UserDeleted: kindDeleted,

	SessionCreated: kindSession,
	SessionPending: kindSession,
	SessionEnded:   kindSession,
	SessionRemoved: kindSession,
	SessionRevoked: kindSession,

	OrganizationCreated: kindOrganization,
	OrganizationUpdated: kindOrganization,
	OrganizationDeleted: kindDeleted,

	OrganizationDomainCreated: kindOrganizationDomain,
	OrganizationDomainUpdated: kindOrganizationDomain,
	OrganizationDomainDeleted: kindDeleted,

	OrganizationInvitationCreated:  kindOrganizationInvitation,
	OrganizationInvitationAccepted: kindOrganizationInvitation,
	OrganizationInvitationRevoked:  kindOrganizationInvitation,

	OrganizationMembershipCreated: kindOrganizationMembership,
	OrganizationMembershipUpdated: kindOrganizationMembership,
	OrganizationMembershipDeleted: kindOrganizationMembership,

	RoleCreated: kindRole,
	RoleUpdated: kindRole,
	RoleDeleted: kindDeleted,

	PermissionCreated: kindPermission,
	PermissionUpdated: kindPermission,
	PermissionDeleted: kindDeleted,

	EmailCreated: kindEmail,
	SMSCreated:   kindSMS,

	WaitlistEntryCreated: kindWaitlistEntry,
	WaitlistEntryUpdated: kindWaitlistEntry,

	SubscriptionCreated: kindSubscription,
	SubscriptionUpdated: kindSubscription,
	SubscriptionActive:  kindSubscription,
	SubscriptionPastDue: kindSubscription,

	SubscriptionItemUpdated:         kindSubscriptionItem,
	SubscriptionItemActive:          kindSubscriptionItem,
	SubscriptionItemCanceled:        kindSubscriptionItem,
	SubscriptionItemUpcoming:        kindSubscriptionItem,
	SubscriptionItemEnded:           kindSubscriptionItem,
	SubscriptionItemAbandoned:       kindSubscriptionItem,
	SubscriptionItemIncomplete:      kindSubscriptionItem,
	SubscriptionItemPastDue:         kindSubscriptionItem,
	SubscriptionItemFreeTrialEnding: kindSubscriptionItem,

	PaymentAttemptCreated: kindPaymentAttempt,
	PaymentAttemptUpdated: kindPaymentAttempt,
}
