package jwt

import (
	"math"
	"strings"
	"time"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	gojwt "github.com/golang-jwt/jwt/v5"
)

// sessionClaims is what golang-jwt decodes a session token's claims JSON
// into: a flat struct, without maps, from which fill and expand build the
// public [Claims]. It implements golang-jwt's ClaimsValidator: the times for
// its validator, sub and sid required by Validate.
//
// Numeric dates are float64 (RFC 7519 allows fractions, and unlike
// golang-jwt's NumericDate a float64 refuses a date sent as a string); 0
// means absent, which is safe because a zero exp is expired and a zero nbf
// or iat constrains nothing.
type sessionClaims struct {
	Sub string    `json:"sub"`
	Sid string    `json:"sid"`
	Iss string    `json:"iss"`
	Azp string    `json:"azp"`
	Jti string    `json:"jti"`
	Exp float64   `json:"exp"`
	Nbf float64   `json:"nbf"`
	Iat float64   `json:"iat"`
	V   int       `json:"v"`
	Sts string    `json:"sts"`
	Pla string    `json:"pla"`
	Fea string    `json:"fea"`
	Fva []float64 `json:"fva"`
	Act *Actor    `json:"act"`

	// Version 2 organization claims.
	O *wireOrg `json:"o"`

	// Version 1 organization claims.
	OrgID          string   `json:"org_id"`
	OrgSlug        string   `json:"org_slug"`
	OrgRole        string   `json:"org_role"`
	OrgPermissions []string `json:"org_permissions"`

	// What the Get methods return to golang-jwt's validator, kept here so
	// that handing them out allocates nothing.
	exp, nbf, iat gojwt.NumericDate
}

// claimsOptions read claims JSON as JSON.parse reads it in Clerk's JS SDK:
// member names match exactly (encoding/json would let "SUB" set sub), a
// repeated name's last value wins, invalid UTF-8 becomes U+FFFD. The JSON
// v2 library would merge a repeated object into the first (a second "o"
// keeping the first's role); the unmarshalers start each one afresh, so
// the last replaces it, as JSON.parse replaces it.
var claimsOptions = jsonv2.JoinOptions(
	jsontext.AllowDuplicateNames(true),
	jsontext.AllowInvalidUTF8(true),
	jsonv2.WithUnmarshalers(jsonv2.JoinUnmarshalers(
		jsonv2.UnmarshalFromFunc(fresh[wireOrg]),
		jsonv2.UnmarshalFromFunc(fresh[Actor]),
	)),
)

// fresh decodes a JSON object (or null) into a new T rather than into the
// one *p may already hold from an earlier member of the same name.
func fresh[T any](dec *jsontext.Decoder, p **T) error {
	if dec.PeekKind() == 'n' {
		_, err := dec.ReadToken()
		*p = nil
		return err
	}
	v := new(T)
	if err := jsonv2.UnmarshalDecode(dec, v); err != nil {
		return err
	}
	*p = v
	return nil
}

// UnmarshalJSON decodes the claims JSON in one pass with the JSON v2 library
// (encoding/json scans its input twice, which costs more than the rest of a
// verification but the RSA check): golang-jwt's parser and Decode reach it
// through encoding/json, the known-header path directly (decodeClaims).
func (w *sessionClaims) UnmarshalJSON(b []byte) error { return decodeClaims(b, w) }

// decodeClaims decodes claims JSON into w (see claimsOptions).
func decodeClaims(b []byte, w *sessionClaims) error {
	type plain sessionClaims // without UnmarshalJSON
	return jsonv2.Unmarshal(b, (*plain)(w), claimsOptions)
}

type wireOrg struct {
	ID  string `json:"id"`
	Slg string `json:"slg"`
	Rol string `json:"rol"`
	Per string `json:"per"`
	Fpm string `json:"fpm"`
}

// GetExpirationTime returns exp for golang-jwt's validator; nil when absent.
func (w *sessionClaims) GetExpirationTime() (*gojwt.NumericDate, error) {
	return numericDate(&w.exp, "exp", w.Exp)
}

// GetNotBefore returns nbf for golang-jwt's validator; nil when absent.
func (w *sessionClaims) GetNotBefore() (*gojwt.NumericDate, error) {
	return numericDate(&w.nbf, "nbf", w.Nbf)
}

// GetIssuedAt returns iat for golang-jwt's validator; nil when absent.
func (w *sessionClaims) GetIssuedAt() (*gojwt.NumericDate, error) {
	return numericDate(&w.iat, "iat", w.Iat)
}

// dates returns exp, nbf and iat for claimsError's messages.
func (w *sessionClaims) dates() (exp, nbf, iat float64) { return w.Exp, w.Nbf, w.Iat }

// GetIssuer returns iss. The verifier checks it itself, against a fixed
// issuer or Clerk's issuer shapes.
func (w *sessionClaims) GetIssuer() (string, error) { return w.Iss, nil }

// GetSubject returns sub.
func (w *sessionClaims) GetSubject() (string, error) { return w.Sub, nil }

