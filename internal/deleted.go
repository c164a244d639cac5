package internal

// DeletedObject is what Clerk answers to most deletions, and the data of the
// *.deleted webhook events.
type DeletedObject struct {
	// Object is the type of what was deleted, such as "user".
	Object string `json:"object"`
	// ID is the deleted object's ID.
	ID string `json:"id,omitempty"`
	// Slug is the deleted object's slug (organizations), where it had one.
	Slug string `json:"slug,omitempty"`
	// Deleted is true when the deletion happened.
	Deleted bool `json:"deleted"`
	// ExternalID is the deleted object's external ID, where it had one.
	ExternalID string `json:"external_id,omitempty"`
}
