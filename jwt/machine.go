package jwt

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	jsonv2 "github.com/go-json-experiment/json"
	gojwt "github.com/golang-jwt/jwt/v5"

	"github.com/go-clerk/clerk/internal"
)

// MachineKind is the kind of a machine JWT: a token that Clerk signs with
// the instance's keys, as it signs session tokens, but that speaks for a
// machine or an OAuth client rather than for a user's session.
type MachineKind string

// Kinds of machine JWTs, named as Clerk names the token types.
const (
	// KindM2M is a machine-to-machine token in JWT format: its subject is a
	// machine ID (mch_...).
	KindM2M MachineKind = "m2m_token"
	// KindOAuth is an OAuth access token in JWT format: its header typ is
	// "at+jwt" or "application/at+jwt" (RFC 9068).
	KindOAuth MachineKind = "oauth_token"
)

// m2mCategory is the header cat of Clerk's M2M JWTs
// (@clerk/backend's JWT_CATEGORY_M2M_TOKEN).
const m2mCategory = "cl_B7d4PD333AAA"

// isOAuthType reports whether a header typ names an OAuth access token.
func isOAuthType(typ any) bool { return typ == "at+jwt" || typ == "application/at+jwt" }

// MachineClaims are the claims of a verified machine JWT: an M2M token or an
// OAuth access token. Fields that the token's kind does not carry are
// empty.
type MachineClaims struct {
	// Kind is KindM2M or KindOAuth.
	Kind MachineKind
	// ID is the token's identifier (jti), "" when it has none.
	ID string
	// Subject is the machine (mch_...) of an M2M token, the user of an OAuth
	// access token (sub).
	Subject string
	// ClientID is the OAuth application the access token was issued to
	// (client_id); "" for M2M tokens.
	ClientID string
	// Scopes are, for an M2M token, its scopes claim split at spaces, else
	// its audience (the machines it may call); for an OAuth access token,
	// its scp claim, else its scope claim split at spaces.
	Scopes []string
	// Audience is the aud claim as a list (a single string is a list of
	// one); nil when the token has none or it is not a string or a list of
	// strings.
	Audience []string
	// Issuer is the iss claim, not checked (Clerk's SDKs do not check it on
	// machine tokens).
	Issuer string
	// IssuedAt is when the token was issued (iat); zero when absent.
	IssuedAt time.Time
	// ExpiresAt is when the token expires (exp); always set.
	ExpiresAt time.Time
	// NotBefore is when the token starts being valid (nbf); zero when absent.
	NotBefore time.Time
	// Custom are an M2M token's custom claims: a JSON object of every claim
	// but iss, sub, exp, nbf, iat and jti (aud and scopes included, as
	// Clerk's SDKs report them); nil when there are none, and for OAuth
	// access tokens.
	Custom json.RawMessage
	// Raw is the token's claims JSON, as signed.
	Raw json.RawMessage
}

// Decode unmarshals the token's claims JSON (Raw) into v.
func (c *MachineClaims) Decode(v any) error {
	if len(c.Raw) == 0 {
		return fmt.Errorf("jwt: claims carry no raw JSON")
	}
	return json.Unmarshal(c.Raw, v)
}

// peeked is what a token says of itself before anything is verified: its
// decoded header and claims, as Clerk's JS SDK decodes them to tell a
// machine JWT from a session token.
type peeked struct {
	header map[string]any
	sub    any
}

// peek decodes a token's header and claims without verifying anything. It
// reports false, as Clerk's JS SDK does, for what is not three non-empty
// base64url segments whose first two are JSON; a header that is not an
// object reads as empty, claims that are not an object as without sub.
func peek(token string) (peeked, bool) {
	if len(token) > MaxTokenSize {
		return peeked{}, false
	}
	h, rest, ok1 := strings.Cut(token, ".")
	c, s, ok2 := strings.Cut(rest, ".")
	if !ok1 || !ok2 || !internal.IsBase64URLSegment(h) || !internal.IsBase64URLSegment(c) || !internal.IsBase64URLSegment(s) {
		return peeked{}, false
	}
	hb, err1 := base64.RawURLEncoding.DecodeString(h)
	cb, err2 := base64.RawURLEncoding.DecodeString(c)
	if err1 != nil || err2 != nil || !json.Valid(hb) || !json.Valid(cb) {
		return peeked{}, false
	}
	// Valid JSON of another shape than an object fails to decode here,
	// and leaves the header empty, the claims without sub.
	// The claims are read as JSON.parse reads them (claimsOptions): "Sub"
	// is not sub, and the last of a repeated sub wins.
	var p peeked
	var claims struct {
		Sub any `json:"sub"`
	}
	_ = json.Unmarshal(hb, &p.header)
	_ = jsonv2.Unmarshal(cb, &claims, claimsOptions)
	p.sub = claims.Sub
	return p, true
}

