package sessions

import (
	"context"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

// services are the package's services over one spec-checking server, as
// the root package builds them.
type services struct {
	sessions *Service
	clients  *ClientService
	signIn   *SignInTokenService
	actor    *ActorTokenService
	testing  *TestingTokenService
	agents   *AgentTaskService
}

func setupAll(t *testing.T, opts ...spectest.Option) (*services, *spectest.Server) {
	t.Helper()
	core, srv := spectest.NewClient(t, opts...)
	return &services{
		sessions: spectest.Service[Service](core),
		clients:  spectest.Service[ClientService](core),
		signIn:   spectest.Service[SignInTokenService](core),
		actor:    spectest.Service[ActorTokenService](core),
		testing:  spectest.Service[TestingTokenService](core),
		agents:   spectest.Service[AgentTaskService](core),
	}, srv
}

// Credentials of the fixtures below: no printed form may show them.
const (
	signInTicket  = "sit_ticket_c2VjcmV0"
	actorTicket   = "act_ticket_c2VjcmV0"
	testingSecret = "1713877200-c_testingsecretpart"
	agentTicket   = "agent_ticket_c2VjcmV0"
	cookieJWT     = "eyJhbGciOiJSUzI1NiJ9.cookie.c2ln"
)

const (
	signInTokenJSON = `{"object":"sign_in_token","id":"sit_1","status":"pending","user_id":"user_1",
		"token":"` + signInTicket + `","url":"https://accounts.example.com/sign-in?__clerk_ticket=` + signInTicket + `",
		"created_at":1700000000000,"updated_at":1700000000001}`
	actorTokenJSON = `{"object":"actor_token","id":"act_1","status":"pending","user_id":"user_1",
		"actor":{"sub":"user_admin","reason":"support"},
		"token":"` + actorTicket + `","url":"https://accounts.example.com/sign-in?__clerk_ticket=` + actorTicket + `",
		"created_at":1700000000000,"updated_at":1700000000001}`
	testingTokenJSON = `{"object":"testing_token","token":"` + testingSecret + `","expires_at":1713880800}`
	agentTaskJSON    = `{"object":"agent_task","agent_id":"agent_1","agent_task_id":"agtask_1","task_id":"agtask_1",
		"url":"https://clerk.example.com/v1/tickets/accept?ticket=` + agentTicket + `"}`
)

func clientJSON() string {
	return `{"object":"client","id":"client_1","session_ids":["sess_1"],"sessions":[` + sessionJSON("sess_1", StatusActive) + `],
		"sign_in_id":null,"sign_up_id":"sua_1","last_active_session_id":"sess_1","last_authentication_strategy":"oauth_google",
		"updated_at":1700000000001,"created_at":1700000000000}`
}

func wantSession(t *testing.T, id string, status Status) Session {
	var s Session
	require.NoError(t, internal.Unmarshal([]byte(sessionJSON(id, status)), &s))
	return s
}

// TestRequests sends every new operation to the spec-checking server (each
// request and each answer validated against the spec) and checks method,
// path, body and the decoded answer.
func TestRequests(t *testing.T) {
	ctx := context.Background()
	sess := wantSession(t, "sess_1", StatusActive)
	tests := []struct {
		name     string
		route    string // the handler's pattern
		wantPath string // as sent
		wantBody string // JSON; "" for no body
		answer   string
		call     func(s *services) (any, error)
		want     any
	}{
		{
			name: "Sessions.Create", route: "POST /sessions", wantPath: "/v1/sessions",
			wantBody: `{"user_id":"user_1","active_organization_id":"org_1"}`,
			answer:   sessionJSON("sess_1", StatusActive),
			call: func(s *services) (any, error) {
				return s.sessions.Create(ctx, &CreateParams{UserID: "user_1", ActiveOrganizationID: new("org_1")})
			},
			want: &sess,
		},
		{
			name: "Sessions.Create, only the user", route: "POST /sessions", wantPath: "/v1/sessions",
			wantBody: `{"user_id":"user_1"}`, answer: sessionJSON("sess_1", StatusActive),
			call: func(s *services) (any, error) { return s.sessions.Create(ctx, &CreateParams{UserID: "user_1"}) },
			want: &sess,
		},
		{
			name: "Sessions.Refresh, token", route: "POST /sessions/{session_id}/refresh", wantPath: "/v1/sessions/sess_1/refresh",
			wantBody: `{"expired_token":"old.jwt.sig","refresh_token":"rt_1","request_origin":"https://example.com",
				"request_headers":{"User-Agent":["Mozilla/5.0"]},"format":"token","request_originating_ip":"203.0.113.9"}`,
			answer: `{"object":"token","jwt":"` + testJWT + `"}`,
			call: func(s *services) (any, error) {
				return s.sessions.Refresh(ctx, "sess_1", &RefreshParams{
					ExpiredToken: "old.jwt.sig", RefreshToken: "rt_1", RequestOrigin: "https://example.com",
					RequestHeaders: http.Header{"User-Agent": {"Mozilla/5.0"}}, Format: new(RefreshFormatToken),
					RequestOriginatingIP: new("203.0.113.9"),
				})
			},
			want: &Refreshed{Object: RefreshedToken, JWT: internal.NewSecret(testJWT)},
		},
		{
			name: "Sessions.Refresh, cookies", route: "POST /sessions/{session_id}/refresh", wantPath: "/v1/sessions/sess_1/refresh",
			wantBody: `{"expired_token":"old.jwt.sig","refresh_token":"rt_1","request_origin":"https://example.com","format":"cookie"}`,
			answer:   `{"object":"cookies","cookies":["__session=` + cookieJWT + `; Path=/; Secure","__client_uat=1700000000; Path=/"]}`,
			call: func(s *services) (any, error) {
				return s.sessions.Refresh(ctx, "sess_1", &RefreshParams{
					ExpiredToken: "old.jwt.sig", RefreshToken: "rt_1", RequestOrigin: "https://example.com",
					Format: new(RefreshFormatCookie),
				})
			},
			want: &Refreshed{Object: RefreshedCookies, Cookies: []Secret{
				internal.NewSecret("__session=" + cookieJWT + "; Path=/; Secure"), internal.NewSecret("__client_uat=1700000000; Path=/"),
			}},
		},
		{
			name: "Clients.Get", route: "GET /clients/{client_id}", wantPath: "/v1/clients/client_1",
			answer: clientJSON(),
			call:   func(s *services) (any, error) { return s.clients.Get(ctx, "client_1") },
			want: &Client{
				Object: "client", ID: "client_1", SessionIDs: []string{"sess_1"}, Sessions: []Session{sess},
				SignUpID: "sua_1", LastActiveSessionID: "sess_1", LastAuthenticationStrategy: "oauth_google",
				UpdatedAt: ms(1700000000001), CreatedAt: ms(1700000000000),
			},
		},
		{
			name: "Clients.Verify", route: "POST /clients/verify", wantPath: "/v1/clients/verify",
			wantBody: `{"token":"client.jwt.sig"}`, answer: clientJSON(),
			call: func(s *services) (any, error) { return s.clients.Verify(ctx, "client.jwt.sig") },
			want: &Client{
				Object: "client", ID: "client_1", SessionIDs: []string{"sess_1"}, Sessions: []Session{sess},
				SignUpID: "sua_1", LastActiveSessionID: "sess_1", LastAuthenticationStrategy: "oauth_google",
				UpdatedAt: ms(1700000000001), CreatedAt: ms(1700000000000),
			},
		},
		{
			name: "SignInTokens.Create", route: "POST /sign_in_tokens", wantPath: "/v1/sign_in_tokens",
			wantBody: `{"user_id":"user_1","org_id":"org_1","expires_in_seconds":600}`, answer: signInTokenJSON,
			call: func(s *services) (any, error) {
				return s.signIn.Create(ctx, &SignInTokenParams{UserID: "user_1", OrgID: new("org_1"), ExpiresInSeconds: new(600)})
			},
			want: &SignInToken{
				Object: "sign_in_token", ID: "sit_1", Status: TokenStatusPending, UserID: "user_1",
				Token: internal.NewSecret(signInTicket), URL: internal.NewSecret("https://accounts.example.com/sign-in?__clerk_ticket=" + signInTicket),
				CreatedAt: ms(1700000000000), UpdatedAt: ms(1700000000001),
			},
		},
		{
			name: "SignInTokens.Revoke", route: "POST /sign_in_tokens/{sign_in_token_id}/revoke", wantPath: "/v1/sign_in_tokens/sit_1/revoke",
			answer: `{"object":"sign_in_token","id":"sit_1","status":"revoked","user_id":"user_1","url":null,"created_at":1,"updated_at":2}`,
			call:   func(s *services) (any, error) { return s.signIn.Revoke(ctx, "sit_1") },
			want: &SignInToken{Object: "sign_in_token", ID: "sit_1", Status: TokenStatusRevoked, UserID: "user_1",
				CreatedAt: ms(1), UpdatedAt: ms(2)},
		},
		{
			name: "ActorTokens.Create", route: "POST /actor_tokens", wantPath: "/v1/actor_tokens",
			wantBody: `{"user_id":"user_1","actor":{"sub":"user_admin","reason":"support"},"expires_in_seconds":300,"session_max_duration_in_seconds":900}`,
			answer:   actorTokenJSON,
			call: func(s *services) (any, error) {
				return s.actor.Create(ctx, &ActorTokenParams{UserID: "user_1", Actor: Actor{"sub": "user_admin", "reason": "support"},
					ExpiresInSeconds: new(300), SessionMaxDurationInSeconds: new(900)})
			},
			want: &ActorToken{
				Object: "actor_token", ID: "act_1", Status: TokenStatusPending, UserID: "user_1",
				Actor: Actor{"sub": "user_admin", "reason": "support"}, Token: internal.NewSecret(actorTicket),
				URL:       internal.NewSecret("https://accounts.example.com/sign-in?__clerk_ticket=" + actorTicket),
				CreatedAt: ms(1700000000000), UpdatedAt: ms(1700000000001),
			},
		},
		{
			name: "ActorTokens.Revoke", route: "POST /actor_tokens/{actor_token_id}/revoke", wantPath: "/v1/actor_tokens/act_1/revoke",
			answer: `{"object":"actor_token","id":"act_1","status":"revoked","user_id":"user_1","actor":{"sub":"user_admin"},"created_at":1,"updated_at":2}`,
			call:   func(s *services) (any, error) { return s.actor.Revoke(ctx, "act_1") },
			want: &ActorToken{Object: "actor_token", ID: "act_1", Status: TokenStatusRevoked, UserID: "user_1",
				Actor: Actor{"sub": "user_admin"}, CreatedAt: ms(1), UpdatedAt: ms(2)},
		},
		{
			name: "TestingTokens.Create", route: "POST /testing_tokens", wantPath: "/v1/testing_tokens",
			answer: testingTokenJSON,
			call:   func(s *services) (any, error) { return s.testing.Create(ctx) },
			want:   &TestingToken{Object: "testing_token", Token: internal.NewSecret(testingSecret), ExpiresAt: 1713880800},
		},
		{
			name: "AgentTasks.Create", route: "POST /agents/tasks", wantPath: "/v1/agents/tasks",
			wantBody: `{"on_behalf_of":{"identifier":"ada@example.com"},"permissions":"*","agent_name":"triage-bot",
				"task_description":"Sort the inbox","redirect_url":"https://app.example.com/inbox","session_max_duration_in_seconds":600}`,
			answer: agentTaskJSON,
			call: func(s *services) (any, error) {
				return s.agents.Create(ctx, &AgentTaskParams{
					OnBehalfOf: OnBehalfOf{Identifier: "ada@example.com"}, Permissions: AgentPermissionsAll,
					AgentName: "triage-bot", TaskDescription: "Sort the inbox", RedirectURL: "https://app.example.com/inbox",
					SessionMaxDurationInSeconds: new(600),
				})
			},
			want: &AgentTask{Object: "agent_task", AgentID: "agent_1", AgentTaskID: "agtask_1", TaskID: "agtask_1",
				URL: internal.NewSecret("https://clerk.example.com/v1/tickets/accept?ticket=" + agentTicket)},
		},
		{
			name: "AgentTasks.Create, by user ID", route: "POST /agents/tasks", wantPath: "/v1/agents/tasks",
			wantBody: `{"on_behalf_of":{"user_id":"user_1"},"permissions":"*","agent_name":"a","task_description":"d","redirect_url":"https://app.example.com/"}`,
			answer:   agentTaskJSON,
			call: func(s *services) (any, error) {
				return s.agents.Create(ctx, &AgentTaskParams{OnBehalfOf: OnBehalfOf{UserID: "user_1"}, Permissions: "*",
					AgentName: "a", TaskDescription: "d", RedirectURL: "https://app.example.com/"})
			},
			want: &AgentTask{Object: "agent_task", AgentID: "agent_1", AgentTaskID: "agtask_1", TaskID: "agtask_1",
				URL: internal.NewSecret("https://clerk.example.com/v1/tickets/accept?ticket=" + agentTicket)},
		},
		{
			name: "AgentTasks.Revoke", route: "POST /agents/tasks/{agent_task_id}/revoke", wantPath: "/v1/agents/tasks/agtask_1/revoke",
			answer: `{"object":"agent_task","agent_id":"agent_1","agent_task_id":"agtask_1","task_id":"agtask_1"}`,
			call:   func(s *services) (any, error) { return s.agents.Revoke(ctx, "agtask_1") },
			want:   &AgentTask{Object: "agent_task", AgentID: "agent_1", AgentTaskID: "agtask_1", TaskID: "agtask_1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svcs, srv := setupAll(t, spectest.WithResponseValidation())
			srv.Mux.HandleFunc(tt.route, func(w http.ResponseWriter, r *http.Request) {
				b, err := io.ReadAll(r.Body)
				assert.NoError(t, err)
				if tt.wantBody == "" {
					assert.Empty(t, b, "no body")
				} else {
					assert.JSONEq(t, tt.wantBody, string(b))
					assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
				}
				spectest.WriteJSON(w, 200, tt.answer)
			})
			got, err := tt.call(svcs)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			method, _, _ := strings.Cut(tt.route, " ")
			assert.Equal(t, 1, srv.Count(method, tt.wantPath))
			assert.Len(t, srv.Operations(), 1)
		})
	}
}

// TestRefreshAnswerShapes: the answer must be one of the spec's two shapes
// with its value; anything else is ErrInvalidResponse, never a Refreshed
// that a caller would take for a token.
func TestRefreshAnswerShapes(t *testing.T) {
	params := &RefreshParams{ExpiredToken: "e", RefreshToken: "r", RequestOrigin: "https://example.com"}
	for _, answer := range []string{
		`{"object":"token"}`,
		`{"object":"token","jwt":""}`,
		`{"object":"session","id":"sess_1"}`,
		`{"jwt":"` + testJWT + `"}`,
		`{"object":"cookies","jwt":"` + testJWT + `"}`,
		`{}`,
		`null`,
	} {
		t.Run(answer, func(t *testing.T) {
			svcs, srv := setupAll(t)
			srv.Mux.HandleFunc("POST /sessions/{session_id}/refresh", func(w http.ResponseWriter, r *http.Request) {
				spectest.WriteJSON(w, 200, answer)
			})
			r, err := svcs.sessions.Refresh(context.Background(), "sess_1", params)
			assert.ErrorIs(t, err, internal.ErrInvalidResponse)
			assert.Nil(t, r)
			if err != nil {
				assert.NotContains(t, err.Error(), testJWT)
			}
		})
	}
	t.Run("401 means: fall back to the handshake", func(t *testing.T) {
		svcs, srv := setupAll(t, spectest.WithResponseValidation())
		srv.Mux.HandleFunc("POST /sessions/{session_id}/refresh", func(w http.ResponseWriter, r *http.Request) {
			spectest.WriteError(w, 401, "authentication_invalid")
		})
		_, err := svcs.sessions.Refresh(context.Background(), "sess_1", params)
		assert.ErrorIs(t, err, internal.ErrUnauthorized)
	})
}

// TestAgentTaskFormerID: an answer with only the former task_id still gives
// AgentTaskID, as Clerk's JS SDK reads it.
func TestAgentTaskFormerID(t *testing.T) {
	svcs, srv := setupAll(t)
	srv.Mux.HandleFunc("POST /agents/tasks/{agent_task_id}/revoke", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteJSON(w, 200, `{"object":"agent_task","agent_id":"agent_1","task_id":"agtask_old"}`)
	})
	task, err := svcs.agents.Revoke(context.Background(), "agtask_old")
	require.NoError(t, err)
	assert.Equal(t, "agtask_old", task.AgentTaskID)
}

