package clerkjs_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/jwt"
)

// jsResult is oracle.mjs's answer for one case.
type jsResult struct {
	ID          string     `json:"id"`
	VerifyToken *jsOutcome `json:"verifyToken"` // verify cases: verifyToken's own answer
	Builder     *jsOutcome `json:"builder"`     // set when the auth-object builder threw
	Verdict     jsVerdict  `json:"verdict"`     // authenticateRequest, then toAuth()
	Auth        *jsAuth    `json:"auth"`
	Has         *jsHas     `json:"has"`
	Network     []string   `json:"network"`
	// SignInRedirect is createRedirect's redirectToSignIn URL, for browser
	// cases that ask.
	SignInRedirect string `json:"signInRedirect"`
	OracleError    string `json:"oracleError"`
}

type jsOutcome struct {
	OK      bool   `json:"ok"`
	Reason  string `json:"reason"`
	Message string `json:"message"`
}

type jsVerdict struct {
	OK        bool              `json:"ok"`
	Status    string            `json:"status"` // signed-in, signed-out or handshake
	Reason    string            `json:"reason"`
	Message   string            `json:"message"`
	TokenType string            `json:"tokenType"`
	Headers   map[string]string `json:"headers"` // what Clerk would answer with (Location, Set-Cookie, x-clerk-auth-*)
	// SetCookies are the Set-Cookie headers, each apart.
	SetCookies []string `json:"setCookies"`
}

// jsAuth is the auth object as JS exposes it; null reads as "".
type jsAuth struct {
	IsAuthenticated       bool           `json:"isAuthenticated"`
	TokenType             string         `json:"tokenType"`
	UserID                string         `json:"userId"`
	SessionID             string         `json:"sessionId"`
	SessionStatus         string         `json:"sessionStatus"`
	OrgID                 string         `json:"orgId"`
	OrgRole               string         `json:"orgRole"`
	OrgSlug               string         `json:"orgSlug"`
	OrgPermissions        []string       `json:"orgPermissions"`
	FactorVerificationAge []int          `json:"factorVerificationAge"`
	Actor                 map[string]any `json:"actor"`
	Subject               string         `json:"subject"`
	Scopes                []string       `json:"scopes"`
	MachineID             string         `json:"machineId"`
	ID                    string         `json:"id"`
	ClientID              string         `json:"clientId"`
	Claims                map[string]any `json:"claims"`
	Fea                   string         `json:"fea"`
	Pla                   string         `json:"pla"`
}

// jsHas holds has()'s answers in the order of the case's queries: true,
// false, or "threw: ..." when has() threw.
type jsHas struct {
	Permission []any `json:"permission"`
	Role       []any `json:"role"`
	Feature    []any `json:"feature"`
	Plan       []any `json:"plan"`
}

// goResult is the Go SDK's answer for one case.
type goResult struct {
	err   error
	class string
	auth  *clerk.Auth
	has   [4][]bool // permission, role, feature, plan: the case's queries in order
	// Browser cases: Authenticate's state, RequireAuth's sign-in redirect.
	state  *clerk.RequestState
	signIn string
}

// intentional is a documented difference between the SDKs: Go's answer is
// accepted when it is JS's, or when Holds says it is the documented one.
type intentional struct {
	Name  string
	Why   string
	Holds func(js *jsResult, g *goResult) bool
}

