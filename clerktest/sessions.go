package clerktest

import (
	"time"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/sessions"
)

// Sessions: /sessions, and the session tokens minted for them.

// Lifetimes of a new session, as a Clerk instance's defaults.
const (
	sessionLifetime  = 7 * 24 * time.Hour
	sessionAbandonIn = 30 * 24 * time.Hour
	maxSessionsLimit = 500
)

// session is a stored session, with the organization claims its tokens
// carry when SessionToken set them (nil: the active organization's
// membership decides, at each mint).
type session struct {
	sessions.Session
	org *orgClaims
}

func (s *Server) sessionRoutes() {
	s.handle("GET /sessions", s.listSessions)
	s.handle("POST /sessions", s.createSession)
	s.handle("GET /sessions/{session_id}", s.getSession)
	s.handle("POST /sessions/{session_id}/revoke", s.revokeSession)
	s.handle("POST /sessions/{session_id}/tokens", s.createSessionToken)
	s.handle("GET /jwks", s.jwks)
}

func (s *Server) session(id string) (*session, error) {
	if x := s.db.sessions.get(id); x != nil {
		return x, nil
	}
	return nil, notFound("Session")
}

func (s *Server) getSession(c *call) (any, error) {
	x, err := s.session(c.path("session_id"))
	if err != nil {
		return nil, err
	}
	return &x.Session, nil
}

// createSession answers POST /sessions, which Clerk offers to development
// instances for tests: an active session of a user, with an active
// organization the user belongs to.
func (s *Server) createSession(c *call) (any, error) {
	var p struct {
		UserID               *string `json:"user_id"`
		ActiveOrganizationID *string `json:"active_organization_id"`
	}
	if err := c.decode(&p); err != nil {
		return nil, err
	}
	if p.UserID == nil || *p.UserID == "" {
		return nil, missing("user_id")
	}
	orgID := deref(p.ActiveOrganizationID)
	if orgID != "" {
		if _, err := s.org(orgID); err != nil {
			return nil, err
		}
		if s.membershipOf(orgID, *p.UserID) == nil {
			return nil, invalid("active_organization_id", "is not an organization the user is a member of.")
		}
	}
	x, err := s.newSession(*p.UserID, orgID, nil)
	if err != nil {
		return nil, err
	}
	return &x.Session, nil
}

// newSession stores an active session of a user.
func (s *Server) newSession(userID, orgID string, org *orgClaims) (*session, error) {
	if _, err := s.user(userID); err != nil {
		return nil, err
	}
	now := s.time()
	id := s.db.id("sess")
	x := &session{Session: sessions.Session{
		Object:                   "session",
		ID:                       id,
		UserID:                   userID,
		ClientID:                 s.db.id("client"),
		Status:                   sessions.StatusActive,
		LastActiveOrganizationID: orgID,
		LastActiveAt:             now,
		ExpireAt:                 now.Add(sessionLifetime),
		AbandonAt:                now.Add(sessionAbandonIn),
		CreatedAt:                now,
		UpdatedAt:                now,
	}, org: org}
	s.db.sessions.add(id, x)
	return x, nil
}

func (s *Server) listSessions(c *call) (any, error) {
	limit, offset, err := c.paging(maxSessionsLimit)
	if err != nil {
		return nil, err
	}
	if _, err := c.boolean("paginated"); err != nil {
		return nil, err
	}
	userID, clientID, status := c.str("user_id"), c.str("client_id"), sessions.Status(c.str("status"))
	all := s.db.sessions.filter(func(x *session) bool {
		return (userID == "" || x.UserID == userID) && (clientID == "" || x.ClientID == clientID) &&
			(status == "" || x.Status == status)
	})
	if err := sortBy(all, "", "-created_at", orderings[*session]{
		"created_at": func(a, b *session) int { return a.CreatedAt.Compare(b.CreatedAt) },
	}); err != nil {
		return nil, err
	}
	// The spec answers a bare array, paginated=true or not.
	out := make([]*sessions.Session, 0, len(all))
	for _, x := range window(all, limit, offset) {
		out = append(out, &x.Session)
	}
	return out, nil
}

func (s *Server) revokeSession(c *call) (any, error) {
	x, err := s.session(c.path("session_id"))
	if err != nil {
		return nil, err
	}
	x.Status, x.UpdatedAt = sessions.StatusRevoked, s.time()
	return &x.Session, nil
}

// createSessionToken answers POST /sessions/{session_id}/tokens with a
// session token of an active session.
func (s *Server) createSessionToken(c *call) (any, error) {
	x, err := s.session(c.path("session_id"))
	if err != nil {
		return nil, err
	}
	var p sessions.CreateTokenParams
	if err := c.decode(&p); err != nil {
		return nil, err
	}
	ttl := defaultTokenLifetime
	if p.ExpiresInSeconds != nil {
		if *p.ExpiresInSeconds < 30 || *p.ExpiresInSeconds > 315360000 {
			return nil, invalid("expires_in_seconds", "must be between 30 and 315360000.")
		}
		ttl = time.Duration(*p.ExpiresInSeconds) * time.Second
	}
	if x.Status != sessions.StatusActive && x.Status != sessions.StatusPending {
		return nil, notFound("Active session")
	}
	tok, err := s.mint(x, tokenConfig{lifetime: ttl})
	if err != nil {
		return nil, err
	}
	return sessions.Token{Object: "token", JWT: internal.NewSecret(tok)}, nil
}
