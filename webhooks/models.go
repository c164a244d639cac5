package webhooks

import (
	"bytes"
	"encoding/json"

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

// UnmarshalJSON decodes the invitation and the fields the events add.
func (i *OrganizationInvitationEvent) UnmarshalJSON(b []byte) error {
	if err := internal.Unmarshal(b, &i.OrganizationInvitation); err != nil {
		return err
	}
	var extra struct {
		UserID                 string                                `json:"user_id"`
		PublicOrganizationData *organizations.PublicOrganizationData `json:"public_organization_data"`
		Data                   struct {
			PublicOrganizationData *organizations.PublicOrganizationData `json:"public_organization_data"`
		} `json:"data"`
	}
	if err := json.Unmarshal(b, &extra); err != nil {
		return err
	}
	i.UserID = extra.UserID
	i.PublicOrganizationData = extra.PublicOrganizationData
	if i.PublicOrganizationData == nil {
		i.PublicOrganizationData = extra.Data.PublicOrganizationData
	}
	return nil
}

// MarshalJSON encodes the invitation with the fields the events add, the
// organization data at the top level.
func (i OrganizationInvitationEvent) MarshalJSON() ([]byte, error) {
	return marshalWith(i.OrganizationInvitation,
		field{"user_id", i.UserID, i.UserID == ""},
		field{"public_organization_data", i.PublicOrganizationData, i.PublicOrganizationData == nil})
}

type field struct {
	name  string
	value any
	omit  bool
}

// marshalWith encodes base, a JSON object, with fields added at its end.
func marshalWith(base any, fields ...field) ([]byte, error) {
	b, err := internal.MarshalAPI(base)
	if err != nil {
		return nil, err
	}
	b = bytes.TrimSuffix(b, []byte("}"))
	for _, f := range fields {
		if f.omit {
			continue
		}
		v, err := json.Marshal(f.value)
		if err != nil {
			return nil, err
		}
		if len(b) > 1 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, f.name...)
		b = append(b, `":`...)
		b = append(b, v...)
	}
	return append(b, '}'), nil
}