// kind classifies a peeked token as Clerk's JS SDK does: a string subject
// starting with mch_ makes an M2M token, whatever the header says; else a
// typ of at+jwt or application/at+jwt makes an OAuth access token.
func (p peeked) kind() MachineKind {
	if sub, ok := p.sub.(string); ok && strings.HasPrefix(sub, machineSubjectPrefix) {
		return KindM2M
	}
	if isOAuthType(p.header["typ"]) {
		return KindOAuth
	}
	return ""
}

// MachineKindOf tells, without verifying anything, whether token is a
// machine JWT and of which kind, as Clerk's JS SDK classifies bearer tokens:
// KindM2M for a JWT whose sub is a machine ID (mch_...), else KindOAuth for
// one whose header typ is at+jwt or application/at+jwt, else "" (a session
// token, or no JWT at all). Never use it for authorization: only
// [Verifier.VerifyMachine] says a token is genuine.
func MachineKindOf(token string) MachineKind {
	p, ok := peek(token)
	if !ok {
		return ""
	}
	return p.kind()
}

// machineClaims is what golang-jwt decodes a machine JWT's claims into. It
// implements golang-jwt's ClaimsValidator: the times for its validator, a
// subject required by Validate.
type machineClaims struct {
	Sub      *string   `json:"sub"`
	Iss      string    `json:"iss"`
	Jti      string    `json:"jti"`
	Exp      float64   `json:"exp"`
	Nbf      float64   `json:"nbf"`
	Iat      float64   `json:"iat"`
	Aud      any       `json:"aud"`
	Scopes   *string   `json:"scopes"` // M2M tokens
	Scope    *string   `json:"scope"`  // OAuth access tokens
	Scp      *[]string `json:"scp"`    // OAuth access tokens
	ClientID string    `json:"client_id"`

	kind          MachineKind
	exp, nbf, iat gojwt.NumericDate
}

// UnmarshalJSON decodes the claims JSON as JSON.parse reads it in Clerk's
// JS SDK (claimsOptions): exact member names, the last of a repeated one.
func (w *machineClaims) UnmarshalJSON(b []byte) error {
	type plain machineClaims // without UnmarshalJSON
	return jsonv2.Unmarshal(b, (*plain)(w), claimsOptions)
}

// GetExpirationTime returns exp for golang-jwt's validator; nil when absent.
func (w *machineClaims) GetExpirationTime() (*gojwt.NumericDate, error) {
	return numericDate(&w.exp, "exp", w.Exp)
}

// GetNotBefore returns nbf for golang-jwt's validator; nil when absent.
func (w *machineClaims) GetNotBefore() (*gojwt.NumericDate, error) {
	return numericDate(&w.nbf, "nbf", w.Nbf)
}

// GetIssuedAt returns iat for golang-jwt's validator; nil when absent.
func (w *machineClaims) GetIssuedAt() (*gojwt.NumericDate, error) {
	return numericDate(&w.iat, "iat", w.Iat)
}

// GetIssuer returns iss, which is not checked on machine tokens.
func (w *machineClaims) GetIssuer() (string, error) { return w.Iss, nil }

// GetSubject returns sub.
func (w *machineClaims) GetSubject() (string, error) {
	if w.Sub == nil {
		return "", nil
	}
	return *w.Sub, nil
}

// GetAudience returns nothing: the verifier checks aud itself, by Clerk's
// rules for each kind of token.
func (w *machineClaims) GetAudience() (gojwt.ClaimStrings, error) { return nil, nil }

// Validate requires a subject, and for an M2M token a machine's (the
// classification read it from the same bytes; this holds it to the verified
// claims). golang-jwt calls it only once the signature is known good.
func (w *machineClaims) Validate() error {
	switch {
	case w.Sub == nil || *w.Sub == "":
		return errorf(ErrTokenMalformed, "claim sub is missing")
	case w.kind == KindM2M && !strings.HasPrefix(*w.Sub, machineSubjectPrefix):
		return errorf(ErrInvalidTokenType, "claim sub is not a machine ID")
	}
	return nil
}

