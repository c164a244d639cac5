package sessions

import (
	"testing"

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

	spectest.CheckBody(t, "POST", "/agents/tasks", OnBehalfOf{}, "on_behalf_of")
}

// TestNamesMatchSpec compares the models' JSON names with their schemas'
// properties, both ways: a field the spec lacks that is left out when empty
// escapes the round trip of TestModelsMatchSpec.
func TestNamesMatchSpec(t *testing.T) {
	spectest.CheckNames(t, Session{}, spectest.Schema(t, "Session"))
	spectest.CheckNames(t, Activity{}, spectest.Schema(t, "SessionActivityResponse"))
	spectest.CheckNames(t, Task{}, spectest.Schema(t, "SessionTask"))
	spectest.CheckNames(t, Token{}, spectest.Schema(t, "Token"))
}
