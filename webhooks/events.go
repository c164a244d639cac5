package webhooks

// EventType is the type of a Clerk event, the envelope's "type".
type EventType string

// The event types of Clerk's webhook spec (webhooks/2025-04-15.yml), with
// the accessor that decodes each one's data.
const (
	UserCreated EventType = "user.created" // User
	UserUpdated EventType = "user.updated" // User
	UserDeleted EventType = "user.deleted" // Deleted

	SessionCreated EventType = "session.created" // Session
	SessionPending EventType = "session.pending" // Session
	SessionEnded   EventType = "session.ended"   // Session
	SessionRemoved EventType = "session.removed" // Session
	SessionRevoked EventType = "session.revoked" // Session

	OrganizationCreated EventType = "organization.created" // Organization
	OrganizationUpdated EventType = "organization.updated" // Organization
	OrganizationDeleted EventType = "organization.deleted" // Deleted

	OrganizationDomainCreated EventType = "organizationDomain.created" // OrganizationDomain
	OrganizationDomainUpdated EventType = "organizationDomain.updated" // OrganizationDomain
	OrganizationDomainDeleted EventType = "organizationDomain.deleted" // Deleted

	OrganizationInvitationCreated  EventType = "organizationInvitation.created"  // OrganizationInvitation
	OrganizationInvitationAccepted EventType = "organizationInvitation.accepted" // OrganizationInvitation
	OrganizationInvitationRevoked  EventType = "organizationInvitation.revoked"  // OrganizationInvitation

	// The data of organizationMembership.deleted is the whole membership,
	// not a deleted object.
	OrganizationMembershipCreated EventType = "organizationMembership.created" // OrganizationMembership
	OrganizationMembershipUpdated EventType = "organizationMembership.updated" // OrganizationMembership
	OrganizationMembershipDeleted EventType = "organizationMembership.deleted" // OrganizationMembership

	RoleCreated EventType = "role.created" // Role
	RoleUpdated EventType = "role.updated" // Role
	RoleDeleted EventType = "role.deleted" // Deleted

	PermissionCreated EventType = "permission.created" // Permission
	PermissionUpdated EventType = "permission.updated" // Permission
	PermissionDeleted EventType = "permission.deleted" // Deleted

	EmailCreated EventType = "email.created" // Email
	SMSCreated   EventType = "sms.created"   // SMS

	WaitlistEntryCreated EventType = "waitlistEntry.created" // WaitlistEntry
	WaitlistEntryUpdated EventType = "waitlistEntry.updated" // WaitlistEntry

	SubscriptionCreated EventType = "subscription.created" // Subscription
	SubscriptionUpdated EventType = "subscription.updated" // Subscription
	SubscriptionActive  EventType = "subscription.active"  // Subscription
	SubscriptionPastDue EventType = "subscription.pastDue" // Subscription

	SubscriptionItemUpdated         EventType = "subscriptionItem.updated"         // SubscriptionItem
	SubscriptionItemActive          EventType = "subscriptionItem.active"          // SubscriptionItem
	SubscriptionItemCanceled        EventType = "subscriptionItem.canceled"        // SubscriptionItem
	SubscriptionItemUpcoming        EventType = "subscriptionItem.upcoming"        // SubscriptionItem
	SubscriptionItemEnded           EventType = "subscriptionItem.ended"           // SubscriptionItem
	SubscriptionItemAbandoned       EventType = "subscriptionItem.abandoned"       // SubscriptionItem
	SubscriptionItemIncomplete      EventType = "subscriptionItem.incomplete"      // SubscriptionItem
	SubscriptionItemPastDue         EventType = "subscriptionItem.pastDue"         // SubscriptionItem
	SubscriptionItemFreeTrialEnding EventType = "subscriptionItem.freeTrialEnding" // SubscriptionItem

	PaymentAttemptCreated EventType = "paymentAttempt.created" // PaymentAttempt
	PaymentAttemptUpdated EventType = "paymentAttempt.updated" // PaymentAttempt
)
