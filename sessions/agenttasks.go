package sessions

import (
	"context"
	"net/http"

	"github.com/go-clerk/clerk/internal"
)

// AgentTask is a sign-in link for an AI agent or an automated flow acting
// for a user: visiting URL creates a session for that user, with no other
// authentication. URL carries the ticket and is a Secret: fmt, log/slog and
// encoding/json show it as "[redacted]"; Reveal gives it.
type AgentTask struct {
	// Object is always "agent_task".
	Object string `json:"object"`
	// AgentID names the agent: the same for every task of one agent name in
	// an instance.
	AgentID string `json:"agent_id"`
	// AgentTaskID is the task's own ID, unique per Create; Revoke takes it.
	AgentTaskID string `json:"agent_task_id"`
	// TaskID is the task's ID under its former name.
	//
	// Deprecated: use AgentTaskID, which holds the same ID.
	TaskID string `json:"task_id"`
	// URL signs the user in when visited: a credential. Only Create's answer
	// has it.
	URL Secret `json:"url,omitzero"`
}

// AgentPermissionsAll grants an agent task every permission, the one value
// AgentTaskParams.Permissions takes today.
const AgentPermissionsAll = "*"

// OnBehalfOf names the user an agent task acts for: set UserID or
// Identifier, not both.
type OnBehalfOf struct {
	// UserID is the user's ID.
	UserID string `json:"user_id,omitempty"`
	// Identifier is a verified identifier of the user, such as an email
	// address.
	Identifier string `json:"identifier,omitempty"`
}

// AgentTaskParams describe an agent task. Every field but
// SessionMaxDurationInSeconds is required.
type AgentTaskParams struct {
	// OnBehalfOf is the user the agent acts for.
	OnBehalfOf OnBehalfOf `json:"on_behalf_of"`
	// Permissions granted to the task: AgentPermissionsAll ("*"), the only
	// value the API takes.
	Permissions string `json:"permissions"`
	// AgentName names the agent; the task's AgentID derives from it. Clerk
	// logs it for audit.
	AgentName string `json:"agent_name"`
	// TaskDescription says what the agent is doing; Clerk logs it for
	// audit.
	TaskDescription string `json:"task_description"`
	// RedirectURL is where the user lands once the task's URL has signed
	// them in: an absolute URL (https in production) on one of the
	// instance's domains.
	RedirectURL string `json:"redirect_url"`
	// SessionMaxDurationInSeconds caps the length of the session the task
	// creates (the API's default is 30 minutes).
	SessionMaxDurationInSeconds *int `json:"session_max_duration_in_seconds,omitempty"`
}

// AgentTaskService creates and revokes agent tasks, sign-in links that let
// an agent act for a user: clerk.Client.AgentTasks. It is safe for
// concurrent use.
type AgentTaskService internal.Service

func (s *AgentTaskService) core() *internal.Client { return (*internal.Service)(s).Client() }

// Create creates an agent task: a URL that, when visited, signs in the user
// named by OnBehalfOf and then redirects to RedirectURL. Nil params, an
// empty required field, or an OnBehalfOf with neither UserID nor
// Identifier fail before any request with an error matching
// clerk.ErrInvalidParams. Clerk API: POST /agents/tasks.
func (s *AgentTaskService) Create(ctx context.Context, params *AgentTaskParams) (*AgentTask, error) {
	if params == nil {
		return nil, internal.NoParams("AgentTasks.Create")
	}
	if params.OnBehalfOf.UserID == "" && params.OnBehalfOf.Identifier == "" {
		return nil, internal.Missing("on_behalf_of.user_id or on_behalf_of.identifier")
	}
	if err := internal.Required("permissions", params.Permissions, "agent_name", params.AgentName,
		"task_description", params.TaskDescription, "redirect_url", params.RedirectURL); err != nil {
		return nil, err
	}
	return agentTask(internal.Call[AgentTask](ctx, s.core(), http.MethodPost, "/agents/tasks", params))
}

// Revoke revokes a pending agent task, so that its URL no longer signs in;
// the answer has no URL. Clerk API: POST /agents/tasks/{agent_task_id}/revoke.
func (s *AgentTaskService) Revoke(ctx context.Context, agentTaskID string) (*AgentTask, error) {
	return agentTask(internal.Call[AgentTask](ctx, s.core(), http.MethodPost, "/agents/tasks/{agent_task_id}/revoke", nil, agentTaskID))
}

// agentTask fills AgentTaskID from the former task_id when an answer has
// only that one, as Clerk's JS SDK reads it.
func agentTask(t *AgentTask, err error) (*AgentTask, error) {
	if err == nil && t.AgentTaskID == "" {
		t.AgentTaskID = t.TaskID
	}
	return t, err
}