func TestTestingTokenExpiry(t *testing.T) {
	for _, tt := range []struct {
		expiresAt int64
		want      time.Time
	}{
		{1713880800, time.Date(2024, 4, 23, 14, 0, 0, 0, time.UTC)},        // the spec's example: seconds
		{1713880800123, time.Date(2024, 4, 23, 14, 0, 0, 123e6, time.UTC)}, // milliseconds, should Clerk send them
		{0, time.Time{}},
	} {
		tok := TestingToken{ExpiresAt: tt.expiresAt}
		assert.Equal(t, tt.want, tok.Expiry(), "%d", tt.expiresAt)
	}
}

// TestCredentialsAreRedacted: the token, ticket URL and cookie strings of
// every new model show in no printed form (fmt, log/slog, encoding/json),
// however nested; Reveal gives them.
func TestCredentialsAreRedacted(t *testing.T) {
	decode := func(v any, s string) any {
		require.NoError(t, internal.Unmarshal([]byte(s), v))
		return v
	}
	cases := []struct {
		name    string
		v       any
		secrets []string
	}{
		{"SignInToken", decode(&SignInToken{}, signInTokenJSON), []string{signInTicket}},
		{"ActorToken", decode(&ActorToken{}, actorTokenJSON), []string{actorTicket}},
		{"TestingToken", decode(&TestingToken{}, testingTokenJSON), []string{testingSecret, "testingsecretpart"}},
		{"AgentTask", decode(&AgentTask{}, agentTaskJSON), []string{agentTicket}},
		{"Refreshed token", decode(&Refreshed{}, `{"object":"token","jwt":"`+testJWT+`"}`), []string{"eyJ", "c2lnbmF0dXJl"}},
		{"Refreshed cookies", decode(&Refreshed{}, `{"object":"cookies","cookies":["__session=`+cookieJWT+`; Path=/"]}`), []string{cookieJWT, "__session="}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, leak := range spectest.Leaks(c.v, c.secrets...) {
				t.Error(leak)
			}
			// The value itself, not only the pointer.
			for _, leak := range spectest.Leaks(reflectElem(c.v), c.secrets...) {
				t.Error(leak)
			}
		})
	}
	var st SignInToken
	require.NoError(t, internal.Unmarshal([]byte(signInTokenJSON), &st))
	assert.Equal(t, signInTicket, st.Token.Reveal())
	assert.Contains(t, st.URL.Reveal(), signInTicket)
}