var (
	feaWithoutColon = &intentional{
		Name: "fea-no-colon",
		Why: "shared/reference/clerk-backend-api.md (Decoding organization permissions): a fea entry without a colon " +
			"grants no organization permission and no feature; JS's auth-object builder throws instead (a signed-out request)",
		Holds: func(js *jsResult, g *goResult) bool {
			return js.Verdict.Reason == "auth-object-threw" && g.err == nil &&
				len(g.auth.OrgPermissions) == 0 && !slices.Contains(g.has[0], true) && !slices.Contains(g.has[2], true)
		},
	}
	goChecksIssuerShape = &intentional{
		Name: "iss-shape",
		Why: "jwt.WithIssuer's documentation (isClerkIssuer): with no issuer configured Go still requires one of Clerk's Frontend API URL shapes; " +
			"JS checks iss only against a configured issuer",
		Holds: func(js *jsResult, g *goResult) bool { return js.Verdict.OK && errors.Is(g.err, jwt.ErrInvalidIssuer) },
	}
	// goChecksIssuerShapeInCookie is iss-shape for a browser case: JS signs
	// the request in with the cookie's token, Go chose the same cookie and
	// refuses its token for its issuer.
	goChecksIssuerShapeInCookie = &intentional{
		Name: goChecksIssuerShape.Name,
		Why:  goChecksIssuerShape.Why,
		Holds: func(js *jsResult, g *goResult) bool {
			return js.Verdict.Status == "signed-in" && g.state != nil && errors.Is(g.state.Err, jwt.ErrInvalidIssuer)
		},
	}
	goBearerAnyCase = &intentional{
		Name: "bearer-any-case",
		Why: "clerk.TokenFromRequest: the Bearer scheme's name is read in any case, as RFC 9110 (11.1) has " +
			"authentication schemes; JS strips only \"Bearer \" and reads \"bearer x\" as no token (signed out)",
		Holds: func(js *jsResult, g *goResult) bool { return !js.Verdict.OK && g.err == nil },
	}
	goReadsVerifyFlags = &intentional{
		Name: "verify-answer-flags",
		Why: "issue 9 (item 2) and the spec's verify answers: a verification succeeds only when it says the token is " +
			"neither revoked nor expired; Go refuses a 200 with revoked: true (ErrInvalidToken), JS does not read the flags",
		Holds: goRefusesWhatJSAccepts,
	}
	goRefusesInactive = &intentional{
		Name: "oauth-inactive",
		Why: "the spec's POST /oauth_applications/access_tokens/verify answers {\"active\": false} for a token that is " +
			"not active; Go refuses it (ErrInvalidToken), JS reads it as a token and signs the request in with no subject",
		Holds: goRefusesWhatJSAccepts,
	}
	goRequiresSubAndSid = &intentional{
		Name: "sub-sid-required",
		Why: "jwt.ErrTokenMalformed's documentation: Go refuses a session token without sub or sid; " +
			"JS requires only that sub is a string",
		Holds: func(js *jsResult, g *goResult) bool { return js.Verdict.OK && errors.Is(g.err, jwt.ErrTokenMalformed) },
	}
)

// goRefusesWhatJSAccepts holds when JS signs in a request that Go refuses
// as the token's fault.
func goRefusesWhatJSAccepts(js *jsResult, g *goResult) bool {
	return js.Verdict.OK && errors.Is(g.err, clerk.ErrInvalidToken)
}

// outcome is the comparison of one case.
type outcome struct {
	categories []string
	lines      []string
	intent     *intentional
}

func (o *outcome) add(category, format string, args ...any) {
	if !slices.Contains(o.categories, category) {
		o.categories = append(o.categories, category)
	}
	o.lines = append(o.lines, fmt.Sprintf(format, args...))
}

// compare compares the two answers for tc.
func compare(tc *tokenCase, js *jsResult, g *goResult) outcome {
	if tc.Browser != nil {
		return compareBrowser(tc, js, g)
	}
	var o outcome
	if js.OracleError != "" {
		o.add("oracle", "the oracle failed: %s", js.OracleError)
		return o
	}
	if tc.Intent != nil && tc.Intent.Holds(js, g) {
		o.intent = tc.Intent
		return o
	}
	jsOK, goOK := js.Verdict.OK, g.err == nil
	switch {
	case jsOK != goOK:
		cat := tc.Category
		if cat == "" && !jsOK {
			cat = jsClass(tc, js)
		}
		if cat == "" {
			cat = g.class
		}
		if cat == "" {
			cat = "refusal:" + js.Verdict.Reason
		}
		o.add(cat, "accepted: JS %v, Go %v", jsOK, goOK)
	case !jsOK:
		if jc := jsClass(tc, js); !compatible(tc, jc, g.class) {
			o.add("reason", "refused for different reasons: JS %s (%s), Go %s (%v)", jc, js.Verdict.Reason, g.class, g.err)
		}
	default:
		compareAuth(&o, tc, js, g)
	}
	if tc.Intent != nil && len(o.lines) > 0 {
		o.lines = append(o.lines, "nor is Go's answer the documented difference "+tc.Intent.Name+": "+tc.Intent.Why)
	}
	return o
}

