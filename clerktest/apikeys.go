package clerktest

import (
	"encoding/json"
	"net/http"
	"regexp"
	"time"

	"github.com/go-clerk/clerk/apikeys"
	"github.com/go-clerk/clerk/internal"
)

// API keys: /api_keys. The spec's API-key operations answer 400 where the
// rest of the API answers 422, and 404 to a secret that does not verify.

const maxAPIKeysLimit = 100

var (
	apiKeySubject = regexp.MustCompile(`^(user|org|mch|scim)_\w{27}$`)
	apiKeyCreator = regexp.MustCompile(`^user_\w{27}$`)
)

func (s *Server) apiKeyRoutes() {
	s.handle("POST /api_keys", s.createAPIKey)
	s.handle("GET /api_keys", s.listAPIKeys)
	s.handle("POST /api_keys/verify", s.verifyAPIKey)
	s.handle("GET /api_keys/{apiKeyID}", s.getAPIKey)
	s.handle("PATCH /api_keys/{apiKeyID}", s.updateAPIKey)
	s.handle("DELETE /api_keys/{apiKeyID}", s.deleteAPIKey)
	s.handle("GET /api_keys/{apiKeyID}/secret", s.getAPIKeySecret)
	s.handle("POST /api_keys/{apiKeyID}/revoke", s.revokeAPIKey)
}

// badParam is the API-key and M2M operations' 400 about a parameter.
func badParam(param, long string) *apiError {
	return &apiError{status: http.StatusBadRequest, code: "form_param_value_invalid", msg: "is invalid", long: long, param: param}
}

func (s *Server) apiKey(id string) (*apikeys.APIKey, error) {
	if k := s.db.apiKeys.get(id); k != nil {
		return k, nil
	}
	return nil, notFound("API key")
}

// renderAPIKey is a key as it is now: expired once past its expiration,
// without its secret.
func (s *Server) renderAPIKey(k *apikeys.APIKey) *apikeys.APIKey {
	out := *k
	out.Expired = k.Expiration != nil && !s.time().Before(*k.Expiration)
	out.Secret = internal.Secret{}
	return &out
}

// apiKeyAnswer is a key as answered: created_by is null when no user
// created it (the model's "" does not match the spec's ^user_\w{27}$).
type apiKeyAnswer struct {
	apikeys.APIKey
	CreatedBy *string `json:"created_by"`
}

func answerAPIKey(k *apikeys.APIKey) *apiKeyAnswer {
	a := &apiKeyAnswer{APIKey: *k}
	if k.CreatedBy != "" {
		a.CreatedBy = &a.APIKey.CreatedBy
	}
	return a
}

func answerAPIKeys(ks []*apikeys.APIKey) []*apiKeyAnswer {
	out := make([]*apiKeyAnswer, len(ks))
	for i, k := range ks {
		out[i] = answerAPIKey(k)
	}
	return out
}

// claimsOf encodes the claims a request sent; nil stays nil (JSON null).
func claimsOf(v any) (apikeys.Claims, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	return apikeys.Claims(b), err
}

// expiration is now plus a number of seconds, which must be positive; nil
// for nil.
func (s *Server) expiration(param string, seconds *int64) (*time.Time, error) {
	if seconds == nil {
		return nil, nil
	}
	if *seconds <= 0 {
		return nil, badParam(param, param+" must be positive.")
	}
	t := s.time().Add(time.Duration(*seconds) * time.Second)
	return &t, nil
}

func (s *Server) createAPIKey(c *call) (any, error) {
	var p apikeys.CreateParams
	if err := c.decode(&p); err != nil {
		return nil, err
	}
	k := &apikeys.APIKey{Name: p.Name, Subject: p.Subject, Type: derefOr(p.Type, "api_key"),
		Description: deref(p.Description), Scopes: p.Scopes, CreatedBy: deref(p.CreatedBy)}
	var err error
	if k.Claims, err = claimsOf(p.Claims); err != nil {
		return nil, err
	}
	if k.Expiration, err = s.expiration("seconds_until_expiration", p.SecondsUntilExpiration); err != nil {
		return nil, err
	}
	secret, err := s.insertAPIKey(k)
	if err != nil {
		return nil, err
	}
	out := s.renderAPIKey(k)
	out.Secret = internal.NewSecret(secret) // the one answer that carries it
	return answerAPIKey(out), nil
}

// insertAPIKey checks and stores a new key, returning its secret. The
// API's create and AddAPIKey share it.
func (s *Server) insertAPIKey(k *apikeys.APIKey) (string, error) {
	switch {
	case len(k.Name) < 3:
		return "", badParam("name", "name must have at least 3 characters.")
	case !apiKeySubject.MatchString(k.Subject):
		return "", badParam("subject", "subject must be the ID of a user, organization or machine.")
	case k.CreatedBy != "" && !apiKeyCreator.MatchString(k.CreatedBy):
		return "", badParam("created_by", "created_by must be the ID of a user.")
	case len(k.Type) < 3 || len(k.Type) > 25:
		return "", badParam("type", "type must have 3 to 25 characters.")
	case len(k.Description) > 255:
		return "", badParam("description", "description must have at most 255 characters.")
	}
	now := s.time()
	k.Object = "api_key"
	if k.ID == "" {
		k.ID = s.db.hexID("ak")
	}
	if k.Scopes == nil {
		k.Scopes = []string{}
	}
	if k.CreatedAt.IsZero() {
		k.CreatedAt = now
	}
	if k.UpdatedAt.IsZero() {
		k.UpdatedAt = k.CreatedAt
	}
	secret := k.Secret.Reveal()
	if secret == "" {
		secret = "ak_" + randomHex(24)
	}
	k.Secret = internal.Secret{}
	s.db.apiKeys.add(k.ID, k)
	s.db.apiKeyBySecret[secret] = k.ID
	s.db.apiKeySecret[k.ID] = secret
	return secret, nil
}

