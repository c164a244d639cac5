package apikeys

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/go-clerk/clerk/internal"
)

// M2MTokenService manages machine-to-machine tokens and verifies them
// (clerk.Client.M2MTokens). It is safe for concurrent use.
type M2MTokenService internal.Service

func (s *M2MTokenService) core() *internal.Client { return (*internal.Service)(s).Client() }

// verify is the service's verifier.
func (s *M2MTokenService) verify() *verifier[M2MToken] {
	return verifierOf[M2MToken]((*internal.Service)(s))
}

// TokenFormat is the format of a new M2M token.
type TokenFormat string

// Token formats.
const (
	// TokenFormatOpaque is Clerk's default: an mt_… string verified by the
	// API, listable and revocable.
	TokenFormatOpaque TokenFormat = "opaque"
	// TokenFormatJWT is a signed JWT; it is not stored, listed or revocable.
	TokenFormatJWT TokenFormat = "jwt"
)

// M2MToken is a machine-to-machine token as Clerk returns it. Token is
// filled only by Create, and is a Secret: fmt, log/slog and encoding/json
// show it as "[redacted]" however the token is nested; Token.Reveal gives
// it.
type M2MToken struct {
	// Object is "machine_to_machine_token".
	Object string `json:"object"`
	// ID is the token's ID (mt_ and 32 hex digits), not the token itself.
	ID string `json:"id"`
	// Subject is the mch_ ID of the machine the token was issued to.
	Subject string `json:"subject"`
	// Claims are the token's custom claims, empty when it has none.
	Claims Claims `json:"claims"`
	// Scopes are the mch_ IDs of the machines the token may call.
	Scopes []string `json:"scopes"`
	// Token is the bearer token itself, answered only by Create.
	Token Secret `json:"token,omitzero"`
	// Revoked reports a revoked token.
	Revoked bool `json:"revoked"`
	// RevocationReason is the reason given on revocation, "" when none.
	RevocationReason string `json:"revocation_reason"`
	// Expired reports a token past its Expiration.
	Expired bool `json:"expired"`
	// Expiration is when the token expires; nil if it never does.
	Expiration *time.Time `json:"expiration"`
	// LastUsedAt is when the token was last verified; nil if never.
	LastUsedAt *time.Time `json:"last_used_at"`
	// CreatedAt is when the token was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the token last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// SubjectKind returns what owns the token (a machine, for every token the
// API issues today).
func (t *M2MToken) SubjectKind() SubjectKind { return KindOf(t.Subject) }

// MachineID returns the subject when it is a machine, else "".
func (t *M2MToken) MachineID() string { return subjectIf(t.Subject, SubjectMachine) }

// HasScope reports whether the token is scoped to the machine ID.
func (t *M2MToken) HasScope(scope string) bool { return slices.Contains(t.Scopes, scope) }

func (t *M2MToken) fields() tokenFields {
	return tokenFields{&t.Object, &t.ID, &t.Subject, &t.RevocationReason, &t.Revoked, &t.Expired,
		&t.Token, &t.Scopes, nil, &t.Claims, &t.Expiration, &t.LastUsedAt}
}

// CreateM2MTokenParams are the fields of a new M2M token.
//
// MachineSecretKey is required unless the client was built with a machine's
// secret key (clerk.NewMachine, clerk.WithMachineSecretKey), whose key is
// then the default: POST /m2m_tokens accepts only the secret key of the
// machine the token is for, not the instance's secret key. As a per-call
// field it lets one Client (one connection pool, one retry policy) mint
// tokens for any number of machines, each key used for its one call. It is
// sent as the Authorization bearer, never in the body; as a Secret, it
// prints as "[redacted]". Machine.SecretKey and MachineSecretKey.Secret are
// Secrets to pass as they are; NewSecret wraps a key read from elsewhere.
type CreateM2MTokenParams struct {
	// MachineSecretKey is the secret key (ak_…) of the machine that the
	// token is issued to.
	MachineSecretKey Secret `json:"-"`
	// TokenFormat is TokenFormatOpaque (Clerk's default when empty) or
	// TokenFormatJWT.
	TokenFormat TokenFormat `json:"token_format,omitempty"`
	// SecondsUntilExpiration defaults to the machine's default token TTL.
	SecondsUntilExpiration *int64 `json:"seconds_until_expiration,omitempty"`
	// Claims are custom claims: any value that marshals to JSON.
	Claims any `json:"claims,omitempty"`
	// MinRemainingTTLSeconds lets Clerk answer an existing opaque token with
	// the same claims and scopes that has at least this many seconds left,
	// instead of minting one. It must be less than the token's lifetime.
	MinRemainingTTLSeconds *int64 `json:"min_remaining_ttl_seconds,omitempty"`
}

// Create mints an M2M token for the machine whose secret key the params
// carry or, when they carry none (params may then be nil), for the machine
// whose secret key the client was built with (clerk.NewMachine,
// clerk.WithMachineSecretKey). Without either, the request goes with the
// client's instance secret key, as Clerk's JS SDK sends it, and Clerk
// answers whether that key may mint (the endpoint documents a machine
// secret key). The answer is the only one that carries the Token. The
// machine key never appears in a returned error. Clerk API:
// POST /m2m_tokens (201).
func (s *M2MTokenService) Create(ctx context.Context, params *CreateM2MTokenParams) (*M2MToken, error) {
	params = internal.OrEmpty(params) // the endpoint wants a body
	key := params.MachineSecretKey.Reveal()
	if key == "" {
		key = s.machineKey() // "" sends the client's own key
	}
	if strings.ContainsFunc(key, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return nil, fmt.Errorf("%w: the machine's secret key has white space or control characters", internal.ErrInvalidParams)
	}
	t, err := internal.Send[M2MToken](ctx, s.core(), &internal.Request{
		Method: http.MethodPost,
		Path:   "/m2m_tokens",
		Body:   params,
		Bearer: key,
	})
	if err != nil {
		return nil, redactErr(err, key)
	}
	return t, nil
}

// machineKey returns the secret key a client built with a machine's key
// (clerk.NewMachine, clerk.WithMachineSecretKey) authenticates its M2M-token
// calls with: the key of the service's transport core, when it is no
// instance key (sk_...). "" otherwise.
func (s *M2MTokenService) machineKey() string {
	if k := s.core().SecretKey(); strings.HasPrefix(k, "ak_") {
		return k
	}
	return ""
}

// ListM2MTokensParams filter and page the tokens of a machine.
type ListM2MTokensParams struct {
	// Subject is required: the mch_ ID of the machine whose tokens to list.
	Subject string `url:"subject"`
	// Revoked lists revoked tokens (Clerk's default is false).
	Revoked *bool `url:"revoked"`
	// Expired lists expired tokens (Clerk's default is false).
	Expired *bool `url:"expired"`
	// Limit is the page size, 1 to 100 (Clerk's default is 10).
	Limit *int `url:"limit"`
	// Offset skips that many tokens.
	Offset *int `url:"offset"`
}

// List returns one page of a machine's opaque M2M tokens (JWT tokens are
// not stored). The API answers them under "m2m_tokens"; the page has them in
// Data. Clerk API: GET /m2m_tokens.
func (s *M2MTokenService) List(ctx context.Context, params *ListM2MTokensParams) (*Page[M2MToken], error) {
	if params == nil {
		return nil, internal.NoParams("M2MTokens.List")
	}
	if err := internal.Required("subject", params.Subject); err != nil {
		return nil, err
	}
	if err := checkPaging(params.Limit, params.Offset, maxListLimit); err != nil {
		return nil, err
	}
	return internal.ListAt[M2MToken](ctx, s.core(), "m2m_tokens", "/m2m_tokens", params)
}

// All iterates over all of a machine's opaque M2M tokens, fetching pages of
// the caller's Limit (else 100) lazily, from the caller's Offset. It yields
// an error once and stops. Tokens revoked inside the loop (which leave the
// list) make it skip none. Clerk API: GET /m2m_tokens.
func (s *M2MTokenService) All(ctx context.Context, params *ListM2MTokensParams) iter.Seq2[*M2MToken, error] {
	return internal.All(ctx, params, paging(maxListLimit, func(t *M2MToken) string { return t.ID }), s.List)
}

// Revoke revokes an opaque M2M token; params may be nil. Cached
// verifications of the token in this service are dropped at once; other
// processes keep accepting it until their cache entries expire. Clerk API:
// POST /m2m_tokens/{m2m_token_id}/revoke.
func (s *M2MTokenService) Revoke(ctx context.Context, id string, params *RevokeParams) (*M2MToken, error) {
	defer s.forget(id)
	return internal.Call[M2MToken](ctx, s.core(), http.MethodPost, "/m2m_tokens/{m2m_token_id}/revoke", internal.OrEmpty(params), id)
}

// forget drops the cached verifications of token id, after a call that
// changed it (a call refused locally for its ID changed nothing).
func (s *M2MTokenService) forget(id string) {
	if internal.CheckID("m2m_token_id", id) != nil {
		return
	}
	s.verify().forget(func(t *M2MToken) bool { return t.ID == id })
}

// Verify checks an M2M token (mt_…) with the instance's secret key and
// returns what Clerk knows of it. Failures caused by the token match
// ErrInvalidToken, as for Service.Verify (a 404 also matches
// clerk.ErrNotFound); an answer that is no well-formed verification matches
// clerk.ErrInvalidResponse instead. Successes are cached under the SHA-256
// of the token for a few seconds, never past the token's expiration;
// failures are not. Concurrent calls with the same token share one request.
// The token never appears in a returned error. Clerk API:
// POST /m2m_tokens/verify.
func (s *M2MTokenService) Verify(ctx context.Context, token string) (*M2MToken, error) {
	if err := checkToken(m2mVerify.kind, token); err != nil {
		return nil, err
	}
	return s.verify().verify(ctx, token, func(ctx context.Context) (*M2MToken, error) {
		body := struct {
			Token string `json:"token"`
		}{token}
		return verifyAt[M2MToken](ctx, s.core(), m2mVerify, body, token)
	})
}