// GetAudience returns nothing: session tokens carry azp, not aud.
func (w *sessionClaims) GetAudience() (gojwt.ClaimStrings, error) { return nil, nil }

// machineSubjectPrefix starts the subject of an M2M token: a machine ID.
const machineSubjectPrefix = "mch_"

// Validate requires the claims every session token carries besides exp
// (which the parser requires): sub and sid; and refuses a subject that is a
// machine (mch_...), which makes the token an M2M JWT, as Clerk's JS SDK
// refuses it where a session token is expected. golang-jwt calls it only
// once the signature is known good.
func (w *sessionClaims) Validate() error {
	switch {
	case w.Sub == "":
		return errorf(ErrTokenMalformed, "claim sub is missing")
	case strings.HasPrefix(w.Sub, machineSubjectPrefix):
		return errorf(ErrInvalidTokenType, "claim sub is a machine ID: an M2M token")
	case w.Sid == "":
		return errorf(ErrTokenMalformed, "claim sid is missing")
	}
	return nil
}

// maxNumericDate bounds exp, nbf and iat to values time.Unix and UnixNano
// handle without overflow (about the year 2262).
const maxNumericDate = 9e9

// numericDate stores the time of a NumericDate claim in dst and returns
// dst, or nil when the claim is absent (0).
func numericDate(dst *gojwt.NumericDate, name string, seconds float64) (*gojwt.NumericDate, error) {
	t, err := unixTime(name, seconds)
	if err != nil || t.IsZero() {
		return nil, err
	}
	dst.Time = t
	return dst, nil
}

// unixTime converts a NumericDate claim (seconds since the epoch, possibly
// fractional) to a time; 0 yields the zero time. A fraction of a second is
// dropped (toward zero), as Clerk's JS SDK drops it (Date's setUTCSeconds
// truncates): an exp of now+0.9 has expired now, there as here.
func unixTime(name string, seconds float64) (time.Time, error) {
	if seconds == 0 {
		return time.Time{}, nil
	}
	if math.IsNaN(seconds) || seconds > maxNumericDate || seconds < -maxNumericDate {
		return time.Time{}, errorf(ErrTokenMalformed, "claim %s is out of range", name)
	}
	return time.Unix(int64(seconds), 0), nil
}

// fill sets the fields of c from w and the claims JSON raw, except those
// that expand sets. FactorVerificationAge, when set, is a slice of ages.
func (w *sessionClaims) fill(raw []byte, c *Claims, ages *[2]int) error {
	var err error
	if c.IssuedAt, err = unixTime("iat", w.Iat); err != nil {
		return err
	}
	if c.ExpiresAt, err = unixTime("exp", w.Exp); err != nil {
		return err
	}
	if c.NotBefore, err = unixTime("nbf", w.Nbf); err != nil {
		return err
	}
	c.UserID = w.Sub
	c.SessionID = w.Sid
	c.Issuer = w.Iss
	c.AuthorizedParty = w.Azp
	c.ID = w.Jti
	c.Version = w.V
	if c.Version == 0 {
		c.Version = 1
	}
	c.Status = w.Sts
	c.Plan = w.Pla
	c.Actor = w.Act
	if factorAges(w.Fva, ages) {
		c.FactorVerificationAge = ages[:]
	}
	if w.V == 2 {
		// Clerk's own SDKs read the "o" object only for version 2; with no
		// "o" there is no active organization, whatever fea holds.
		if w.O != nil {
			c.OrgID = w.O.ID
			c.OrgSlug = w.O.Slg
			if w.O.Rol != "" {
				c.OrgRole = "org:" + w.O.Rol
			}
		}
	} else {
		c.OrgID = w.OrgID
		c.OrgSlug = w.OrgSlug
		c.OrgRole = w.OrgRole
		c.OrgPermissions = w.OrgPermissions[:len(w.OrgPermissions):len(w.OrgPermissions)]
	}
	c.Raw = raw[:len(raw):len(raw)]
	return nil
}

// expand sets Features and, for a version 2 token, OrgPermissions. Verify
// calls it only once the signature is known good: a token of 16 KiB can list
// masks that expand to megabytes of permission strings, which a forged token
// must not make the verifier build.
func (w *sessionClaims) expand(c *Claims) {
	c.Features = splitFeatures(w.Fea)
	if w.V == 2 && w.O != nil {
		c.OrgPermissions = orgPermissions(c.Features, w.O.Per, w.O.Fpm)
	}
}

// maxFactorAge bounds an fva age in minutes (about 1.9 million years): a
// larger one would lose precision as a float64 and is never sent.
const maxFactorAge = 1 << 53

// factorAges stores fva in ages and reports true when it is exactly two
// integers; otherwise (a single age, three ages, a fraction) it reports
// false, so that no malformed claim can read as an age of 0, "just
// verified".
func factorAges(fva []float64, ages *[2]int) bool {
	if len(fva) != 2 {
		return false
	}
	for i, a := range fva {
		if a != math.Trunc(a) || math.Abs(a) > maxFactorAge {
			return false
		}
		ages[i] = int(a)
	}
	return true
}
