package clerktest

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/go-clerk/clerk/apikeys"
	"github.com/go-clerk/clerk/internal"
)

// Machines (/machines) and their M2M tokens (/m2m_tokens).

const (
	maxMachinesLimit  = 500
	maxM2MLimit       = 100
	defaultMachineTTL = 3600
	maxTokenTTL       = 315360000
)

func (s *Server) machineRoutes() {
	s.handle("GET /machines", s.listMachines)
	s.handle("POST /machines", s.createMachine)
	s.handle("GET /machines/{machine_id}", s.getMachine)
	s.handle("PATCH /machines/{machine_id}", s.updateMachine)
	s.handle("DELETE /machines/{machine_id}", s.deleteMachine)
	s.handle("GET /machines/{machine_id}/secret_key", s.getMachineSecret)
	s.handle("POST /machines/{machine_id}/secret_key/rotate", s.rotateMachineSecret)
	s.handle("POST /machines/{machine_id}/scopes", s.addMachineScope)
	s.handle("DELETE /machines/{machine_id}/scopes/{other_machine_id}", s.removeMachineScope)

	s.handle("POST /m2m_tokens", s.createM2MToken)
	s.handle("GET /m2m_tokens", s.listM2MTokens)
	s.handle("POST /m2m_tokens/verify", s.verifyM2MToken)
	s.handle("POST /m2m_tokens/{m2m_token_id}/revoke", s.revokeM2MToken)
}

func (s *Server) machine(id string) (*apikeys.Machine, error) {
	if m := s.db.machines.get(id); m != nil {
		return m, nil
	}
	return nil, notFound("Machine")
}

// machineAnswer is a machine as answered: scoped_machines is required by
// the spec, so it is written even when empty (the model omits it then).
type machineAnswer struct {
	apikeys.Machine
	ScopedMachines []*apikeys.Machine `json:"scoped_machines"`
}

func (s *Server) renderMachine(m *apikeys.Machine) *machineAnswer {
	out := &machineAnswer{Machine: *m, ScopedMachines: []*apikeys.Machine{}}
	out.SecretKey = internal.Secret{}
	for _, id := range s.db.scopes[m.ID] {
		if to := s.db.machines.get(id); to != nil {
			cp := *to
			cp.SecretKey, cp.ScopedMachines = internal.Secret{}, nil
			out.ScopedMachines = append(out.ScopedMachines, &cp)
		}
	}
	return out
}

func (s *Server) getMachine(c *call) (any, error) {
	m, err := s.machine(c.path("machine_id"))
	if err != nil {
		return nil, err
	}
	return s.renderMachine(m), nil
}

func (s *Server) createMachine(c *call) (any, error) {
	var p apikeys.CreateMachineParams
	if err := c.decode(&p); err != nil {
		return nil, err
	}
	m := &apikeys.Machine{Name: p.Name, DefaultTokenTTL: derefOr(p.DefaultTokenTTL, defaultMachineTTL)}
	secret, err := s.insertMachine(m, p.ScopedMachines)
	if err != nil {
		return nil, err
	}
	out := s.renderMachine(m)
	out.SecretKey = internal.NewSecret(secret) // the create answer carries it
	return out, nil
}

// insertMachine checks and stores a new machine, returning its secret key.
// The API's create and AddMachine share it.
func (s *Server) insertMachine(m *apikeys.Machine, scoped []string) (string, error) {
	if m.Name == "" {
		return "", missing("name")
	}
	if m.DefaultTokenTTL == 0 {
		m.DefaultTokenTTL = defaultMachineTTL
	}
	if m.DefaultTokenTTL < 1 || m.DefaultTokenTTL > maxTokenTTL {
		return "", invalid("default_token_ttl", "must be between 1 and 315360000.")
	}
	for _, id := range scoped {
		if s.db.machines.get(id) == nil {
			return "", invalid("scoped_machines", "names a machine that does not exist: "+id)
		}
	}
	now := s.time()
	m.Object = "machine"
	if m.ID == "" {
		m.ID = s.db.id("mch")
	}
	m.InstanceID = s.InstanceID
	if m.CreatedAt.IsZero() {
		m.CreatedAt = now
	}
	if m.UpdatedAt.IsZero() {
		m.UpdatedAt = m.CreatedAt
	}
	secret := m.SecretKey.Reveal()
	if secret == "" {
		secret = "ak_" + randomHex(24)
	}
	m.SecretKey, m.ScopedMachines = internal.Secret{}, nil
	s.db.machines.add(m.ID, m)
	s.db.machineBySecret[secret] = m.ID
	s.db.machineSecret[m.ID] = secret
	s.db.scopes[m.ID] = slices.Clone(scoped)
	return secret, nil
}

