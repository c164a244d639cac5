package clerkjs_test

import (
	"bytes"
	"cmp"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/jwt"
)

// envStrict makes a missing node or npm install a failure rather than a
// skip; .ci/run sets it.
const envStrict = "GOCLERK_JS_ORACLE"

// minTokens is the least number of signed tokens the test puts to both SDKs.
const minTokens = 225

// TestClerkJSOracle signs a seeded batch of session tokens (random v2 and
// v1 claims and the hand-written edge cases of cases_test.go), has Clerk's
// JS SDK answer all of them in one node process, answers them with this
// module's clerk and jwt packages, and reports every disagreement: a diff
// per token, then a count per category.
func TestClerkJSOracle(t *testing.T) {
	node := requireOracle(t)
	s := newSigner(t)
	api := newFakeAPI(t)
	g := newGenerator(s, time.Now())

	var cases []*tokenCase
	for i := range randomCount {
		cases = append(cases, g.randomCase(i))
	}
	cases = append(cases, g.handCases()...)
	cases = append(cases, g.machineCases()...)
	cases = append(cases, anyTwins(cases)...)
	cases = append(cases, g.requestCases()...)
	cases = append(cases, g.browserCases(api)...)
	if signed := countTokens(cases); signed < minTokens {
		t.Fatalf("only %d signed tokens, want at least %d", signed, minTokens)
	}

	js := runOracle(t, node, s.pem, api, cases)
	checkAnchors(t, js)
	gs := &goSide{pem: s.pem, apiURL: api.srv.URL, clients: map[string]*clerk.Client{}}
	t.Cleanup(gs.close)

	var r report
	for _, tc := range cases {
		res, ok := js[tc.ID]
		if !ok {
			t.Errorf("%s: the oracle gave no answer", tc.ID)
			continue
		}
		gr := gs.eval(t, tc)
		o := compare(tc, res, gr)
		r.add(tc, res, gr, o)
		if len(o.lines) > 0 {
			t.Errorf("%s", describe(tc, res, gr, o))
		}
	}
	t.Logf("%d cases (%d signed tokens): both SDKs accepted %d (permission masks compared on %d of them), both refused %d",
		len(cases), countTokens(cases), r.bothAccepted, r.masksCompared, r.bothRefused)
	for _, line := range r.intentLines() {
		t.Log(line)
	}
	if r.disagree > 0 {
		t.Errorf("%s", r.summary(len(cases)))
	} else {
		t.Logf("all %d cases agree with @clerk/backend", len(cases))
	}
}

