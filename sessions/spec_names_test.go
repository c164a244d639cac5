package sessions

import (
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal/spectest"
)

func tagNames(v any, key string) map[string]bool {
	out := map[string]bool{}
	typ := reflect.TypeOf(v)
	for i := 0; i < typ.NumField(); i++ {
		if name, _, _ := strings.Cut(typ.Field(i).Tag.Get(key), ","); name != "" && name != "-" {
			out[name] = true
		}
	}
	return out
}

// TestNamesMatchSpec compares the JSON names of the models and the query
// and body names of the params with the spec, both ways.
func TestNamesMatchSpec(t *testing.T) {
	doc, err := spectest.Doc()
	require.NoError(t, err)
	props := func(schema string) map[string]bool {
		s := doc.Components.Schemas[schema]
		require.NotNil(t, s, schema)
		out := map[string]bool{}
		for name := range s.Value.Properties {
			out[name] = true
		}
		return out
	}
	assert.Equal(t, props("Session"), tagNames(Session{}, "json"), "Session")
	assert.Equal(t, props("SessionActivityResponse"), tagNames(Activity{}, "json"), "Activity")
	assert.Equal(t, props("SessionTask"), tagNames(Task{}, "json"), "Task")
	assert.Equal(t, props("Token"), tagNames(Token{}, "json"), "Token")

	query := map[string]bool{}
	for _, p := range doc.Paths.Find("/sessions").Get.Parameters {
		if p.Value.In == "query" {
			query[p.Value.Name] = true
		}
	}
	got := tagNames(ListParams{}, "url")
	got["paginated"] = true // List always sends it
	assert.Equal(t, query, got, "ListParams")
	for _, path := range []string{"/sessions/{session_id}/tokens", "/sessions/{session_id}/tokens/{template_name}"} {
		body := map[string]bool{}
		for name := range doc.Paths.Find(path).Post.RequestBody.Value.Content.Get("application/json").Schema.Value.Properties {
			body[name] = true
		}
		assert.Equal(t, body, tagNames(CreateTokenParams{}, "json"), path)
	}
}
