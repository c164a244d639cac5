package internal

import "encoding/json"

// Metadata is a free-form JSON object, as Clerk stores it in public, private
// and unsafe metadata. A key set to nil is sent as JSON null, which a metadata
// merge (PATCH .../metadata) takes as "delete this key".
type Metadata map[string]any

// Decode copies the metadata into a typed value, such as a pointer to a
// struct with json tags. It round-trips through encoding/json, so the usual
// JSON rules for names and types apply.
func (m Metadata) Decode(into any) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, into)
}
