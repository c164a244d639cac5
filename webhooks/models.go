package webhooks

import (
	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/organizations"
	"github.com/go-clerk/clerk/sessions"
	"github.com/go-clerk/clerk/users"
)

// DeletedObject is the data of the *.deleted events (but for
// organizationMembership.deleted): the object's type, its ID, and, for some
// objects, its slug or external ID.
type DeletedObject = internal.DeletedObject

// Metadata is a free-form JSON object, as Clerk stores it in public and
// private metadata. Decode copies it into a typed value.
type Metadata = internal.Metadata

// SessionEvent is the data of the session.* events: the session, as the
// Backend API returns it, with its user. The session's fields are promoted:
// s.ID, s.Status, s.User.ID.
type SessionEvent struct {
	sessions.Session
	// User is the session's user; nil if Clerk leaves it out.
	User *users.User `json:"user"`
}

// OrganizationInvitationEvent is the data of the organizationInvitation.*
// events: the invitation, as the Backend API returns it, with what the
// events add. The invitation's fields are promoted: inv.EmailAddress.
type OrganizationInvitationEvent struct {
	organizations.OrganizationInvitation
	// UserID is the user who accepted the invitation, on
	// organizationInvitation.accepted; "" on the other events.
	UserID string `json:"user_id,omitempty"`
	// PublicOrganizationData is the invitation's organization when the
	// event carries it, nil otherwise. The spec places it in a nested
	// object (data.public_organization_data); it is read from there or
	// from the top level.
	PublicOrganizationData *organizations.PublicOrganizationData `json:"public_organization_data,omitempty"`
}

// UnmarshalJSON decodes the invitation and the fields the events add, with
// the SDK's codec, reading the organization data from the top level or,
// failing that, from data.public_organization_data, where the spec nests it:
// a shape no tag can say.
func (i *OrganizationInvitationEvent) UnmarshalJSON(b []byte) error {
	type plain OrganizationInvitationEvent // the same fields, without this method
	var wire struct {
		plain
		Data struct {
			PublicOrganizationData *organizations.PublicOrganizationData `json:"public_organization_data"`
		} `json:"data"`
	}
	if err := internal.Unmarshal(b, &wire); err != nil {
		return err
	}
	*i = OrganizationInvitationEvent(wire.plain)
	if i.PublicOrganizationData == nil {
		i.PublicOrganizationData = wire.Data.PublicOrganizationData
	}
	return nil
}
