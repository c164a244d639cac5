package clerkjs_test

import (
	crand "crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"testing"

	"github.com/go-clerk/clerk"
)

// Browser requests: whole requests whose session travels in cookies, put to
// @clerk/backend's authenticateRequest and to clerk.Client.Authenticate.
// Both must give the same state (signed-in, signed-out, handshake), the same
// reason, and the same Location, Set-Cookie and Cache-Control; for a
// signed-out page request, RequireAuth's redirect to sign-in must be the URL
// @clerk/backend's createRedirect builds (as @clerk/nextjs's protect()
// calls it).

// A development instance for the development cases: the same Frontend API,
// a pk_test_ key and an sk_test_ key.
const devSecretKey = "sk_test_clerkjs_oracle_0123456789abcdef"

func devPublishableKey() string {
	return "pk_test_" + base64.StdEncoding.EncodeToString([]byte(fapiHost+"$"))
}

// browserSpec is a browser case's configuration: the instance, JS's
// authenticateRequest options and the Go options that say the same.
type browserSpec struct {
	Dev     bool
	Options map[string]any
	GoOpts  []clerk.Option
	// SignIn, for a signed-out page request: JS's createRedirect inputs.
	SignIn *signInSpec
}

// signInSpec is what oracle.mjs passes to createRedirect.
type signInSpec struct {
	BaseURL         string `json:"baseUrl"`
	SignInURL       string `json:"signInUrl,omitempty"`
	DevBrowserToken string `json:"devBrowserToken,omitempty"`
	IsSatellite     bool   `json:"isSatellite,omitempty"`
	SessionStatus   string `json:"sessionStatus,omitempty"`
}

// publishableKey and secretKey are the instance's keys.
func (b *browserSpec) keys() (pk, sk string) {
	if b.Dev {
		return devPublishableKey(), devSecretKey
	}
	return publishableKey(), secretKey
}