// checkAnchors checks the oracle on answers known in advance (the
// reference's worked examples), so that a broken script or install cannot
// pass for Clerk's answers.
func checkAnchors(t *testing.T, js map[string]*jsResult) {
	t.Helper()
	for id, want := range map[string][]string{
		"js-fixture": {"org:repositories:read", "org:repositories:create", "org:repositories:update",
			"org:projects:read", "org:projects:update", "org:projects:revoke"},
		"issue9-user-first": {"org:memberships:read"},
		"docs-example":      {"org:dashboard:manage", "org:dashboard:read", "org:teams:read"},
		"mask-2^64":         {"org:big:p64"},
	} {
		r := js[id]
		if r == nil || !r.Verdict.OK || r.Auth == nil || !slices.Equal(sorted(r.Auth.OrgPermissions), sorted(want)) {
			t.Fatalf("the oracle is broken: %s should be accepted with permissions %v, got %s", id, want, show(r))
		}
	}
	if r := js["typ-at-jwt"]; r == nil || r.Verdict.OK {
		t.Fatalf("the oracle is broken: typ at+jwt should be refused, got %s", show(r))
	}
	// Machine tokens: refused as session tokens, accepted as their own
	// types, with what Clerk's models say of them.
	for id, want := range map[string]string{
		"m2m-jwt/any": "m2m_token", "oauth-jwt/any": "oauth_token", "typ-at-jwt/any": "oauth_token",
		"req-m2m-jwt-m2m": "m2m_token", "req-oat-oauth": "oauth_token",
	} {
		if r := js[id]; r == nil || !r.Verdict.OK || r.Auth == nil || r.Auth.TokenType != want || r.Auth.Subject == "" {
			t.Fatalf("the oracle is broken: %s should be accepted as a %s, got %s", id, want, show(r))
		}
	}
	for _, id := range []string{"m2m-jwt", "oauth-jwt", "m2m-jwt-forged/any", "oauth-jwt-aud-other/any", "req-oat-default"} {
		if r := js[id]; r == nil || r.Verdict.OK {
			t.Fatalf("the oracle is broken: %s should be refused, got %s", id, show(r))
		}
	}
	// Browser requests: states, a handshake's Location, cookies and a
	// sign-in redirect known in advance.
	for id, want := range map[string]string{
		"br-signed-in": "signed-in", "br-no-uat-api": "signed-out", "br-expired-doc": "handshake",
		"br-nonce-prod": "signed-in", "br-dev-hs-forged": "error",
	} {
		if r := js[id]; r == nil || r.Verdict.Status != want {
			t.Fatalf("the oracle is broken: %s should be %s, got %s", id, want, show(r))
		}
	}
	if r := js["br-expired-doc"]; !strings.HasPrefix(r.Verdict.Headers["location"], "https://"+fapiHost+"/v1/client/handshake?redirect_url=") ||
		len(r.Verdict.SetCookies) != 1 {
		t.Fatalf("the oracle is broken: br-expired-doc's handshake: %s", show(r))
	}
	if r := js["br-nonce-prod"]; len(r.Verdict.SetCookies) != 2 {
		t.Fatalf("the oracle is broken: br-nonce-prod should set two cookies: %s", show(r))
	}
	if r := js["br-signin-path"]; r.SignInRedirect != appOrigin+"/sign-in?redirect_url=https%3A%2F%2Fapp.oracle.example%2Fdashboard%3Ftab%3D1" {
		t.Fatalf("the oracle is broken: br-signin-path's sign-in redirect: %s", show(r))
	}
}

// requireOracle returns node's path, or skips (fails under
// GOCLERK_JS_ORACLE=1) when node or the npm install is missing.
func requireOracle(t *testing.T) string {
	t.Helper()
	strict := os.Getenv(envStrict) == "1"
	miss := func(format string, args ...any) {
		t.Helper()
		msg := fmt.Sprintf(format, args...)
		if strict {
			t.Fatalf("%s (%s=1: the JS oracle is required)", msg, envStrict)
		}
		t.Skipf("%s; set %s=1 to make this a failure", msg, envStrict)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		miss("node is not on PATH: the Clerk JS oracle needs node >= 20.9")
	}
	if _, err := os.Stat("node_modules/@clerk/backend/package.json"); err != nil {
		miss("@clerk/backend is not installed: run `npm ci --prefix internal/clerkjs` from the repository root")
	}
	return node
}

func newSigner(t *testing.T) *signer {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return &signer{key: key, pem: string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))}
}

func countTokens(cases []*tokenCase) int {
	seen := map[string]bool{}
	for _, tc := range cases {
		if tc.Token != "" {
			seen[tc.Token] = true
		}
	}
	return len(seen)
}

// apiReply is a canned Backend API answer; with ByToken, the answer for
// each token the request's body carries (as access_token, token or
// secret).
type apiReply struct {
	Status  int                 `json:"status,omitempty"`
	Body    any                 `json:"body"`
	ByToken map[string]apiReply `json:"byToken,omitempty"`
	ByNonce map[string]apiReply `json:"byNonce,omitempty"` // by the nonce query parameter
}

// fakeAPI answers the Backend API's machine-token verify endpoints, the same
// canned answer to both SDKs: JS's through its replaced fetch, Go's over
// loopback. Any other call is an error.
type fakeAPI struct {
	srv     *httptest.Server
	replies map[string]apiReply // "POST /api_keys/verify", without the version path
}

