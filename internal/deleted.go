package internal

// DeletedObject is what Clerk answers to most deletions, and the data of the
// *.deleted webhook events.
type DeletedObject struct {
	Object     string `json:"object"`
	ID         string `json:"id,omitempty"`
	Slug       string `json:"slug,omitempty"`
	Deleted    bool   `json:"deleted"`
	ExternalID string `json:"external_id,omitempty"`
}