// TestRequiredFields: nil params, an empty required field and an unsafe ID
// fail before any request, matching ErrInvalidParams.
func TestRequiredFields(t *testing.T) {
	ctx := context.Background()
	svcs, srv := setupAll(t)
	refresh := func(mod func(p *RefreshParams)) func() error {
		return func() error {
			p := &RefreshParams{ExpiredToken: "e", RefreshToken: "r", RequestOrigin: "https://example.com"}
			mod(p)
			_, err := svcs.sessions.Refresh(ctx, "sess_1", p)
			return err
		}
	}
	agent := func(mod func(p *AgentTaskParams)) func() error {
		return func() error {
			p := &AgentTaskParams{OnBehalfOf: OnBehalfOf{UserID: "user_1"}, Permissions: "*", AgentName: "a",
				TaskDescription: "d", RedirectURL: "https://example.com"}
			mod(p)
			_, err := svcs.agents.Create(ctx, p)
			return err
		}
	}
	calls := map[string]func() error{
		"Sessions.Create(nil)":                func() error { _, err := svcs.sessions.Create(ctx, nil); return err },
		"Sessions.Create(empty)":              func() error { _, err := svcs.sessions.Create(ctx, &CreateParams{}); return err },
		"Sessions.Refresh(nil)":               func() error { _, err := svcs.sessions.Refresh(ctx, "sess_1", nil); return err },
		"Sessions.Refresh(no expired_token)":  refresh(func(p *RefreshParams) { p.ExpiredToken = "" }),
		"Sessions.Refresh(no refresh_token)":  refresh(func(p *RefreshParams) { p.RefreshToken = "" }),
		"Sessions.Refresh(no request_origin)": refresh(func(p *RefreshParams) { p.RequestOrigin = "" }),
		"Sessions.Refresh(bad ID)": func() error {
			_, err := svcs.sessions.Refresh(ctx, "sess/1", &RefreshParams{ExpiredToken: "e", RefreshToken: "r", RequestOrigin: "o"})
			return err
		},
		"Clients.Get(empty)":       func() error { _, err := svcs.clients.Get(ctx, ""); return err },
		"Clients.Get(bad)":         func() error { _, err := svcs.clients.Get(ctx, "../x"); return err },
		"Clients.Verify(empty)":    func() error { _, err := svcs.clients.Verify(ctx, ""); return err },
		"SignInTokens.Create(nil)": func() error { _, err := svcs.signIn.Create(ctx, nil); return err },
		"SignInTokens.Create(no user)": func() error {
			_, err := svcs.signIn.Create(ctx, &SignInTokenParams{ExpiresInSeconds: new(60)})
			return err
		},
		"SignInTokens.Revoke(empty)": func() error { _, err := svcs.signIn.Revoke(ctx, ""); return err },
		"SignInTokens.Revoke(bad)":   func() error { _, err := svcs.signIn.Revoke(ctx, "sit?1"); return err },
		"ActorTokens.Create(nil)":    func() error { _, err := svcs.actor.Create(ctx, nil); return err },
		"ActorTokens.Create(no user)": func() error {
			_, err := svcs.actor.Create(ctx, &ActorTokenParams{Actor: Actor{"sub": "user_admin"}})
			return err
		},
		"ActorTokens.Create(no actor)": func() error {
			_, err := svcs.actor.Create(ctx, &ActorTokenParams{UserID: "user_1"})
			return err
		},
		"ActorTokens.Revoke(bad)":     func() error { _, err := svcs.actor.Revoke(ctx, "act 1"); return err },
		"AgentTasks.Create(nil)":      func() error { _, err := svcs.agents.Create(ctx, nil); return err },
		"AgentTasks.Create(no user)":  agent(func(p *AgentTaskParams) { p.OnBehalfOf = OnBehalfOf{} }),
		"AgentTasks.Create(no perms)": agent(func(p *AgentTaskParams) { p.Permissions = "" }),
		"AgentTasks.Create(no name)":  agent(func(p *AgentTaskParams) { p.AgentName = "" }),
		"AgentTasks.Create(no desc)":  agent(func(p *AgentTaskParams) { p.TaskDescription = "" }),
		"AgentTasks.Create(no url)":   agent(func(p *AgentTaskParams) { p.RedirectURL = "" }),
		"AgentTasks.Revoke(empty)":    func() error { _, err := svcs.agents.Revoke(ctx, ""); return err },
		"AgentTasks.Revoke(dot-dot)":  func() error { _, err := svcs.agents.Revoke(ctx, ".."); return err },
	}
	for name, call := range calls {
		assert.ErrorIs(t, call(), internal.ErrInvalidParams, name)
	}
	assert.Empty(t, srv.Operations(), "no request may leave")
	assert.Zero(t, srv.Count("POST", "/v1/sessions/sess_1/refresh"))
}

// reflectElem returns what a pointer points to.
func reflectElem(v any) any { return reflect.ValueOf(v).Elem().Interface() }
