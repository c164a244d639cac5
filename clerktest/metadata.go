package clerktest

import (
	"encoding/json"

	"github.com/go-clerk/clerk/internal"
)

// Metadata as Clerk merges and replaces it (PATCH and PUT .../metadata).

// mergeMetadata deep-merges patch into m and returns the result: a key set
// to null is deleted, an object merges into an object, anything else
// replaces the value. m is changed in place (nil becomes a new map).
func mergeMetadata(m, patch internal.Metadata) internal.Metadata {
	if m == nil {
		m = internal.Metadata{}
	}
	for k, v := range patch {
		if v == nil {
			delete(m, k)
			continue
		}
		if pv, ok := asObject(v); ok {
			if cur, ok := asObject(m[k]); ok {
				m[k] = map[string]any(mergeMetadata(internal.Metadata(cur), internal.Metadata(pv)))
				continue
			}
			m[k] = map[string]any(mergeMetadata(nil, internal.Metadata(pv)))
			continue
		}
		m[k] = cloneValue(v)
	}
	return m
}

func asObject(v any) (map[string]any, bool) {
	switch o := v.(type) {
	case map[string]any:
		return o, true
	case internal.Metadata:
		return o, true
	}
	return nil, false
}

// cloneMetadata copies metadata deeply; nil becomes an empty map, as Clerk
// answers {} for metadata never set.
func cloneMetadata(m internal.Metadata) internal.Metadata {
	out := internal.Metadata{}
	for k, v := range m {
		out[k] = cloneValue(v)
	}
	return out
}

func cloneValue(v any) any {
	switch o := v.(type) {
	case map[string]any:
		return map[string]any(cloneMetadata(o))
	case internal.Metadata:
		return map[string]any(cloneMetadata(o))
	case []any:
		out := make([]any, len(o))
		for i, e := range o {
			out[i] = cloneValue(e)
		}
		return out
	case json.Number:
		// Requests are read with numbers as json.Number, so that integers
		// keep every digit; the codec writes json.Number as a string, so it
		// is stored as an int64 when it is one, else as a float64.
		if i, err := o.Int64(); err == nil {
			return i
		}
		if f, err := o.Float64(); err == nil {
			return f
		}
		return o.String()
	}
	return v
}