func (s *Server) listMachines(c *call) (any, error) {
	limit, offset, err := c.paging(maxMachinesLimit)
	if err != nil {
		return nil, err
	}
	query := c.str("query")
	all := s.db.machines.filter(func(m *apikeys.Machine) bool {
		return query == "" || m.ID == query || contains(m.Name, query)
	})
	if err := sortBy(all, c.str("order_by"), "-created_at", orderings[*apikeys.Machine]{
		"created_at": func(a, b *apikeys.Machine) int { return a.CreatedAt.Compare(b.CreatedAt) },
		"name":       func(a, b *apikeys.Machine) int { return byFold(a.Name, b.Name) },
	}); err != nil {
		return nil, err
	}
	out := make([]*machineAnswer, len(all))
	for i, m := range all {
		out[i] = s.renderMachine(m)
	}
	return pageOf(out, limit, offset), nil
}

func (s *Server) updateMachine(c *call) (any, error) {
	m, err := s.machine(c.path("machine_id"))
	if err != nil {
		return nil, err
	}
	var p apikeys.UpdateMachineParams
	if err := c.decode(&p); err != nil {
		return nil, err
	}
	if p.Name != nil && *p.Name == "" {
		return nil, invalid("name", "cannot be empty.")
	}
	if p.DefaultTokenTTL != nil && (*p.DefaultTokenTTL < 1 || *p.DefaultTokenTTL > maxTokenTTL) {
		return nil, invalid("default_token_ttl", "must be between 1 and 315360000.")
	}
	set(&m.Name, p.Name)
	set(&m.DefaultTokenTTL, p.DefaultTokenTTL)
	m.UpdatedAt = s.time()
	return s.renderMachine(m), nil
}

func (s *Server) deleteMachine(c *call) (any, error) {
	m, err := s.machine(c.path("machine_id"))
	if err != nil {
		return nil, err
	}
	s.db.machines.remove(m.ID)
	delete(s.db.machineBySecret, s.db.machineSecret[m.ID])
	delete(s.db.machineSecret, m.ID)
	delete(s.db.scopes, m.ID)
	return internal.DeletedObject{Object: "machine", ID: m.ID, Deleted: true}, nil
}

// machineSecretKey is the answer of the secret key endpoints.
type machineSecretKey struct {
	Object string `json:"object"`
	Secret string `json:"secret"`
}

func (s *Server) getMachineSecret(c *call) (any, error) {
	m, err := s.machine(c.path("machine_id"))
	if err != nil {
		return nil, err
	}
	return machineSecretKey{"machine_secret_key", s.db.machineSecret[m.ID]}, nil
}

// rotateMachineSecret gives the machine a new secret key. The previous one
// stops working at once: the fake does not keep it for previous_token_ttl.
func (s *Server) rotateMachineSecret(c *call) (any, error) {
	m, err := s.machine(c.path("machine_id"))
	if err != nil {
		return nil, err
	}
	var p struct {
		PreviousTokenTTL *int `json:"previous_token_ttl"`
	}
	if err := c.decode(&p); err != nil {
		return nil, err
	}
	if p.PreviousTokenTTL == nil {
		return nil, missing("previous_token_ttl")
	}
	if *p.PreviousTokenTTL < 0 || *p.PreviousTokenTTL > 28800 {
		return nil, invalid("previous_token_ttl", "must be between 0 and 28800.")
	}
	delete(s.db.machineBySecret, s.db.machineSecret[m.ID])
	secret := "ak_" + randomHex(24)
	s.db.machineBySecret[secret] = m.ID
	s.db.machineSecret[m.ID] = secret
	return machineSecretKey{"machine_secret_key", secret}, nil
}