func newFakeAPI(t *testing.T) *fakeAPI {
	created := int64(1767225600000) // 2026-01-01, Unix ms
	f := &fakeAPI{replies: map[string]apiReply{
		"POST /api_keys/verify": {Body: map[string]any{
			"object": "api_key", "id": "ak_id_oracle", "type": "api_key", "name": "oracle",
			"subject": "user_oracle", "scopes": []string{"users:read"}, "claims": nil,
			"revoked": false, "revocation_reason": nil, "expired": false, "expiration": nil,
			"created_by": nil, "description": nil, "last_used_at": nil,
			"created_at": created, "updated_at": created,
		}},
		"POST /m2m_tokens/verify": {Body: map[string]any{
			"object": "machine_to_machine_token", "id": "mt_id_oracle", "subject": "mch_oracle",
			"scopes": []string{"mch_other"}, "claims": nil,
			"revoked": false, "revocation_reason": nil, "expired": false, "expiration": nil,
			"created_at": created, "updated_at": created,
		}},
		"POST /oauth_applications/access_tokens/verify": {ByToken: oauthReplies(created)},
	}}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			AccessToken string `json:"access_token"`
			Token       string `json:"token"`
			Secret      string `json:"secret"`
		}
		_ = json.NewDecoder(r.Body).Decode(&body)
		key := r.Method + " " + strings.TrimPrefix(r.URL.Path, "/v1")
		reply, ok := f.replies[key]
		if ok && reply.ByToken != nil {
			reply, ok = reply.ByToken[cmp.Or(body.AccessToken, body.Token, body.Secret)]
		}
		if ok && reply.ByNonce != nil {
			reply, ok = reply.ByNonce[r.URL.Query().Get("nonce")]
		}
		if !ok {
			t.Errorf("fake Backend API: unexpected call %s", key)
			http.Error(w, `{"errors":[{"code":"resource_not_found","message":"not found"}]}`, http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(cmp.Or(reply.Status, http.StatusOK))
		_ = json.NewEncoder(w).Encode(reply.Body)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

// oauthReplies are the canned answers of the OAuth verify endpoint, by
// token: a valid token, a revoked one, an inactive one, an unknown one.
func oauthReplies(created int64) map[string]apiReply {
	tok := func(revoked bool) map[string]any {
		return map[string]any{
			"object": "clerk_idp_oauth_access_token", "id": "oat_id_oracle", "client_id": "client_oracle",
			"subject": "user_oracle", "scopes": []string{"read", "write"}, "revoked": revoked, "revocation_reason": nil,
			"expired": false, "expiration": nil, "created_at": created, "updated_at": created,
		}
	}
	return map[string]apiReply{
		oauthGood:     {Body: tok(false)},
		oauthRevoked:  {Body: tok(true)},
		oauthInactive: {Body: map[string]any{"active": false}},
		oauthUnknown: {Status: http.StatusNotFound, Body: map[string]any{"errors": []map[string]any{
			{"code": "resource_not_found", "message": "not found", "long_message": "OAuth access token not found"}}}},
	}
}

// anyTwins returns, for every bare-token case, its twin put with
// acceptsToken 'any' to JS and to Go's VerifyToken, which accepts every
// token type: machine JWTs among the tokens are then verified as their own
// types by both. (The case itself goes through authenticateRequest's
// default, session tokens only, on both sides.)
func anyTwins(cases []*tokenCase) []*tokenCase {
	var out []*tokenCase
	for _, tc := range cases {
		if tc.Kind != "verify" {
			continue
		}
		twin := *tc
		twin.ID += "/any"
		twin.JSAccepts = "any"
		out = append(out, &twin)
	}
	return out
}

// jsCase is a case as oracle.mjs reads it.
type jsCase struct {
	ID                string       `json:"id"`
	Kind              string       `json:"kind"`
	Token             string       `json:"token,omitempty"`
	AuthorizedParties []string     `json:"authorizedParties,omitempty"`
	Issuer            string       `json:"issuer,omitempty"`
	Audience          []string     `json:"audience,omitempty"`
	AcceptsToken      any          `json:"acceptsToken,omitempty"`
	Request           *requestSpec `json:"request,omitempty"`
	Queries           queries      `json:"queries"`
	// Browser cases: the instance's keys, authenticateRequest's options,
	// createRedirect's inputs.
	PublishableKey string         `json:"publishableKey,omitempty"`
	SecretKey      string         `json:"secretKey,omitempty"`
	Options        map[string]any `json:"options,omitempty"`
	SignIn         *signInSpec    `json:"signIn,omitempty"`
}

// runOracle runs oracle.mjs once on every case and returns its answers by
// case ID.
func runOracle(t *testing.T, node, pemKey string, api *fakeAPI, cases []*tokenCase) map[string]*jsResult {
	t.Helper()
	in := struct {
		Config map[string]any `json:"config"`
		Cases  []jsCase       `json:"cases"`
	}{Config: map[string]any{
		"jwtKey": pemKey, "secretKey": secretKey, "publishableKey": publishableKey(), "api": api.replies,
	}}
	for _, tc := range cases {
		jc := jsCase{ID: tc.ID, Kind: tc.Kind, AuthorizedParties: tc.Parties, Issuer: tc.Issuer, Audience: tc.Audience,
			AcceptsToken: tc.JSAccepts, Request: tc.Request, Queries: tc.Queries}
		if tc.Kind == "verify" {
			jc.Token = tc.Token
		}
		if b := tc.Browser; b != nil {
			jc.PublishableKey, jc.SecretKey = b.keys()
			jc.Options, jc.SignIn = b.Options, b.SignIn
		}
		in.Cases = append(in.Cases, jc)
	}
	body, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "oracle.mjs")
	cmd.Stdin = bytes.NewReader(body)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node oracle.mjs: %v\n%s", err, stderr.String())
	}
	var out struct {
		Backend string     `json:"backend"`
		Shared  string     `json:"shared"`
		Results []jsResult `json:"results"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("oracle.mjs output: %v\nstderr:\n%s", err, stderr.String())
	}
	want := pinnedVersions(t)
	if out.Backend != want["@clerk/backend"] || out.Shared != want["@clerk/shared"] {
		t.Fatalf("installed @clerk/backend %s and @clerk/shared %s, package.json pins %s and %s: run `npm ci --prefix internal/clerkjs`",
			out.Backend, out.Shared, want["@clerk/backend"], want["@clerk/shared"])
	}
	t.Logf("@clerk/backend %s (@clerk/shared %s) answered %d cases", out.Backend, out.Shared, len(out.Results))
	res := make(map[string]*jsResult, len(out.Results))
	for i := range out.Results {
		res[out.Results[i].ID] = &out.Results[i]
	}
	return res
}

// pinnedVersions reads the exact versions package.json pins.
func pinnedVersions(t *testing.T) map[string]string {
	t.Helper()
	b, err := os.ReadFile("package.json")
	if err != nil {
		t.Fatal(err)
	}
	var p struct {
		Dependencies map[string]string `json:"dependencies"`
	}
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	return p.Dependencies
}

// goSide answers the cases with the Go SDK, configured as a user would:
// clerk.New with the JWT key, the authorized parties, the audience and,
// for whole requests, the publishable key. The Backend API is the fake.
type goSide struct {
	pem, apiURL string
	mu          sync.Mutex
	clients     map[string]*clerk.Client
}

func (s *goSide) client(t *testing.T, tc *tokenCase) *clerk.Client {
	t.Helper()
	key := fmt.Sprintf("%s|%q|%s|%q", tc.Kind, tc.Parties, tc.Issuer, tc.Audience)
	if tc.Browser != nil {
		key = "browser|" + tc.ID // each its own options
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.clients[key]; ok {
		return c
	}
	opts := []clerk.Option{clerk.WithJWTKey(s.pem), clerk.WithBaseURL(s.apiURL + "/v1"), clerk.WithMaxRetries(0)}
	if tc.Browser != nil {
		sk, bopts := browserClientOptions(tc.Browser)
		c, err := clerk.New(sk, append(opts, bopts...)...)
		if err != nil {
			t.Fatalf("%s: clerk.New: %v", tc.ID, err)
		}
		s.clients[key] = c
		return c
	}
	if len(tc.Parties) > 0 {
		opts = append(opts, clerk.WithAuthorizedParties(tc.Parties...))
	}
	if tc.Issuer != "" {
		opts = append(opts, clerk.WithJWTOptions(jwt.WithIssuer(tc.Issuer)))
	}
	if len(tc.Audience) > 0 {
		opts = append(opts, clerk.WithAudience(tc.Audience...))
	}
	if tc.Kind == "request" {
		opts = append(opts, clerk.WithPublishableKey(publishableKey()))
	}
	c, err := clerk.New(secretKey, opts...)
	if err != nil {
		t.Fatalf("clerk.New: %v", err)
	}
	s.clients[key] = c
	return c
}

func (s *goSide) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.clients {
		_ = c.Close()
	}
}

// eval verifies tc's token (or authenticates its request) and asks the
// case's has() questions of an accepted session token. A bare token goes,
// as JS's does, as a bearer token through AuthenticateRequest's default
// (session tokens only), or, for a twin put to JS with acceptsToken 'any',
// to VerifyToken, which accepts every type.
func (s *goSide) eval(t *testing.T, tc *tokenCase) *goResult {
	t.Helper()
	c := s.client(t, tc)
	var (
		a   *clerk.Auth
		err error
	)
	switch tc.Kind {
	case "verify":
		if tc.JSAccepts == "any" {
			a, err = c.VerifyToken(t.Context(), tc.Token)
			break
		}
		r := httptest.NewRequestWithContext(t.Context(), http.MethodGet, appOrigin+"/api/resource", nil)
		r.Header.Set("Authorization", "Bearer "+tc.Token)
		a, err = c.AuthenticateRequest(r)
	case "request":
		if tc.Browser != nil {
			return s.evalBrowser(t, c, tc)
		}
		r := httptest.NewRequestWithContext(t.Context(), tc.Request.Method, tc.Request.URL, nil)
		for k, v := range tc.Request.Headers {
			r.Header.Set(k, v)
		}
		var opts []clerk.AuthOption
		if tc.GoAccepts != nil {
			opts = append(opts, clerk.AcceptsToken(tc.GoAccepts...))
		}
		a, err = c.AuthenticateRequest(r, opts...)
	default:
		t.Fatalf("%s: unknown kind %q", tc.ID, tc.Kind)
	}
	g := &goResult{err: err, class: goClass(err), auth: a}
	if err == nil && a == nil {
		g.err = errors.New("nil Auth with a nil error")
		g.class = "not-the-token"
	}
	if g.err == nil && a.TokenType == clerk.SessionToken && a.Claims != nil {
		for i, qs := range [][]string{tc.Queries.Permissions, tc.Queries.Roles, tc.Queries.Features, tc.Queries.Plans} {
			ask := []func(string) bool{a.HasPermission, a.HasRole, a.Claims.HasFeature, a.Claims.HasPlan}[i]
			for _, q := range qs {
				g.has[i] = append(g.has[i], ask(q))
			}
		}
	}
	return g
}

// report counts the outcomes.
type report struct {
	disagree      int
	byCategory    map[string]int
	intents       map[string]int
	intentWhy     map[string]string
	bothAccepted  int
	bothRefused   int
	masksCompared int // accepted by both, with an o claim holding per and fpm
}

func (r *report) add(tc *tokenCase, js *jsResult, g *goResult, o outcome) {
	switch {
	case js.Verdict.OK && g.err == nil:
		r.bothAccepted++
		if o, ok := tc.Claims["o"].(map[string]any); ok && o["per"] != nil && o["fpm"] != nil && tc.Claims["v"] == 2 {
			r.masksCompared++
		}
	case !js.Verdict.OK && g.err != nil:
		r.bothRefused++
	}
	if o.intent != nil {
		if r.intents == nil {
			r.intents, r.intentWhy = map[string]int{}, map[string]string{}
		}
		r.intents[o.intent.Name]++
		r.intentWhy[o.intent.Name] = o.intent.Why
	}
	if len(o.categories) == 0 {
		return
	}
	r.disagree++
	if r.byCategory == nil {
		r.byCategory = map[string]int{}
	}
	for _, c := range o.categories {
		r.byCategory[c]++
	}
}

// summary is "N of M tokens disagree: permissions K, typ K, ...", largest
// categories first (a token can be in several).
func (r *report) summary(total int) string {
	return fmt.Sprintf("%d of %d tokens (cases) disagree with @clerk/backend: %s", r.disagree, total, counts(r.byCategory))
}

func (r *report) intentLines() []string {
	if len(r.intents) == 0 {
		return nil
	}
	lines := []string{"documented intentional differences (Go's answer is the documented one): " + counts(r.intents)}
	for _, name := range slices.Sorted(maps.Keys(r.intentWhy)) {
		lines = append(lines, "  "+name+": "+r.intentWhy[name])
	}
	return lines
}

func counts(m map[string]int) string {
	names := slices.Collect(maps.Keys(m))
	slices.SortFunc(names, func(a, b string) int {
		return cmp.Or(cmp.Compare(m[b], m[a]), cmp.Compare(a, b))
	})
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = fmt.Sprintf("%s %d", n, m[n])
	}
	return strings.Join(parts, ", ")
}

// describe prints one disagreement: the token, both answers, the diff.
func describe(tc *tokenCase, js *jsResult, g *goResult, o outcome) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s disagrees [%s]", tc.ID, strings.Join(o.categories, " "))
	if tc.Note != "" {
		fmt.Fprintf(&b, ": %s", tc.Note)
	}
	b.WriteString("\n")
	if tc.Header != nil {
		fmt.Fprintf(&b, "  header   %s\n  claims   %s\n", show(tc.Header), show(tc.Claims))
	}
	fmt.Fprintf(&b, "  config   authorizedParties=%s issuer=%q\n", show(tc.Parties), tc.Issuer)
	if tc.Request != nil {
		hdr := map[string]string{}
		for k, v := range tc.Request.Headers {
			hdr[k] = abbreviate(v, tc.Token)
		}
		fmt.Fprintf(&b, "  request  %s %s %s acceptsToken JS=%s Go=%v\n", tc.Request.Method, tc.Request.URL, show(hdr), show(tc.JSAccepts), tc.GoAccepts)
	}
	if js.VerifyToken != nil {
		fmt.Fprintf(&b, "  JS       verifyToken %s\n", outcomeText(js.VerifyToken))
	}
	if js.Builder != nil {
		fmt.Fprintf(&b, "  JS       auth-object builder threw: %s\n", js.Builder.Message)
	}
	fmt.Fprintf(&b, "  JS       authenticateRequest %s", js.Verdict.Status)
	if js.Verdict.Reason != "" {
		fmt.Fprintf(&b, " (%s: %s)", js.Verdict.Reason, js.Verdict.Message)
	}
	b.WriteString("\n")
	if js.Verdict.Status == "handshake" {
		fmt.Fprintf(&b, "  JS hdrs  %s\n", show(js.Verdict.Headers))
	}
	if js.Auth != nil {
		fmt.Fprintf(&b, "  JS auth  %s\n", show(js.Auth))
	}
	if len(js.Network) > 0 {
		fmt.Fprintf(&b, "  JS net   %s\n", strings.Join(js.Network, ", "))
	}
	if g.err != nil {
		fmt.Fprintf(&b, "  Go       refused (%s): %v\n", g.class, g.err)
	} else {
		fmt.Fprintf(&b, "  Go auth  %s\n", show(goAuthView(g.auth)))
	}
	for _, l := range o.lines {
		fmt.Fprintf(&b, "  diff     %s\n", l)
	}
	return b.String()
}

func outcomeText(o *jsOutcome) string {
	if o.OK {
		return "accepted"
	}
	return fmt.Sprintf("refused (%s: %s)", o.Reason, o.Message)
}

// abbreviate shortens the case's token inside a header value.
func abbreviate(v, token string) string {
	if token != "" && len(token) > 24 {
		return strings.ReplaceAll(v, token, token[:12]+"…(token)")
	}
	return v
}

// goAuthView is what an Auth says, for the diff.
func goAuthView(a *clerk.Auth) map[string]any {
	v := map[string]any{
		"tokenType": a.TokenType, "userId": a.UserID, "sessionId": a.SessionID, "orgId": a.OrgID,
		"orgRole": a.OrgRole, "orgSlug": a.OrgSlug, "orgPermissions": a.OrgPermissions,
		"subject": a.Subject, "scopes": a.Scopes,
	}
	if a.Claims != nil {
		v["sessionStatus"] = a.Claims.Status
		v["features"] = a.Claims.Features
		v["plan"] = a.Claims.Plan
	}
	return v
}
