package sessions

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal/spectest"
)

// TestModelsMatchSpec decodes a full instance of each model's spec schema
// and writes it back: no property missing, none extra, none of the wrong
// type (spectest.CheckModel).
func TestModelsMatchSpec(t *testing.T) {
	for schema, check := range map[string]func(testing.TB, string){
		"Session":                 spectest.CheckModel[Session],
		"SessionActivityResponse": spectest.CheckModel[Activity],
		"SessionTask":             spectest.CheckModel[Task],
		"Token":                   spectest.CheckModel[Token],
		"SessionRefresh":          spectest.CheckModel[Refreshed], // oneOf Token, Cookies: one struct, told apart by Object
		"Cookies":                 spectest.CheckModel[Refreshed],
		"Client":                  spectest.CheckModel[Client],
		"SignInToken":             spectest.CheckModel[SignInToken],
		"ActorToken":              spectest.CheckModel[ActorToken],
		"TestingToken":            spectest.CheckModel[TestingToken],
		"AgentTask":               spectest.CheckModel[AgentTask],
	} {
		t.Run(schema, func(t *testing.T) { check(t, schema) })
	}
}

// TestParamsMatchSpec compares the params' url and json names with the
// operations' query parameters and body properties, both ways.
func TestParamsMatchSpec(t *testing.T) {
	// List always sends paginated=true (see List), so ListParams has no field for it.
	spectest.CheckQuery(t, "GET", "/sessions", ListParams{}, "paginated")
	spectest.CheckBody(t, "POST", "/sessions", CreateParams{})
	spectest.CheckBody(t, "POST", "/sessions/{session_id}/refresh", RefreshParams{})
	spectest.CheckBody(t, "POST", "/sessions/{session_id}/tokens", CreateTokenParams{})
	spectest.CheckBody(t, "POST", "/sessions/{session_id}/tokens/{template_name}", CreateTokenParams{})
	spectest.CheckBody(t, "POST", "/sign_in_tokens", SignInTokenParams{})
	spectest.CheckBody(t, "POST", "/actor_tokens", ActorTokenParams{})
	spectest.CheckBody(t, "POST", "/agents/tasks", AgentTaskParams{})

	// CheckBody compares top-level names; on_behalf_of is an object of its own.
	doc, err := spectest.Doc()
	require.NoError(t, err)
	body := doc.Paths.Find("/agents/tasks").Post.RequestBody.Value.Content.Get("application/json").Schema.Value
	want := map[string]bool{}
	for name := range body.Properties["on_behalf_of"].Value.Properties {
		want[name] = true
	}
	assert.Equal(t, want, tagNames(OnBehalfOf{}, "json"), "OnBehalfOf")
}