func (s *Server) addMachineScope(c *call) (any, error) {
	m, err := s.machine(c.path("machine_id"))
	if err != nil {
		return nil, err
	}
	var p struct {
		ToMachineID string `json:"to_machine_id"`
	}
	if err := c.decode(&p); err != nil {
		return nil, err
	}
	if p.ToMachineID == "" {
		return nil, missing("to_machine_id")
	}
	if _, err := s.machine(p.ToMachineID); err != nil {
		return nil, err
	}
	if slices.Contains(s.db.scopes[m.ID], p.ToMachineID) {
		return nil, &apiError{status: http.StatusConflict, code: "duplicate_record", msg: "duplicate", long: "The machine already has this scope."}
	}
	s.db.scopes[m.ID] = append(s.db.scopes[m.ID], p.ToMachineID)
	return apikeys.MachineScope{Object: "machine_scope", FromMachineID: m.ID, ToMachineID: p.ToMachineID, CreatedAt: s.time()}, nil
}

func (s *Server) removeMachineScope(c *call) (any, error) {
	m, err := s.machine(c.path("machine_id"))
	if err != nil {
		return nil, err
	}
	other := c.path("other_machine_id")
	i := slices.Index(s.db.scopes[m.ID], other)
	if i < 0 {
		return nil, notFound("Machine scope")
	}
	s.db.scopes[m.ID] = slices.Delete(s.db.scopes[m.ID], i, i+1)
	return struct {
		Object        string `json:"object"`
		FromMachineID string `json:"from_machine_id"`
		ToMachineID   string `json:"to_machine_id"`
		Deleted       bool   `json:"deleted"`
	}{"machine_scope", m.ID, other, true}, nil
}

// M2M tokens.

// callerMachine returns the machine whose secret key is the call's bearer,
// or nil when the bearer is the instance secret key.
func (s *Server) callerMachine(c *call) *apikeys.Machine {
	bearer, _ := strings.CutPrefix(c.r.Header.Get("Authorization"), "Bearer ")
	return s.db.machines.get(s.db.machineBySecret[bearer])
}

func (s *Server) m2mToken(id string) (*apikeys.M2MToken, error) {
	if t := s.db.m2mTokens.get(id); t != nil {
		return t, nil
	}
	return nil, notFound("M2M token")
}

// renderM2MToken is a token as answered: expired once past its expiration,
// without the token itself.
func (s *Server) renderM2MToken(t *apikeys.M2MToken) *apikeys.M2MToken {
	out := *t
	out.Expired = t.Expiration != nil && !s.time().Before(*t.Expiration)
	out.Token = internal.Secret{}
	out.Scopes = slices.Clone(t.Scopes)
	return &out
}

// createM2MToken answers POST /m2m_tokens, which takes the machine's
// secret key as bearer: an opaque token for the machine, scoped to the
// machines it may reach, answered with 201. min_remaining_ttl_seconds
// answers an existing token of the same claims instead, when one lives that
// long; the JWT format is not modeled (501).
func (s *Server) createM2MToken(c *call) (any, error) {
	m := s.callerMachine(c)
	if m == nil {
		return nil, &apiError{status: http.StatusUnauthorized, code: "authentication_invalid", msg: "Invalid authentication",
			long: "POST /m2m_tokens must be authenticated with a machine secret key, not the instance secret key."}
	}
	var p apikeys.CreateM2MTokenParams
	if err := c.decode(&p); err != nil {
		return nil, err
	}
	if p.TokenFormat == apikeys.TokenFormatJWT {
		return nil, notImplemented(operation{http.MethodPost, "/m2m_tokens", "createM2MToken"}, "JWT-format M2M tokens")
	}
	lifetime := int64(m.DefaultTokenTTL)
	if p.SecondsUntilExpiration != nil {
		if *p.SecondsUntilExpiration <= 0 {
			return nil, badParam("seconds_until_expiration", "seconds_until_expiration must be positive.")
		}
		lifetime = *p.SecondsUntilExpiration
	}
	claims, err := claimsOf(p.Claims)
	if err != nil {
		return nil, err
	}
	now := s.time()
	if p.MinRemainingTTLSeconds != nil {
		min := *p.MinRemainingTTLSeconds
		if min < 0 || min >= lifetime {
			return nil, badParam("min_remaining_ttl_seconds", "min_remaining_ttl_seconds must be less than the token's lifetime.")
		}
		for tok, id := range s.db.m2mByToken {
			t := s.db.m2mTokens.get(id)
			if t != nil && t.Subject == m.ID && !t.Revoked && string(t.Claims) == string(claims) &&
				slices.Equal(t.Scopes, s.db.scopes[m.ID]) && t.Expiration != nil && t.Expiration.Sub(now) >= time.Duration(min)*time.Second {
				out := s.renderM2MToken(t)
				out.Token = internal.NewSecret(tok)
				return withStatus{http.StatusCreated, out}, nil
			}
		}
	}
	expires := now.Add(time.Duration(lifetime) * time.Second)
	t := &apikeys.M2MToken{Object: "machine_to_machine_token", ID: s.db.hexID("mt"), Subject: m.ID, Claims: claims,
		Scopes: slices.Clone(s.db.scopes[m.ID]), Expiration: &expires, CreatedAt: now, UpdatedAt: now}
	if t.Scopes == nil {
		t.Scopes = []string{}
	}
	token := "mt_" + randomHex(24)
	s.db.m2mTokens.add(t.ID, t)
	s.db.m2mByToken[token] = t.ID
	out := s.renderM2MToken(t)
	out.Token = internal.NewSecret(token)
	return withStatus{http.StatusCreated, out}, nil
}