func (s *Server) getAPIKey(c *call) (any, error) {
	k, err := s.apiKey(c.path("apiKeyID"))
	if err != nil {
		return nil, err
	}
	return answerAPIKey(s.renderAPIKey(k)), nil
}

// listAPIKeys answers a subject's keys, newest first: valid ones only
// unless include_invalid is "true".
func (s *Server) listAPIKeys(c *call) (any, error) {
	subject := c.str("subject")
	if subject == "" {
		return nil, badParam("subject", "subject must be given.")
	}
	limit, offset, err := c.paging(maxAPIKeysLimit)
	if err != nil {
		return nil, err
	}
	typ, query := c.str("type"), c.str("query")
	if typ == "" {
		typ = "api_key"
	}
	invalidToo := c.str("include_invalid") == "true"
	var all []*apikeys.APIKey
	for _, k := range s.db.apiKeys.all() {
		r := s.renderAPIKey(k)
		if r.Subject == subject && r.Type == typ && (query == "" || contains(r.Name, query)) &&
			(invalidToo || !r.Revoked && !r.Expired) {
			all = append(all, r)
		}
	}
	if err := sortBy(all, "", "-created_at", orderings[*apikeys.APIKey]{
		"created_at": func(a, b *apikeys.APIKey) int { return a.CreatedAt.Compare(b.CreatedAt) },
	}); err != nil {
		return nil, err
	}
	return pageOf(answerAPIKeys(all), limit, offset), nil
}

func (s *Server) updateAPIKey(c *call) (any, error) {
	k, err := s.apiKey(c.path("apiKeyID"))
	if err != nil {
		return nil, err
	}
	var p apikeys.UpdateParams
	if err := c.decode(&p); err != nil {
		return nil, err
	}
	next := *k
	if p.Claims != nil {
		if next.Claims, err = claimsOf(p.Claims); err != nil {
			return nil, err
		}
	}
	if p.Scopes != nil {
		next.Scopes = p.Scopes
	}
	set(&next.Description, p.Description)
	set(&next.Subject, p.Subject)
	if p.SecondsUntilExpiration != nil {
		if next.Expiration, err = s.expiration("seconds_until_expiration", p.SecondsUntilExpiration); err != nil {
			return nil, err
		}
	}
	if !apiKeySubject.MatchString(next.Subject) {
		return nil, badParam("subject", "subject must be the ID of a user, organization or machine.")
	}
	if len(next.Description) > 255 {
		return nil, badParam("description", "description must have at most 255 characters.")
	}
	next.UpdatedAt = s.time()
	*k = next
	return answerAPIKey(s.renderAPIKey(k)), nil
}

func (s *Server) deleteAPIKey(c *call) (any, error) {
	k, err := s.apiKey(c.path("apiKeyID"))
	if err != nil {
		return nil, err
	}
	s.db.apiKeys.remove(k.ID)
	delete(s.db.apiKeyBySecret, s.db.apiKeySecret[k.ID])
	delete(s.db.apiKeySecret, k.ID)
	return internal.DeletedObject{Object: "api_key", ID: k.ID, Deleted: true}, nil
}

func (s *Server) getAPIKeySecret(c *call) (any, error) {
	k, err := s.apiKey(c.path("apiKeyID"))
	if err != nil {
		return nil, err
	}
	return map[string]string{"secret": s.db.apiKeySecret[k.ID]}, nil
}

func (s *Server) revokeAPIKey(c *call) (any, error) {
	k, err := s.apiKey(c.path("apiKeyID"))
	if err != nil {
		return nil, err
	}
	var p apikeys.RevokeParams
	if err := c.decode(&p); err != nil {
		return nil, err
	}
	k.Revoked, k.RevocationReason, k.UpdatedAt = true, deref(p.RevocationReason), s.time()
	return answerAPIKey(s.renderAPIKey(k)), nil
}

// verifyAPIKey answers the key of a secret, or 404 to a secret that is
// unknown, revoked or expired: Clerk's JS SDK takes any 200 as valid.
func (s *Server) verifyAPIKey(c *call) (any, error) {
	var p struct {
		Secret string `json:"secret"`
	}
	if err := c.decode(&p); err != nil {
		return nil, err
	}
	if p.Secret == "" {
		return nil, badParam("secret", "secret must be given.")
	}
	k := s.db.apiKeys.get(s.db.apiKeyBySecret[p.Secret])
	if k == nil {
		return nil, notFound("API key")
	}
	r := s.renderAPIKey(k)
	if r.Revoked || r.Expired {
		return nil, notFound("API key")
	}
	now := s.time()
	k.LastUsedAt = &now
	r.LastUsedAt = &now
	return answerAPIKey(r), nil
}