// jsClass maps JS's refusal to a coarse class shared with goClass; "" when
// no mapping is meaningful.
func jsClass(tc *tokenCase, js *jsResult) string {
	if c := machineClass(js); c != "" {
		return c
	}
	switch r, msg := js.Verdict.Reason, js.Verdict.Message; r {
	case "token-expired":
		return "expired"
	case "token-not-active-yet", "token-iat-in-the-future":
		return "not-yet-valid"
	case "token-invalid-authorized-parties":
		return "azp"
	case "token-invalid-issuer":
		return "issuer"
	case "token-invalid-signature":
		return "signature"
	case "token-invalid-algorithm":
		return "alg"
	case "token-verification-failed":
		return "malformed"
	case "session-pending":
		return "pending"
	case "auth-object-threw":
		return "fea-no-colon"
	case "token-type-mismatch":
		return tokenClass(tc)
	case "token-invalid":
		switch {
		case strings.Contains(msg, "JWT type"):
			return "typ"
		case strings.Contains(msg, "category"):
			return "cat"
		}
		return "malformed"
	case "session-token-and-uat-missing", "No token in header":
		return "no-token"
	case "session-token-nbf", "session-token-iat-in-the-future":
		// authenticateRequest's names for the time failures it could
		// have answered with a handshake.
		return "not-yet-valid"
	}
	if strings.HasPrefix(js.Verdict.Reason, "session-token-expired") {
		return "expired"
	}
	return ""
}

// machineClass classifies the refusal of a machine token, whose reason is
// one of few codes (token-verification-failed, token-invalid) and whose
// message says the rest; "" for a session token's refusal.
func machineClass(js *jsResult) string {
	if t := js.Verdict.TokenType; t != "m2m_token" && t != "oauth_token" && t != "api_key" {
		return ""
	}
	r, msg := js.Verdict.Reason, js.Verdict.Message
	if r != "token-verification-failed" && r != "token-invalid" {
		return ""
	}
	for _, m := range []struct{ part, class string }{
		{"expired", "expired"},
		{"signature", "signature"},
		{"not before", "not-yet-valid"},
		{"issued at", "not-yet-valid"},
		{"audience", "audience"},
		{"algorithm", "alg"},
		{"JWT type", "typ"},
		{"category", "cat"},
	} {
		if strings.Contains(msg, m.part) {
			return m.class
		}
	}
	return "malformed"
}

// tokenClass says why a token is not a session token: its typ, its
// machine subject or its category.
func tokenClass(tc *tokenCase) string {
	typ, _ := tc.Header["typ"].(string)
	sub, _ := tc.Claims["sub"].(string)
	cat, hasCat := tc.Header["cat"].(string)
	switch {
	case typ == "at+jwt" || typ == "application/at+jwt":
		return "typ"
	case strings.HasPrefix(sub, "mch_"):
		return "m2m-subject"
	case hasCat && cat != catSession && cat != catIgnore:
		return "cat"
	}
	return "token-type"
}

// goClass maps a Go error to the classes of jsClass.
func goClass(err error) string {
	for _, c := range []struct {
		sentinel error
		class    string
	}{
		{jwt.ErrTokenExpired, "expired"},
		{jwt.ErrTokenNotValidYet, "not-yet-valid"},
		{jwt.ErrInvalidAuthorizedParty, "azp"},
		{jwt.ErrInvalidIssuer, "issuer"},
		{jwt.ErrSessionPending, "pending"},
		{jwt.ErrInvalidAudience, "audience"},
		{jwt.ErrTokenSignatureInvalid, "signature"},
		{jwt.ErrUnsupportedAlgorithm, "alg"},
		{jwt.ErrTokenMalformed, "malformed"},
		{clerk.ErrNoToken, "no-token"},
		{clerk.ErrInvalidToken, "invalid-token"},
	} {
		if errors.Is(err, c.sentinel) {
			return c.class
		}
	}
	if err != nil {
		return "not-the-token" // Go says the token was not at fault
	}
	return ""
}

// compatible reports whether two refusal classes say the same thing
// coarsely. Go has no sentinel for a token of another class (typ, cat, an
// M2M JWT): any ErrInvalidToken refusal will do there. A token built with
// several defects may be refused for any of them.
func compatible(tc *tokenCase, jc, gc string) bool {
	switch {
	case jc == "" || jc == gc || slices.Contains(tc.Defects, gc):
		return true
	case slices.Contains([]string{"typ", "cat", "m2m-subject", "token-type"}, jc):
		return gc == "invalid-token" || gc == "malformed"
	case jc == "malformed" || jc == "no-token":
		return gc == "invalid-token" || gc == "malformed" || gc == "no-token"
	}
	return false
}