// listM2MTokens answers a machine's tokens, newest first; revoked and
// expired ones only when asked for. A machine's secret key lists its own.
func (s *Server) listM2MTokens(c *call) (any, error) {
	subject := c.str("subject")
	if subject == "" {
		return nil, badParam("subject", "subject must be given.")
	}
	if m := s.callerMachine(c); m != nil && m.ID != subject {
		return nil, &apiError{status: http.StatusForbidden, code: "authorization_invalid", msg: "Unauthorized request",
			long: "A machine secret key lists the tokens of its own machine only."}
	}
	limit, offset, err := c.paging(maxM2MLimit)
	if err != nil {
		return nil, err
	}
	revoked, err := c.boolean("revoked")
	if err != nil {
		return nil, err
	}
	expired, err := c.boolean("expired")
	if err != nil {
		return nil, err
	}
	var all []*apikeys.M2MToken
	for _, t := range s.db.m2mTokens.all() {
		r := s.renderM2MToken(t)
		if r.Subject == subject && (deref(revoked) || !r.Revoked) && (deref(expired) || !r.Expired) {
			all = append(all, r)
		}
	}
	slices.Reverse(all)
	return struct {
		M2MTokens  []*apikeys.M2MToken `json:"m2m_tokens"`
		TotalCount int64               `json:"total_count"`
	}{window(all, limit, offset), int64(len(all))}, nil
}

func (s *Server) revokeM2MToken(c *call) (any, error) {
	t, err := s.m2mToken(c.path("m2m_token_id"))
	if err != nil {
		return nil, err
	}
	if m := s.callerMachine(c); m != nil && m.ID != t.Subject {
		return nil, notFound("M2M token")
	}
	var p apikeys.RevokeParams
	if err := c.decode(&p); err != nil {
		return nil, err
	}
	t.Revoked, t.RevocationReason, t.UpdatedAt = true, deref(p.RevocationReason), s.time()
	return s.renderM2MToken(t), nil
}

// verifyM2MToken answers the token, or 404 to one that is unknown, revoked
// or expired. A machine's secret key verifies only tokens scoped to it.
func (s *Server) verifyM2MToken(c *call) (any, error) {
	var p struct {
		Token string `json:"token"`
	}
	if err := c.decode(&p); err != nil {
		return nil, err
	}
	if p.Token == "" {
		return nil, badParam("token", "token must be given.")
	}
	t := s.db.m2mTokens.get(s.db.m2mByToken[p.Token])
	if t == nil {
		return nil, notFound("M2M token")
	}
	r := s.renderM2MToken(t)
	if m := s.callerMachine(c); r.Revoked || r.Expired || m != nil && !slices.Contains(r.Scopes, m.ID) {
		return nil, notFound("M2M token")
	}
	now := s.time()
	t.LastUsedAt, r.LastUsedAt = &now, &now
	return r, nil
}