// dates returns exp, nbf and iat for claimsError's messages.
func (w *machineClaims) dates() (exp, nbf, iat float64) { return w.Exp, w.Nbf, w.Iat }

// VerifyMachine verifies a machine JWT, an M2M token or an OAuth access
// token in JWT format, against the same keys as [Verifier.Verify] (the same
// key set, fetched once for both), without a network call of its own, and
// returns its claims. It follows Clerk's JS SDK:
//
//   - the token's kind comes from its claims and header as
//     [MachineKindOf] reads them; a token of neither kind fails with
//     [ErrInvalidTokenType];
//   - an M2M token's header cat must be absent or the M2M category
//     (cl_B7d4PD333AAA), and its typ absent or "JWT"; an OAuth access
//     token's typ is at+jwt or application/at+jwt, its cat is not read;
//     otherwise [ErrInvalidTokenType];
//   - then, as for session tokens: RS256 only, the key named by kid, the
//     signature, a sub claim (non-empty) and exp, and exp, nbf and iat with
//     the leeway; each failure with the sentinel [Verifier.Verify] uses;
//   - with [WithAudience], an OAuth access token's aud must be a non-empty
//     string or list of non-empty strings naming one of the audiences, and
//     an M2M token's aud, when it is a string or a list of strings, must
//     name one ([ErrInvalidAudience]).
//
// Issuer, authorized parties and session status are session-token checks
// and do not apply. Verified machine tokens are not cached: each call checks
// the signature. ctx bounds only the wait for a key-set fetch.
func (v *Verifier) VerifyMachine(ctx context.Context, token string) (*MachineClaims, error) {
	if len(token) > MaxTokenSize {
		return nil, errorf(ErrTokenMalformed, "token is %d bytes, over the %d-byte limit", len(token), MaxTokenSize)
	}
	if err := checkLineBreaks(token); err != nil {
		return nil, err
	}
	p, ok := peek(token)
	if !ok {
		return nil, errorf(ErrTokenMalformed, "not a JWT: three base64url segments whose first two are JSON")
	}
	kind := p.kind()
	if err := checkMachineHeader(kind, p.header); err != nil {
		return nil, err
	}
	w := &machineClaims{kind: kind}
	tok, err := v.parser.ParseWithClaims(token, w, func(t *gojwt.Token) (any, error) {
		if err := checkParams(t.Header); err != nil {
			return nil, err
		}
		return v.lookupKey(ctx, t)
	})
	if err != nil {
		return nil, v.parseError(tok, w, err)
	}
	_, rest, _ := strings.Cut(token, ".")
	payloadSeg, _, _ := strings.Cut(rest, ".")
	raw, err := v.segments.DecodeString(payloadSeg)
	if err != nil {
		return nil, errorf(ErrTokenMalformed, "claims segment: %w", err)
	}
	return v.machineClaims(w, raw)
}

// checkMachineHeader checks the header of a token of the given kind, as
// Clerk's JS SDK does before verifying a machine JWT.
func checkMachineHeader(kind MachineKind, h map[string]any) error {
	switch kind {
	case KindM2M:
		if cat, ok := h["cat"]; ok && cat != m2mCategory {
			return errorf(ErrInvalidTokenType, "header cat %s is not the M2M token's", describe(cat))
		}
		if typ, ok := h["typ"]; ok && typ != "JWT" {
			return errorf(ErrInvalidTokenType, "header typ %s, want JWT for an M2M token", describe(typ))
		}
		return nil
	case KindOAuth:
		return nil
	}
	return errorf(ErrInvalidTokenType, "neither an M2M token (sub mch_...) nor an OAuth access token (typ at+jwt)")
}

