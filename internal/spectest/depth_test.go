package spectest

import (
	"encoding/json"
	"fmt"
	"sort"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestExampleIsWhole: Example expands every schema of the spec whole, so an
// object it builds holds every required property of its schema, however
// deep (BillingStatement nests Money ten levels down). A truncated {} would
// make CheckModel report a model's value fields as "not in the spec".
func TestExampleIsWhole(t *testing.T) {
	doc, err := Doc()
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, 0, len(doc.Components.Schemas))
	for name := range doc.Components.Schemas {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		b, err := Example(name)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatal(err)
		}
		for _, p := range missingRequired(doc.Components.Schemas[name].Value, v, name) {
			t.Errorf("Example(%q): %s", name, p)
		}
	}
}

// missingRequired lists the required properties absent from the objects of
// v, an instance of s.
func missingRequired(s *openapi3.Schema, v any, path string) []string {
	if s.Example != nil || len(s.Enum) > 0 {
		return nil // Example takes these as they are
	}
	var out []string
	switch v := v.(type) {
	case map[string]any:
		props, _ := mergedProperties(s)
		for _, r := range requiredOf(s) {
			if _, declared := props[r]; !declared {
				continue // a few schemas require names they do not declare
			}
			if _, ok := v[r]; !ok {
				out = append(out, fmt.Sprintf("%s.%s is required, missing", path, r))
			}
		}
		for k, pv := range v {
			if p, ok := props[k]; ok {
				out = append(out, missingRequired(p, pv, path+"."+k)...)
			}
		}
	case []any:
		if s.Items != nil && s.Items.Value != nil {
			for i, e := range v {
				out = append(out, missingRequired(s.Items.Value, e, fmt.Sprintf("%s[%d]", path, i))...)
			}
		}
	}
	return out
}

// requiredOf returns the required names of s and of its allOf branches.
func requiredOf(s *openapi3.Schema) []string {
	out := append([]string(nil), s.Required...)
	for _, b := range s.AllOf {
		if b != nil && b.Value != nil {
			out = append(out, requiredOf(b.Value)...)
		}
	}
	return out
}

// TestExampleHonoursFormats: a string of format date and an int32 get
// values of their format, so an answer built from Example passes the
// spec's response validation.
func TestExampleHonoursFormats(t *testing.T) {
	doc, err := Doc()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"CommerceSubscriptionItem", "CommerceDiscountRedemptionResponse"} {
		b, err := Example(name)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatal(err)
		}
		if err := doc.Components.Schemas[name].Value.VisitJSON(v); err != nil {
			t.Errorf("Example(%q) is not valid: %v", name, err)
		}
	}
}