// compareAuth compares what an accepted token says.
func compareAuth(o *outcome, tc *tokenCase, js *jsResult, g *goResult) {
	ja, a := js.Auth, g.auth
	if ja == nil {
		o.add("oracle", "JS accepted without an auth object")
		return
	}
	field := func(category, name string, jv, gv any) {
		if !reflect.DeepEqual(jv, gv) {
			o.add(category, "%s: JS %s, Go %s", name, show(jv), show(gv))
		}
	}
	field("token-type", "tokenType", ja.TokenType, string(a.TokenType))
	switch a.TokenType {
	case clerk.SessionToken:
		field("session", "userId", ja.UserID, a.UserID)
		field("session", "sessionId", ja.SessionID, a.SessionID)
		field("session", "sessionStatus", ja.SessionStatus, a.Claims.Status)
		field("org", "orgId", ja.OrgID, a.OrgID)
		field("org", "orgSlug", ja.OrgSlug, a.OrgSlug)
		field("roles", "orgRole", ja.OrgRole, a.OrgRole)
		field("permissions", "orgPermissions", sorted(ja.OrgPermissions), sorted(a.OrgPermissions))
		field("claims-other", "factorVerificationAge", ints(ja.FactorVerificationAge), ints(a.Claims.FactorVerificationAge))
		field("claims-other", "actor", jsActor(ja.Actor), goActor(a.Claims.Actor))
		if js.Has == nil {
			o.add("oracle", "JS accepted without has() answers")
			return
		}
		for i, kind := range []struct {
			category, name string
			queries        []string
			answers        []any
		}{
			{"permissions", "permission", tc.Queries.Permissions, js.Has.Permission},
			{"roles", "role", tc.Queries.Roles, js.Has.Role},
			{"features", "feature", tc.Queries.Features, js.Has.Feature},
			{"plans", "plan", tc.Queries.Plans, js.Has.Plan},
		} {
			if len(kind.answers) != len(kind.queries) {
				o.add("oracle", "JS answered %d of %d %s queries", len(kind.answers), len(kind.queries), kind.name)
				continue
			}
			for j, q := range kind.queries {
				if jv, gv := fmt.Sprint(kind.answers[j]), strconv.FormatBool(g.has[i][j]); jv != gv {
					o.add(kind.category, "has({%s: %q}): JS %s, Go %s", kind.name, q, jv, gv)
				}
			}
		}
	case clerk.APIKeyToken, clerk.M2MToken, clerk.OAuthToken:
		field("machine", "subject", ja.Subject, a.Subject)
		field("machine", "scopes", sorted(ja.Scopes), sorted(a.Scopes))
		switch a.TokenType {
		case clerk.APIKeyToken:
			field("machine", "userId", ja.UserID, a.UserID)
			field("machine", "orgId", ja.OrgID, a.OrgID)
			field("machine", "id", ja.ID, a.APIKey.ID)
		case clerk.M2MToken:
			field("machine", "machineId", ja.MachineID, a.Subject)
			field("machine", "id", ja.ID, a.M2MToken.ID)
			var claims map[string]any
			if err := a.M2MToken.Claims.Decode(&claims); err != nil {
				o.add("machine", "Go's M2M claims do not decode: %v", err)
			}
			field("machine", "claims", ja.Claims, claims)
		case clerk.OAuthToken:
			field("machine", "userId", ja.UserID, a.UserID)
			field("machine", "clientId", ja.ClientID, a.ClientID)
			field("machine", "id", ja.ID, a.OAuthToken.ID)
		}
	}
}

// sorted returns a sorted copy; nil and empty are the same.
func sorted(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return slices.Sorted(slices.Values(s))
}

func ints(s []int) []int {
	if len(s) == 0 {
		return nil
	}
	return s
}

func jsActor(m map[string]any) map[string]string {
	if m == nil {
		return nil
	}
	out := map[string]string{}
	for _, k := range []string{"sub", "iss", "sid"} {
		if v, ok := m[k].(string); ok && v != "" {
			out[k] = v
		}
	}
	return out
}

func goActor(a *jwt.Actor) map[string]string {
	if a == nil {
		return nil
	}
	return jsActor(map[string]any{"sub": a.Subject, "iss": a.Issuer, "sid": a.SessionID})
}

func show(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