// machineClaims builds the claims of a verified machine token from the
// decoded claims w and their JSON, and checks the audience.
func (v *Verifier) machineClaims(w *machineClaims, raw []byte) (*MachineClaims, error) {
	c := &MachineClaims{
		Kind:     w.kind,
		ID:       w.Jti,
		Subject:  *w.Sub,
		Issuer:   w.Iss,
		Audience: audienceList(w.Aud),
		Raw:      raw[:len(raw):len(raw)],
	}
	var err error
	if c.IssuedAt, err = unixTime("iat", w.Iat); err != nil {
		return nil, err
	}
	if c.ExpiresAt, err = unixTime("exp", w.Exp); err != nil {
		return nil, err
	}
	if c.NotBefore, err = unixTime("nbf", w.Nbf); err != nil {
		return nil, err
	}
	switch w.kind {
	case KindM2M:
		if err := v.checkAudience(w.Aud); err != nil {
			return nil, err
		}
		switch {
		case w.Scopes != nil:
			c.Scopes = strings.Split(*w.Scopes, " ")
		case c.Audience != nil:
			c.Scopes = slices.Clone(c.Audience)
		}
		if c.Custom, err = customClaims(raw); err != nil {
			return nil, err
		}
	case KindOAuth:
		if err := v.checkOAuthAudience(w.Aud); err != nil {
			return nil, err
		}
		c.ClientID = w.ClientID
		switch {
		case w.Scp != nil:
			c.Scopes = *w.Scp
		case w.Scope != nil:
			c.Scopes = strings.Split(*w.Scope, " ")
		}
	}
	return c, nil
}

// reservedM2MClaims are the claims Clerk adds to every M2M JWT, which its
// SDKs leave out of the token's custom claims.
var reservedM2MClaims = [...]string{"iss", "sub", "exp", "nbf", "iat", "jti"}

// customClaims returns the claims of raw but the reserved ones, as a JSON
// object, or nil when there are none.
func customClaims(raw []byte) (json.RawMessage, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, errorf(ErrTokenMalformed, "claims: %w", err)
	}
	for _, k := range reservedM2MClaims {
		delete(m, k)
	}
	if len(m) == 0 {
		return nil, nil
	}
	b, err := json.Marshal(m)
	if err != nil {
		return nil, errorf(ErrTokenMalformed, "claims: %w", err)
	}
	return b, nil
}

// audienceList returns aud as a list when it is a string or a list of
// strings, else nil.
func audienceList(aud any) []string {
	switch a := aud.(type) {
	case string:
		return []string{a}
	case []any:
		out := make([]string, 0, len(a))
		for _, e := range a {
			s, ok := e.(string)
			if !ok {
				return nil
			}
			out = append(out, s)
		}
		return out
	}
	return nil
}

// checkAudience applies to an M2M token the audience rule Clerk's JS SDK
// applies to every JWT: with audiences configured, an aud that is a
// non-empty string, or a non-empty list of strings, must name one of them;
// an aud that is absent, empty or of another shape is not checked.
func (v *Verifier) checkAudience(aud any) error {
	if len(v.audiences) == 0 {
		return nil
	}
	var list []string
	switch a := aud.(type) {
	case string:
		if a == "" {
			return nil
		}
		list = []string{a}
	case []any:
		list = audienceList(a)
		if len(list) == 0 || !slices.ContainsFunc(list, func(s string) bool { return s != "" }) {
			return nil
		}
	default:
		return nil
	}
	if !slices.ContainsFunc(list, v.isAudience) {
		return errorf(ErrInvalidAudience, "aud %s names none of the audiences", describeAudience(list))
	}
	return nil
}

// checkOAuthAudience applies the audience rule of Clerk's JS SDK for OAuth
// access tokens: with audiences configured, aud must be a non-empty string
// or a non-empty list of non-empty strings, and name one of them.
func (v *Verifier) checkOAuthAudience(aud any) error {
	if len(v.audiences) == 0 {
		return nil
	}
	list := audienceList(aud)
	if len(list) == 0 || slices.Contains(list, "") {
		return errorf(ErrInvalidAudience, "aud must be a non-empty string or list of non-empty strings")
	}
	if !slices.ContainsFunc(list, v.isAudience) {
		return errorf(ErrInvalidAudience, "aud %s names none of the audiences", describeAudience(list))
	}
	return nil
}

// isAudience reports whether aud is one of the configured audiences.
func (v *Verifier) isAudience(aud string) bool { return slices.Contains(v.audiences, aud) }

// describeAudience quotes an audience list for an error message, cut short.
func describeAudience(list []string) string {
	const maxShown = 4
	q := make([]string, 0, min(len(list), maxShown))
	for _, s := range list[:min(len(list), maxShown)] {
		q = append(q, quote(s))
	}
	s := "[" + strings.Join(q, ", ")
	if len(list) > maxShown {
		s += ", ..."
	}
	return s + "]"
}