// browserCases are the cookie and handshake cases. Tokens are signed now;
// the fake Backend API learns the handshake payloads and refresh answers
// they need.
func (g *generator) browserCases(api *fakeAPI) []*tokenCase {
	sfx := clerk.CookieSuffix(publishableKey())
	devSfx := clerk.CookieSuffix(devPublishableKey())
	uat := strconv.FormatInt(g.now-3600, 10)
	session := func(edit func(c map[string]any)) *tokenCase {
		return g.handCase("", "", func(_, c map[string]any) {
			if edit != nil {
				edit(c)
			}
		}, queries{})
	}
	valid := session(nil)
	older := session(func(c map[string]any) { c["iat"] = g.now - 300 })
	expired := session(func(c map[string]any) { c["exp"], c["iat"], c["nbf"] = g.now-600, g.now-900, g.now-910 })
	nbfFuture := session(func(c map[string]any) { c["nbf"] = g.now + 600 })
	iatFuture := session(func(c map[string]any) { c["iat"] = g.now + 600 })
	otherInstance := session(func(c map[string]any) { c["iss"] = "https://clerk.other.example" })
	upperIss := session(func(c map[string]any) { c["ISS"] = c["iss"]; delete(c, "iss") })
	inOrg := session(func(c map[string]any) { c["o"] = org("org:admin", "", "") }) // org_oracle, slug "oracle"
	pending := session(func(c map[string]any) { c["sts"] = "pending" })
	template := g.handCase("", "", func(h, _ map[string]any) { h["cat"] = catTemplate }, queries{})
	m2m := g.machineCase("", "", false, nil)
	refreshed := session(func(c map[string]any) { c["sid"] = "sess_refresh_ok" })
	expiredRefresh := session(func(c map[string]any) {
		c["sid"] = "sess_refresh_ok"
		c["exp"], c["iat"], c["nbf"] = g.now-600, g.now-900, g.now-910
	})
	expiredRefreshGone := session(func(c map[string]any) {
		c["sid"] = "sess_refresh_gone"
		c["exp"], c["iat"], c["nbf"] = g.now-600, g.now-900, g.now-910
	})
	justExpired := session(func(c map[string]any) { c["exp"], c["iat"], c["nbf"] = g.now-600, g.now-660, g.now-670 })

	signedInCookies := []string{
		"__session=" + valid.Token + "; Path=/; Secure; SameSite=Lax",
		"__client_uat=" + strconv.FormatInt(g.now-30, 10) + "; Path=/; Max-Age=315360000; SameSite=Lax",
	}
	signedOutCookies := []string{"__session=; Path=/; Max-Age=0", "__client_uat=0; Path=/; Max-Age=315360000"}
	handshakeToken := func(directives []string, edit func(h map[string]any), sign *signer) string {
		h := map[string]any{"alg": "RS256", "kid": kid, "typ": "JWT", "cat": catSession}
		if edit != nil {
			edit(h)
		}
		return sign.sign(h, map[string]any{"handshake": directives, "iat": g.now, "exp": g.now + 60})
	}
	forger := &signer{key: mustKey()}
	api.replies["GET /clients/handshake_payload"] = apiReply{ByNonce: map[string]apiReply{
		"nonce_in":      {Body: map[string]any{"directives": signedInCookies}},
		"nonce_out":     {Body: map[string]any{"directives": signedOutCookies}},
		"nonce_expired": {Body: map[string]any{"directives": []string{"__session=" + expired.Token + "; Path=/", "__client_uat=1; Path=/"}}},
		"nonce_unknown": {Status: http.StatusNotFound, Body: map[string]any{"errors": []map[string]any{
			{"code": "resource_not_found", "message": "not found", "long_message": "Handshake nonce not found"}}}},
	}}
	api.replies["POST /sessions/sess_refresh_ok/refresh"] = apiReply{Body: map[string]any{"object": "cookies", "cookies": []string{
		"__session=" + refreshed.Token + "; Path=/", "__client_uat=" + strconv.FormatInt(g.now-30, 10) + "; Path=/"}}}
	api.replies["POST /sessions/sess_refresh_gone/refresh"] = apiReply{Status: http.StatusNotFound, Body: map[string]any{
		"errors": []map[string]any{{"code": "resource_not_found", "message": "not found", "long_message": "Session not found"}}}}

	doc := map[string]string{"Sec-Fetch-Dest": "document", "Accept": "text/html,application/xhtml+xml"}
	api0 := map[string]string{"Accept": "application/json"}
	with := func(base map[string]string, kv ...string) map[string]string {
		out := map[string]string{}
		for k, v := range base {
			out[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			out[kv[i]] = kv[i+1]
		}
		return out
	}
	prod := &browserSpec{}
	dev := &browserSpec{Dev: true}
	proxyAbs := &browserSpec{Options: map[string]any{"proxyUrl": appOrigin + "/__clerk"}, GoOpts: []clerk.Option{clerk.WithProxyURL(appOrigin + "/__clerk")}}
	proxyRel := &browserSpec{Options: map[string]any{"proxyUrl": "/__clerk"}, GoOpts: []clerk.Option{clerk.WithProxyURL("/__clerk")}}
	satOpts := func(dev bool) *browserSpec {
		return &browserSpec{Dev: dev,
			Options: map[string]any{"isSatellite": true, "domain": "satellite.example", "signInUrl": appOrigin + "/sign-in"},
			GoOpts:  []clerk.Option{clerk.WithSatelliteDomain("satellite.example"), clerk.WithSignInURL(appOrigin + "/sign-in")}}
	}
	signIn := func(b *browserSpec, s signInSpec, goOpts ...clerk.Option) *browserSpec {
		c := *b
		c.SignIn = &s
		c.GoOpts = append(slices.Clone(b.GoOpts), goOpts...)
		return &c
	}
	dash := appOrigin + "/dashboard"
	sat := "https://satellite.example/dashboard"
	// Organization sync: both SDKs get the same patterns.
	orgPatterns := []string{"/orgs/:slug", "/orgs/:slug/(.*)", "/by-id/:id/(.*)"}
	personalPatterns := []string{"/me", "/me/(.*)"}
	orgSync := &browserSpec{
		Options: map[string]any{"organizationSyncOptions": map[string]any{
			"organizationPatterns": orgPatterns, "personalAccountPatterns": personalPatterns}},
		GoOpts: []clerk.Option{clerk.WithOrganizationSync(clerk.OrganizationSync{
			OrganizationPatterns: orgPatterns, PersonalAccountPatterns: personalPatterns})},
	}
	signedInOrg := map[string]string{"__session": inOrg.Token, "__client_uat": uat}
	signedInNoOrg := map[string]string{"__session": valid.Token, "__client_uat": uat}

	type bc struct {
		id, note    string
		method, url string
		headers     map[string]string
		cookies     map[string]string
		b           *browserSpec
	}
	specs := []bc{
		// Which cookies, and __client_uat.
		{"br-signed-in", "a page request with a valid __session and __client_uat", "GET", dash, doc,
			map[string]string{"__session": valid.Token, "__client_uat": uat}, prod},
		{"br-signed-in-api", "an API request with a valid __session and __client_uat", "GET", dash, api0,
			map[string]string{"__session": valid.Token, "__client_uat": uat}, prod},
		{"br-no-uat-api", "__session without __client_uat, an API request", "GET", dash, api0,
			map[string]string{"__session": valid.Token}, prod},
		{"br-no-uat-doc", "__session without __client_uat, a page request", "GET", dash, doc,
			map[string]string{"__session": valid.Token}, prod},
		{"br-uat-zero-doc", "__client_uat=0 beside a valid __session (signed out elsewhere)", "GET", dash, doc,
			map[string]string{"__session": valid.Token, "__client_uat": "0"}, prod},
		{"br-uat-zero-api", "__client_uat=0 beside a valid __session, an API request", "GET", dash, api0,
			map[string]string{"__session": valid.Token, "__client_uat": "0"}, prod},
		{"br-uat-no-session-doc", "__client_uat without __session, a page request", "GET", dash, doc,
			map[string]string{"__client_uat": uat}, prod},
		{"br-uat-no-session-api", "__client_uat without __session, an API request", "GET", dash, api0,
			map[string]string{"__client_uat": uat}, prod},
		{"br-nothing-doc", "a page request without cookies", "GET", dash, doc, nil, prod},
		{"br-iat-before-uat-doc", "a token issued before __client_uat, a page request", "GET", dash, doc,
			map[string]string{"__session": valid.Token, "__client_uat": strconv.FormatInt(g.now-10, 10)}, prod},
		{"br-iat-before-uat-api", "a token issued before __client_uat, an API request", "GET", dash, api0,
			map[string]string{"__session": valid.Token, "__client_uat": strconv.FormatInt(g.now-10, 10)}, prod},
		{"br-uat-hex", "__client_uat in hexadecimal, as parseInt reads it", "GET", dash, doc,
			map[string]string{"__session": valid.Token, "__client_uat": "0x10"}, prod},

		// Expired and not-yet-valid tokens: the handshake, for page requests.
		{"br-expired-doc", "an expired token, Sec-Fetch-Dest document", "GET", dash, doc,
			map[string]string{"__session": expired.Token, "__client_uat": uat}, prod},
		{"br-expired-accept-html", "an expired token, Accept text/html without Sec-Fetch-Dest", "GET", dash,
			map[string]string{"Accept": "text/html,application/xhtml+xml"}, map[string]string{"__session": expired.Token, "__client_uat": uat}, prod},
		{"br-expired-fetch-html", "an expired token, Accept text/html but Sec-Fetch-Dest empty", "GET", dash,
			map[string]string{"Accept": "text/html", "Sec-Fetch-Dest": "empty"}, map[string]string{"__session": expired.Token, "__client_uat": uat}, prod},
		{"br-expired-accept-late-html", "an expired token, Accept with text/html second", "GET", dash,
			map[string]string{"Accept": "application/json, text/html"}, map[string]string{"__session": expired.Token, "__client_uat": uat}, prod},
		{"br-expired-post-doc", "an expired token, a form posted (document)", "POST", dash, doc,
			map[string]string{"__session": expired.Token, "__client_uat": uat}, prod},
		{"br-expired-iframe", "an expired token, Sec-Fetch-Dest iframe", "GET", dash,
			map[string]string{"Sec-Fetch-Dest": "iframe"}, map[string]string{"__session": expired.Token, "__client_uat": uat}, prod},
		{"br-expired-api", "an expired token, an API request", "GET", dash, api0,
			map[string]string{"__session": expired.Token, "__client_uat": uat}, prod},
		{"br-nbf-future-doc", "nbf ten minutes ahead", "GET", dash, doc,
			map[string]string{"__session": nbfFuture.Token, "__client_uat": uat}, prod},
		{"br-iat-future-doc", "iat ten minutes ahead", "GET", dash, doc,
			map[string]string{"__session": iatFuture.Token, "__client_uat": uat}, prod},
		{"br-loop-2", "the third handshake in a row", "GET", dash, doc,
			map[string]string{"__session": expired.Token, "__client_uat": uat, "__clerk_redirect_count": "2"}, prod},
		{"br-loop-3", "a fourth handshake in a row: the loop guard", "GET", dash, doc,
			map[string]string{"__session": expired.Token, "__client_uat": uat, "__clerk_redirect_count": "3"}, prod},
		{"br-loop-hex", "the redirect counter read as Number() reads it: 0x3 is 3", "GET", dash, doc,
			map[string]string{"__session": expired.Token, "__client_uat": uat, "__clerk_redirect_count": "0x3"}, prod},
		{"br-loop-binary", "the redirect counter: 0b10 is 2", "GET", dash, doc,
			map[string]string{"__session": expired.Token, "__client_uat": uat, "__clerk_redirect_count": "0b10"}, prod},
		{"br-loop-words", "the redirect counter: inf is NaN, so 0", "GET", dash, doc,
			map[string]string{"__session": expired.Token, "__client_uat": uat, "__clerk_redirect_count": "inf"}, prod},
		{"br-query-kept", "the handshake's redirect_url: the query written again, dev-browser parameters dropped", "GET",
			appOrigin + "/a/b?x=1&y=a%20b+c&__clerk_db_jwt=zzz&__dev_session=q&z=%E2%9C%93&w=*~'", doc,
			map[string]string{"__session": expired.Token, "__client_uat": uat}, prod},
		{"br-forwarded", "X-Forwarded-Host and X-Forwarded-Proto make the URL", "GET", "http://internal:8080/p?q=1",
			with(doc, "X-Forwarded-Host", "shop.example.com, proxy.internal", "X-Forwarded-Proto", "https"),
			map[string]string{"__session": expired.Token, "__client_uat": uat}, prod},

		// Suffixed cookies.
		{"br-suffixed-only", "only suffixed cookies", "GET", dash, doc,
			map[string]string{"__session_" + sfx: valid.Token, "__client_uat_" + sfx: uat}, prod},
		{"br-suffixed-expired", "an expired suffixed token: suffixed_cookies=true", "GET", dash, doc,
			map[string]string{"__session_" + sfx: expired.Token, "__client_uat_" + sfx: uat}, prod},
		{"br-unsuffixed-newer", "both signed in, the unsuffixed token newer", "GET", dash, doc,
			map[string]string{"__session_" + sfx: older.Token, "__client_uat_" + sfx: uat, "__session": valid.Token, "__client_uat": uat}, prod},
		{"br-suffixed-newer", "both signed in, the suffixed token newer", "GET", dash, doc,
			map[string]string{"__session_" + sfx: valid.Token, "__client_uat_" + sfx: uat, "__session": older.Token, "__client_uat": uat}, prod},
		{"br-suffixed-signed-out", "suffixed __client_uat=0, unsuffixed signed in", "GET", dash, doc,
			map[string]string{"__client_uat_" + sfx: "0", "__session": valid.Token, "__client_uat": uat}, prod},
		{"br-unsuffixed-signed-out", "unsuffixed __client_uat=0, suffixed signed in (production: suffixed)", "GET", dash, doc,
			map[string]string{"__session_" + sfx: valid.Token, "__client_uat_" + sfx: uat, "__client_uat": "0"}, prod},
		{"br-other-instance", "the unsuffixed token is another instance's", "GET", dash, doc,
			map[string]string{"__session_" + sfx: valid.Token, "__client_uat_" + sfx: uat, "__session": otherInstance.Token, "__client_uat": uat}, prod},
		{"br-unsuffixed-upper-iss", "the unsuffixed token's issuer named ISS: JSON.parse reads no iss", "GET", dash, doc,
			map[string]string{"__session_" + sfx: valid.Token, "__client_uat_" + sfx: uat, "__session": upperIss.Token, "__client_uat": uat}, prod},
		{"br-unsuffixed-malformed", "a malformed unsuffixed token signs the request out", "GET", dash, doc,
			map[string]string{"__session_" + sfx: valid.Token, "__client_uat_" + sfx: uat, "__session": "not.a.jwt", "__client_uat": uat}, prod},
		{"br-suffixed-no-uat", "a suffixed token without its __client_uat: unsuffixed", "GET", dash, doc,
			map[string]string{"__session_" + sfx: older.Token, "__session": valid.Token, "__client_uat": uat}, prod},
		{"br-dev-suffixed-expired", "development: suffixed expired, unsuffixed __client_uat=0: unsuffixed", "GET", dash, doc,
			map[string]string{"__session_" + devSfx: justExpired.Token, "__client_uat_" + devSfx: uat, "__client_uat": "0", "__clerk_db_jwt": "dvb_1"}, dev},
		{"br-dev-suffixed-valid", "development: suffixed valid, unsuffixed __client_uat=0: suffixed", "GET", dash, doc,
			map[string]string{"__session_" + devSfx: valid.Token, "__client_uat_" + devSfx: uat, "__client_uat": "0", "__clerk_db_jwt": "dvb_1"}, dev},

		// Organization sync.
		{"br-org-sync-same-slug", "org sync: the URL names the active organization by slug", "GET", appOrigin + "/orgs/oracle/settings", doc, signedInOrg, orgSync},
		{"br-org-sync-slug-case", "org sync: the URL names the active organization's slug in other case", "GET", appOrigin + "/orgs/ORACLE", doc, signedInOrg, orgSync},
		{"br-org-sync-other-slug", "org sync: the URL names another organization by slug", "GET", appOrigin + "/orgs/acme/settings?tab=1", doc, signedInOrg, orgSync},
		{"br-org-sync-no-org", "org sync: no active organization, the URL names one", "GET", appOrigin + "/orgs/acme", doc, signedInNoOrg, orgSync},
		{"br-org-sync-same-id", "org sync: the URL names the active organization by ID", "GET", appOrigin + "/by-id/org_oracle/x", doc, signedInOrg, orgSync},
		{"br-org-sync-other-id", "org sync: the URL names another organization by ID", "GET", appOrigin + "/by-id/org_other/x", doc, signedInOrg, orgSync},
		{"br-org-sync-encoded", "org sync: an escaped slug is compared as escaped", "GET", appOrigin + "/orgs/or%61cle", doc, signedInOrg, orgSync},
		{"br-org-sync-no-match", "org sync: a path no pattern matches", "GET", appOrigin + "/orgsx/acme", doc, signedInOrg, orgSync},
		{"br-org-sync-personal", "org sync: the personal account's page with an organization active", "GET", appOrigin + "/me/profile", doc, signedInOrg, orgSync},
		{"br-org-sync-personal-ok", "org sync: the personal account's page, no organization active", "GET", appOrigin + "/me", doc, signedInNoOrg, orgSync},
		{"br-org-sync-api", "org sync: an API request naming another organization stays signed in", "GET", appOrigin + "/orgs/acme", api0, signedInOrg, orgSync},
		{"br-org-sync-loop", "org sync: a third handshake in a row still activates", "GET", appOrigin + "/orgs/acme", doc,
			map[string]string{"__session": inOrg.Token, "__client_uat": uat, "__clerk_redirect_count": "2"}, orgSync},
		{"br-org-sync-loop-3", "org sync: after three handshakes the organization is left as it is", "GET", appOrigin + "/orgs/acme", doc,
			map[string]string{"__session": inOrg.Token, "__client_uat": uat, "__clerk_redirect_count": "3"}, orgSync},
		{"br-org-sync-expired", "org sync: an expired token's handshake carries the organization to activate", "GET", appOrigin + "/orgs/acme", doc,
			map[string]string{"__session": expired.Token, "__client_uat": uat}, orgSync},
		{"br-org-sync-expired-off", "org sync: an expired token's handshake off the patterns names no organization", "GET", appOrigin + "/dashboard", doc,
			map[string]string{"__session": expired.Token, "__client_uat": uat}, orgSync},
		{"br-org-sync-personal-expired", "org sync: an expired token's handshake on a personal page", "GET", appOrigin + "/me", doc,
			map[string]string{"__session": expired.Token, "__client_uat": uat}, orgSync},

		// Other kinds of Clerk JWT in the cookie.
		{"br-m2m-jwt-cookie", "an M2M JWT in __session", "GET", dash, doc,
			map[string]string{"__session": m2m.Token, "__client_uat": uat}, prod},
		{"br-template-cookie", "a JWT template's token in __session", "GET", dash, doc,
			map[string]string{"__session": template.Token, "__client_uat": uat}, prod},
		{"br-pending-api", "a pending session's token", "GET", dash, api0,
			map[string]string{"__session": pending.Token, "__client_uat": uat}, prod},

		// Referrers.
		{"br-cross-origin-referrer", "signed in, arriving from another site: the primary's cross-origin handshake", "GET", dash,
			with(doc, "Referer", "https://search.example/results"), map[string]string{"__session": valid.Token, "__client_uat": uat}, prod},
		{"br-referrer-accounts", "signed in, from the instance's Account Portal", "GET", dash,
			with(doc, "Referer", "https://accounts.oracle.example/sign-in"), map[string]string{"__session": valid.Token, "__client_uat": uat}, prod},
		{"br-referrer-fapi", "signed in, from the Frontend API", "GET", dash,
			with(doc, "Referer", "https://clerk.oracle.example/v1/client"), map[string]string{"__session": valid.Token, "__client_uat": uat}, prod},
		{"br-referrer-loop", "signed in, from another site, after a handshake", "GET", dash,
			with(doc, "Referer", "https://search.example/"), map[string]string{"__session": valid.Token, "__client_uat": uat, "__clerk_redirect_count": "1"}, prod},
		{"br-referrer-dev-portal", "development: signed in, from a development Account Portal", "GET", dash,
			with(doc, "Referer", "https://happy-hippo-1.accounts.dev/sign-in"),
			map[string]string{"__session": valid.Token, "__client_uat": uat, "__clerk_db_jwt": "dvb_1"}, dev},

		// Back from the handshake: the nonce (Backend API) and the token.
		{"br-nonce-prod", "back with a nonce that signs in", "GET", dash + "?__clerk_handshake_nonce=nonce_in", doc, nil, prod},
		{"br-nonce-cookie-prod", "back with the nonce in a cookie", "GET", dash, doc, map[string]string{"__clerk_handshake_nonce": "nonce_in"}, prod},
		{"br-nonce-signed-out", "back with a nonce that signs out", "GET", dash + "?__clerk_handshake_nonce=nonce_out", doc, nil, prod},
		{"br-nonce-unknown", "back with a nonce Clerk does not know (404)", "GET", dash + "?__clerk_handshake_nonce=nonce_unknown", doc, nil, prod},
		{"br-nonce-expired-session", "back with a nonce whose session token is expired", "GET", dash + "?__clerk_handshake_nonce=nonce_expired", doc, nil, prod},
		{"br-hs-token-prod", "back with a handshake token", "GET", dash + "?__clerk_handshake=" + handshakeToken(signedInCookies, nil, g.s), doc, nil, prod},
		{"br-hs-token-template-prod", "a handshake token of a JWT template's category", "GET",
			dash + "?__clerk_handshake=" + handshakeToken(signedInCookies, func(h map[string]any) { h["cat"] = catTemplate }, g.s), doc, nil, prod},
		{"br-hs-token-forged-prod", "a handshake token signed by another key", "GET",
			dash + "?__clerk_handshake=" + handshakeToken(signedInCookies, nil, forger), doc, nil, prod},

		// Proxies.
		{"br-proxy-abs", "an absolute proxy URL", "GET", dash, doc, map[string]string{"__session": expired.Token, "__client_uat": uat}, proxyAbs},
		{"br-proxy-rel", "a relative proxy URL", "GET", dash, doc, map[string]string{"__session": expired.Token, "__client_uat": uat}, proxyRel},

		// Refresh with the refresh cookie.
		{"br-refresh-ok", "an expired token and a refresh cookie: refreshed with the Backend API", "GET", dash, doc,
			map[string]string{"__session": expiredRefresh.Token, "__client_uat": uat, "__refresh_" + sfx: "rt_oracle"}, prod},
		{"br-refresh-gone", "the refresh fails (404): the handshake names why", "GET", dash, doc,
			map[string]string{"__session": expiredRefreshGone.Token, "__client_uat": uat, "__refresh_" + sfx: "rt_oracle"}, prod},
		{"br-refresh-post", "a refresh cookie, a POST: not eligible", "POST", dash, api0,
			map[string]string{"__session": expiredRefresh.Token, "__client_uat": uat, "__refresh_" + sfx: "rt_oracle"}, prod},

		// Development instances: the dev-browser token.
		{"br-dev-no-db-doc", "development: a page request without a dev-browser token", "GET", dash, doc, nil, dev},
		{"br-dev-no-db-api", "development: an API request with a session but no dev-browser token", "GET", dash, api0,
			map[string]string{"__session": valid.Token, "__client_uat": uat}, dev},
		{"br-dev-db-query", "development: a dev-browser token in the URL", "GET", dash + "?__clerk_db_jwt=dvb_q&x=1", doc, nil, dev},
		{"br-dev-signed-in", "development: signed in", "GET", dash, doc,
			map[string]string{"__session": valid.Token, "__client_uat": uat, "__clerk_db_jwt": "dvb_1"}, dev},
		{"br-dev-expired-doc", "development: an expired token, the handshake carries the dev-browser token", "GET", dash, doc,
			map[string]string{"__session": expired.Token, "__client_uat": uat, "__clerk_db_jwt": "dvb_1"}, dev},
		{"br-dev-nonce", "development: back with a nonce, then to the URL without it", "GET", dash + "?__clerk_handshake_nonce=nonce_in&x=1", doc,
			map[string]string{"__clerk_db_jwt": "dvb_1"}, dev},
		{"br-dev-hs-token", "development: back with a handshake token", "GET",
			dash + "?__clerk_handshake=" + handshakeToken(signedInCookies, nil, g.s) + "&__clerk_db_jwt=dvb_1&__clerk_help=1&y=2", doc, nil, dev},
		{"br-dev-hs-signed-out", "development: a handshake token that signs out", "GET",
			dash + "?__clerk_handshake=" + handshakeToken(signedOutCookies, nil, g.s), doc, map[string]string{"__clerk_db_jwt": "dvb_1"}, dev},
		{"br-dev-hs-forged", "development: a handshake token signed by another key fails the request", "GET",
			dash + "?__clerk_handshake=" + handshakeToken(signedInCookies, nil, forger), doc, nil, dev},
		{"br-dev-hs-skew", "development: a handshake's session token expired ten minutes ago (clock skew)", "GET",
			dash + "?__clerk_handshake=" + handshakeToken([]string{"__session=" + expired.Token + "; Path=/"}, nil, g.s), doc, nil, dev},
		{"br-dev-redirect-url", "a development primary answers a satellite's sync", "GET",
			dash + "?__clerk_redirect_url=" + "https%3A%2F%2Fsat.example%2Fx%3Fy%3D1", doc, map[string]string{"__clerk_db_jwt": "dvb_1"}, dev},

		// Satellites.
		{"br-sat-prod-first-visit", "a production satellite, no cookies, no sync asked", "GET", sat, doc, nil, satOpts(false)},
		{"br-sat-prod-needs-sync", "a production satellite asked to sync", "GET", sat + "?__clerk_synced=false", doc, nil, satOpts(false)},
		{"br-sat-prod-synced", "a production satellite, sync done", "GET", sat + "?__clerk_synced=true", doc, nil, satOpts(false)},
		{"br-sat-dev-needs-sync", "a development satellite asked to sync: to the primary's sign-in", "GET", sat + "?__clerk_synced=false", doc,
			map[string]string{"__clerk_db_jwt": "dvb_1"}, satOpts(true)},

		// Signed-out page requests: RequireAuth's redirect to sign-in.
		{"br-signin-path", "signed out; a sign-in path on the app", "GET", dash + "?tab=1", doc, nil,
			signIn(prod, signInSpec{BaseURL: dash + "?tab=1", SignInURL: "/sign-in"}, clerk.WithSignInURL("/sign-in"))},
		{"br-signin-accounts", "signed out; no sign-in URL: the Account Portal", "GET", dash, doc, nil,
			signIn(prod, signInSpec{BaseURL: dash})},
		{"br-signin-dev-cross", "development, signed out: the dev-browser token goes to another host's sign-in", "GET", dash, doc,
			map[string]string{"__clerk_db_jwt": "dvb_1"},
			signIn(dev, signInSpec{BaseURL: dash, SignInURL: "https://accounts.oracle.example/sign-in", DevBrowserToken: "dvb_1"},
				clerk.WithSignInURL("https://accounts.oracle.example/sign-in"))},
		{"br-signin-dev-same", "development, signed out: a sign-in on the app's own host", "GET", dash, doc,
			map[string]string{"__clerk_db_jwt": "dvb_1"},
			signIn(dev, signInSpec{BaseURL: dash, SignInURL: appOrigin + "/sign-in", DevBrowserToken: "dvb_1"}, clerk.WithSignInURL(appOrigin+"/sign-in"))},
		{"br-signin-satellite", "a satellite, signed out: to the primary's sign-in, to sync on return", "GET", sat, doc, nil,
			signIn(satOpts(false), signInSpec{BaseURL: sat, SignInURL: appOrigin + "/sign-in", IsSatellite: true})},
		{"br-signin-pending", "a pending session: to the sign-in's tasks", "GET", dash, doc,
			map[string]string{"__session": pending.Token, "__client_uat": uat},
			signIn(prod, signInSpec{BaseURL: dash, SignInURL: "/sign-in", SessionStatus: "pending"}, clerk.WithSignInURL("/sign-in"))},
	}
	out := make([]*tokenCase, len(specs))
	for i, s := range specs {
		hdr := map[string]string{}
		for k, v := range s.headers {
			hdr[k] = v
		}
		if len(s.cookies) > 0 {
			hdr["Cookie"] = cookieHeader(s.cookies)
		}
		out[i] = &tokenCase{ID: s.id, Kind: "request", Note: s.note, Browser: s.b,
			Request: &requestSpec{Method: s.method, URL: s.url, Headers: hdr}}
		if s.id == "br-unsuffixed-upper-iss" {
			// JS chooses the unsuffixed cookie (it has no iss) and signs in
			// with it; so does Go, which then refuses it for its issuer.
			out[i].Intent = goChecksIssuerShapeInCookie
		}
	}
	return out
}

// compareBrowser compares the states of a browser case.
func compareBrowser(tc *tokenCase, js *jsResult, g *goResult) outcome {
	var o outcome
	if js.OracleError != "" {
		o.add("oracle", "the oracle failed: %s", js.OracleError)
		return o
	}
	if tc.Intent != nil && tc.Intent.Holds(js, g) {
		o.intent = tc.Intent
		return o
	}
	st := g.state
	jsStatus, goStatus := js.Verdict.Status, string(st.Status)
	if js.Verdict.Reason == "session-pending" {
		jsStatus = "signed-out" // signed in, then signed out by toAuth()
	}
	if st.Err != nil && !errors.Is(st.Err, clerk.ErrInvalidToken) && !errors.Is(st.Err, clerk.ErrNoToken) {
		goStatus = "error"
	}
	if jsStatus != goStatus {
		o.add("state", "status: JS %s (%s: %s), Go %s (%s: %v)", jsStatus, js.Verdict.Reason, js.Verdict.Message, goStatus, st.Reason, st.Err)
		return o
	}
	switch jsStatus {
	case "signed-in":
		if js.Auth == nil || js.Auth.UserID != st.Auth.UserID || js.Auth.SessionID != st.Auth.SessionID {
			o.add("state", "signed in as JS %s, Go %s/%s", show(js.Auth), st.Auth.UserID, st.Auth.SessionID)
		}
	case "signed-out", "handshake":
		if js.Verdict.Reason != st.Reason {
			o.add("reason", "reason: JS %q, Go %q (%v)", js.Verdict.Reason, st.Reason, st.Err)
		}
	}
	if jsStatus != "error" {
		if jl, gl := js.Verdict.Headers["location"], st.Header.Get("Location"); jl != gl {
			o.add("location", "Location:\n    JS %s\n    Go %s", jl, gl)
		}
		if jc, gc := js.Verdict.SetCookies, st.Header.Values("Set-Cookie"); !slices.Equal(jc, gc) && (len(jc) > 0 || len(gc) > 0) {
			o.add("set-cookie", "Set-Cookie:\n    JS %q\n    Go %q", jc, gc)
		}
		if jc, gc := js.Verdict.Headers["cache-control"], st.Header.Get("Cache-Control"); jc != gc {
			o.add("cache-control", "Cache-Control: JS %q, Go %q", jc, gc)
		}
	}
	if tc.Browser.SignIn != nil && js.SignInRedirect != g.signIn {
		o.add("sign-in", "sign-in redirect:\n    JS %s\n    Go %s", js.SignInRedirect, g.signIn)
	}
	return o
}

// evalBrowser authenticates a browser case's request with Authenticate
// and, for a case that asks, reads RequireAuth's redirect.
func (s *goSide) evalBrowser(t *testing.T, c *clerk.Client, tc *tokenCase) *goResult {
	t.Helper()
	build := func() *http.Request {
		r := httptest.NewRequestWithContext(t.Context(), tc.Request.Method, tc.Request.URL, nil)
		for k, v := range tc.Request.Headers {
			r.Header.Set(k, v)
		}
		return r
	}
	st := c.Authenticate(build())
	g := &goResult{err: st.Err, class: goClass(st.Err), auth: st.Auth, state: st}
	if tc.Browser.SignIn != nil {
		w := httptest.NewRecorder()
		c.RequireAuth()(http.NotFoundHandler()).ServeHTTP(w, build())
		g.signIn = w.Header().Get("Location")
	}
	return g
}

// browserClientOptions are the Go options of a browser case's instance.
func browserClientOptions(b *browserSpec) (string, []clerk.Option) {
	pk, sk := b.keys()
	return sk, append([]clerk.Option{clerk.WithPublishableKey(pk)}, b.GoOpts...)
}

// mustKey is a fresh RSA key, for a signer whose signatures the instance
// refuses.
func mustKey() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(crand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return k
}
