package instance

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

// callCase is one public method called once: the request it must send and
// the answer it gets.
type callCase struct {
	name string
	call func(ctx context.Context, s *services) (any, error)
	// method and path are what must reach the server (path as sent, under
	// /v1), query its query (nil: none) and body its JSON body ("": none).
	method, path string
	query        url.Values
	body         string
	// status and answer are the server's answer: answer is a schema name
	// (answered with spectest.Example) or a JSON literal; "" answers no
	// body.
	status int
	answer string
}

// answerBody turns a case's answer into bytes.
func (c callCase) answerBody(t testing.TB) []byte {
	switch {
	case c.answer == "":
		return nil
	case strings.HasPrefix(c.answer, "[]"): // a bare array of one full item
		return []byte("[" + string(example(t, c.answer[2:])) + "]")
	case strings.HasPrefix(c.answer, "{"):
		return []byte(c.answer)
	}
	return example(t, c.answer)
}

// q is a query with paginated=true, as every paged List sends.
func q(kv ...string) url.Values {
	v := url.Values{"paginated": {"true"}}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v
}

func callCases() []callCase {
	return []callCase{
		// Instance settings.
		{name: "Instance.Get", method: "GET", path: "/instance", status: 200, answer: "Instance",
			call: func(ctx context.Context, s *services) (any, error) { return s.instance.Get(ctx) }},
		{name: "Instance.Update", method: "PATCH", path: "/instance", status: 204,
			body: `{"test_mode":false,"hibp":true,"support_email":"help@example.com","clerk_js_version":"5",
				"development_origin":"http://localhost:3000","allowed_origins":[],"cookieless_dev":false,
				"url_based_session_syncing":true,"preferred_sign_in_strategy_when_password_required":""}`,
			call: func(ctx context.Context, s *services) (any, error) {
				return nil, s.instance.Update(ctx, &UpdateParams{
					TestMode: new(false), HIBP: new(true), SupportEmail: new("help@example.com"), ClerkJSVersion: new("5"),
					DevelopmentOrigin: new("http://localhost:3000"), AllowedOrigins: []string{}, CookielessDev: new(false),
					URLBasedSessionSyncing: new(true), PreferredSignInStrategyWhenPasswordRequired: new(""),
				})
			}},
		{name: "Instance.Update nil params", method: "PATCH", path: "/instance", status: 204, body: `{}`,
			call: func(ctx context.Context, s *services) (any, error) { return nil, s.instance.Update(ctx, nil) }},
		{name: "Instance.UpdateRestrictions", method: "PATCH", path: "/instance/restrictions", status: 200, answer: "InstanceRestrictions",
			body: `{"allowlist":true,"blocklist":false,"allowlist_blocklist_disabled_on_sign_in":true,
				"block_email_subaddresses":true,"block_disposable_email_domains":false}`,
			call: func(ctx context.Context, s *services) (any, error) {
				return s.instance.UpdateRestrictions(ctx, &UpdateRestrictionsParams{
					Allowlist: new(true), Blocklist: new(false), AllowlistBlocklistDisabledOnSignIn: new(true),
					BlockEmailSubaddresses: new(true), BlockDisposableEmailDomains: new(false),
				})
			}},
		{name: "Instance.GetOrganizationSettings", method: "GET", path: "/instance/organization_settings", status: 200, answer: "OrganizationSettings",
			call: func(ctx context.Context, s *services) (any, error) { return s.instance.GetOrganizationSettings(ctx) }},
		{name: "Instance.UpdateOrganizationSettings", method: "PATCH", path: "/instance/organization_settings", status: 200, answer: "OrganizationSettings",
			body: `{"enabled":true,"max_allowed_memberships":0,"admin_delete_enabled":false,"domains_enabled":true,"slug_disabled":false,
				"domains_enrollment_modes":["automatic_invitation"],"creator_role_id":"role_1","domains_default_role_id":"role_2"}`,
			call: func(ctx context.Context, s *services) (any, error) {
				return s.instance.UpdateOrganizationSettings(ctx, &UpdateOrganizationSettingsParams{
					Enabled: new(true), MaxAllowedMemberships: new(0), AdminDeleteEnabled: new(false), DomainsEnabled: new(true),
					SlugDisabled: new(false), DomainsEnrollmentModes: []string{"automatic_invitation"},
					CreatorRoleID: new("role_1"), DomainsDefaultRoleID: new("role_2"),
				})
			}},
		{name: "Instance.GetCommunication", method: "GET", path: "/instance/communication", status: 200, answer: "InstanceCommunication",
			call: func(ctx context.Context, s *services) (any, error) { return s.instance.GetCommunication(ctx) }},
		{name: "Instance.UpdateCommunication", method: "PATCH", path: "/instance/communication", status: 200, answer: "InstanceCommunication",
			body: `{"blocked_country_codes":["RU","KP"]}`,
			call: func(ctx context.Context, s *services) (any, error) {
				return s.instance.UpdateCommunication(ctx, &UpdateCommunicationParams{BlockedCountryCodes: []string{"RU", "KP"}})
			}},
		{name: "Instance.UpdateCommunication unblocks all", method: "PATCH", path: "/instance/communication", status: 200, answer: "InstanceCommunication",
			body: `{"blocked_country_codes":[]}`,
			call: func(ctx context.Context, s *services) (any, error) {
				return s.instance.UpdateCommunication(ctx, &UpdateCommunicationParams{BlockedCountryCodes: []string{}})
			}},
		{name: "Instance.GetOAuthApplicationSettings", method: "GET", path: "/instance/oauth_application_settings", status: 200, answer: "OAuthApplicationSettings",
			call: func(ctx context.Context, s *services) (any, error) {
				return s.instance.GetOAuthApplicationSettings(ctx)
			}},
		{name: "Instance.UpdateOAuthApplicationSettings", method: "PATCH", path: "/instance/oauth_application_settings", status: 200, answer: "OAuthApplicationSettings",
			body: `{"dynamic_oauth_client_registration":true,"default_scopes":["openid","email"],"oauth_jwt_access_tokens":false,
				"client_id_metadata_documents_advertised":true,"client_id_metadata_documents_only_allow_pre_registered_clients":false,
				"client_id_metadata_documents_block_implicitly_allowed_clients":true}`,
			call: func(ctx context.Context, s *services) (any, error) {
				return s.instance.UpdateOAuthApplicationSettings(ctx, &UpdateOAuthApplicationSettingsParams{
					DynamicOAuthClientRegistration: new(true), DefaultScopes: NewNullable([]string{"openid", "email"}),
					OAuthJWTAccessTokens: new(false), ClientIDMetadataDocumentsAdvertised: new(true),
					ClientIDMetadataDocumentsOnlyAllowPreRegisteredClients: new(false),
					ClientIDMetadataDocumentsBlockImplicitlyAllowedClients: new(true),
				})
			}},
		{name: "Instance.UpdateOAuthApplicationSettings resets the default scopes", method: "PATCH", path: "/instance/oauth_application_settings",
			status: 200, answer: "OAuthApplicationSettings", body: `{"default_scopes":null}`,
			call: func(ctx context.Context, s *services) (any, error) {
				return s.instance.UpdateOAuthApplicationSettings(ctx, &UpdateOAuthApplicationSettingsParams{DefaultScopes: Null[[]string]()})
			}},
		{name: "Instance.GetProtect", method: "GET", path: "/instance/protect", status: 200, answer: "InstanceProtect",
			call: func(ctx context.Context, s *services) (any, error) { return s.instance.GetProtect(ctx) }},
		{name: "Instance.UpdateProtect", method: "PATCH", path: "/instance/protect", status: 200, answer: "InstanceProtect",
			body: `{"rules_enabled":true,"specter_enabled":false}`,
			call: func(ctx context.Context, s *services) (any, error) {
				return s.instance.UpdateProtect(ctx, &UpdateProtectParams{RulesEnabled: new(true), SpecterEnabled: new(false)})
			}},
		// Beta features.
		{name: "Instance.UpdateSettings", method: "PATCH", path: "/beta_features/instance_settings", status: 200,
			answer: `{"object":"instance_settings","id":"ins_1","restricted_to_allowlist":true,"from_email_address":"auth",
				"progressive_sign_up":false,"enhanced_email_deliverability":false}`,
			body: `{"restricted_to_allowlist":true,"from_email_address":"auth","progressive_sign_up":false,"test_mode":true}`,
			call: func(ctx context.Context, s *services) (any, error) {
				return s.instance.UpdateSettings(ctx, &UpdateSettingsParams{
					RestrictedToAllowlist: new(true), FromEmailAddress: new("auth"), ProgressiveSignUp: new(false), TestMode: new(true),
				})
			}},
		{name: "Instance.ChangeDomain", method: "POST", path: "/instance/change_domain", status: 202,
			body: `{"home_url":"https://www.example.com","is_secondary":false}`,
			call: func(ctx context.Context, s *services) (any, error) {
				return nil, s.instance.ChangeDomain(ctx, &ChangeDomainParams{HomeURL: new("https://www.example.com"), IsSecondary: new(false)})
			}},
		// JWKS and the Svix app.
		{name: "Instance.JWKS", method: "GET", path: "/jwks", status: 200,
			answer: `{"keys":[{"use":"sig","kty":"RSA","kid":"ins_1","alg":"RS256","n":"qYy3MY8fOneEyzNDu9lp","e":"AQAB"}]}`,
			call:   func(ctx context.Context, s *services) (any, error) { return s.instance.JWKS(ctx) }},
		{name: "Instance.CreateSvixApp", method: "POST", path: "/webhooks/svix", status: 200, answer: "SvixURL",
			call: func(ctx context.Context, s *services) (any, error) { return s.instance.CreateSvixApp(ctx) }},
		{name: "Instance.DeleteSvixApp", method: "DELETE", path: "/webhooks/svix", status: 204,
			call: func(ctx context.Context, s *services) (any, error) { return nil, s.instance.DeleteSvixApp(ctx) }},
		{name: "Instance.SvixDashboardURL", method: "POST", path: "/webhooks/svix_url", status: 200, answer: "SvixURL",
			call: func(ctx context.Context, s *services) (any, error) { return s.instance.SvixDashboardURL(ctx) }},
		// Domains and proxy checks.
		{name: "Domains.List", method: "GET", path: "/domains", status: 200, answer: "Domains",
			call: func(ctx context.Context, s *services) (any, error) { return s.domains.List(ctx) }},
		{name: "Domains.Create", method: "POST", path: "/domains", status: 200, answer: "Domain",
			body: `{"name":"satellite.example.com","is_satellite":true,"proxy_url":"https://satellite.example.com/__clerk"}`,
			call: func(ctx context.Context, s *services) (any, error) {
				return s.domains.Create(ctx, &CreateDomainParams{Name: "satellite.example.com", IsSatellite: true, ProxyURL: new("https://satellite.example.com/__clerk")})
			}},
		{name: "Domains.Update", method: "PATCH", path: "/domains/dmn_1", status: 200, answer: "Domain",
			body: `{"name":"example.org","proxy_url":"https://example.org/__clerk","is_secondary":true}`,
			call: func(ctx context.Context, s *services) (any, error) {
				return s.domains.Update(ctx, "dmn_1", &UpdateDomainParams{Name: new("example.org"), ProxyURL: NewNullable("https://example.org/__clerk"), IsSecondary: new(true)})
			}},
		{name: "Domains.Update back to DNS", method: "PATCH", path: "/domains/dmn_1", status: 200, answer: "Domain",
			body: `{"proxy_url":null}`,
			call: func(ctx context.Context, s *services) (any, error) {
				return s.domains.Update(ctx, "dmn_1", &UpdateDomainParams{ProxyURL: Null[string]()})
			}},
		{name: "Domains.Update nil params", method: "PATCH", path: "/domains/dmn_1", status: 200, answer: "Domain", body: `{}`,
			call: func(ctx context.Context, s *services) (any, error) { return s.domains.Update(ctx, "dmn_1", nil) }},
		{name: "Domains.Delete", method: "DELETE", path: "/domains/dmn_1", status: 200, answer: "DeletedObject",
			call: func(ctx context.Context, s *services) (any, error) { return nil, s.domains.Delete(ctx, "dmn_1") }},
		{name: "Domains.VerifyProxy", method: "POST", path: "/proxy_checks", status: 200, answer: "ProxyCheck",
			body: `{"domain_id":"dmn_1","proxy_url":"https://example.com/__clerk"}`,
			call: func(ctx context.Context, s *services) (any, error) {
				return s.domains.VerifyProxy(ctx, &VerifyProxyParams{DomainID: new("dmn_1"), ProxyURL: new("https://example.com/__clerk")})
			}},
		// Redirect URLs.
		{name: "RedirectURLs.List", method: "GET", path: "/redirect_urls", query: q("limit", "20", "offset", "40"), status: 200, answer: "[]RedirectURL",
			call: func(ctx context.Context, s *services) (any, error) {
				return s.redirectURLs.List(ctx, &ListParams{Limit: new(20), Offset: new(40)})
			}},
		{name: "RedirectURLs.List nil params", method: "GET", path: "/redirect_urls", query: q(), status: 200, answer: "[]RedirectURL",
			call: func(ctx context.Context, s *services) (any, error) { return s.redirectURLs.List(ctx, nil) }},
		{name: "RedirectURLs.Get", method: "GET", path: "/redirect_urls/ru_1", status: 200, answer: "RedirectURL",
			call: func(ctx context.Context, s *services) (any, error) { return s.redirectURLs.Get(ctx, "ru_1") }},
		{name: "RedirectURLs.Create", method: "POST", path: "/redirect_urls", status: 200, answer: "RedirectURL",
			body: `{"url":"my-app://oauth-callback"}`,
			call: func(ctx context.Context, s *services) (any, error) {
				return s.redirectURLs.Create(ctx, &CreateRedirectURLParams{URL: "my-app://oauth-callback"})
			}},
		{name: "RedirectURLs.Delete", method: "DELETE", path: "/redirect_urls/ru_1", status: 200, answer: "DeletedObject",
			call: func(ctx context.Context, s *services) (any, error) { return nil, s.redirectURLs.Delete(ctx, "ru_1") }},
		// The allow-list and the block-list.
		{name: "AllowList.List", method: "GET", path: "/allowlist_identifiers", query: q("limit", "5"), status: 200, answer: "[]AllowlistIdentifier",
			call: func(ctx context.Context, s *services) (any, error) {
				return s.allowList.List(ctx, &ListParams{Limit: new(5)})
			}},
		{name: "AllowList.Create", method: "POST", path: "/allowlist_identifiers", status: 200, answer: "AllowlistIdentifier",
			body: `{"identifier":"ada@example.com","notify":true}`,
			call: func(ctx context.Context, s *services) (any, error) {
				return s.allowList.Create(ctx, &CreateAllowListIdentifierParams{Identifier: "ada@example.com", Notify: new(true)})
			}},
		{name: "AllowList.Delete", method: "DELETE", path: "/allowlist_identifiers/alid_1", status: 200, answer: "DeletedObject",
			call: func(ctx context.Context, s *services) (any, error) { return nil, s.allowList.Delete(ctx, "alid_1") }},
		{name: "BlockList.List", method: "GET", path: "/blocklist_identifiers", status: 200, answer: "BlocklistIdentifiers",
			call: func(ctx context.Context, s *services) (any, error) { return s.blockList.List(ctx) }},
		{name: "BlockList.Create", method: "POST", path: "/blocklist_identifiers", status: 200, answer: "BlocklistIdentifier",
			body: `{"identifier":"spam.example"}`,
			call: func(ctx context.Context, s *services) (any, error) {
				return s.blockList.Create(ctx, &CreateBlockListIdentifierParams{Identifier: "spam.example"})
			}},
		{name: "BlockList.Delete", method: "DELETE", path: "/blocklist_identifiers/blid_1", status: 200, answer: "DeletedObject",
			call: func(ctx context.Context, s *services) (any, error) { return nil, s.blockList.Delete(ctx, "blid_1") }},
		// JWT templates.
		{name: "JWTTemplates.List", method: "GET", path: "/jwt_templates", query: q(), status: 200, answer: "[]JWTTemplate",
			call: func(ctx context.Context, s *services) (any, error) { return s.jwtTemplates.List(ctx, nil) }},
		{name: "JWTTemplates.Get", method: "GET", path: "/jwt_templates/jtmp_1", status: 200, answer: "JWTTemplate",
			call: func(ctx context.Context, s *services) (any, error) { return s.jwtTemplates.Get(ctx, "jtmp_1") }},
		{name: "JWTTemplates.Create", method: "POST", path: "/jwt_templates", status: 200, answer: "JWTTemplate",
			body: `{"name":"hasura","claims":{"role":"{{user.public_metadata.role}}"},"lifetime":60,"allowed_clock_skew":5,
				"custom_signing_key":true,"signing_algorithm":"HS256","signing_key":"a-shared-secret"}`,
			call: func(ctx context.Context, s *services) (any, error) {
				return s.jwtTemplates.Create(ctx, &JWTTemplateParams{
					Name: "hasura", Claims: Metadata{"role": "{{user.public_metadata.role}}"}, Lifetime: new(60), AllowedClockSkew: new(5),
					CustomSigningKey: new(true), SigningAlgorithm: new("HS256"), SigningKey: internal.NewSecret("a-shared-secret"),
				})
			}},
		{name: "JWTTemplates.Update", method: "PATCH", path: "/jwt_templates/jtmp_1", status: 200, answer: "JWTTemplate",
			body: `{"name":"hasura","claims":{},"lifetime":3600}`,
			call: func(ctx context.Context, s *services) (any, error) {
				return s.jwtTemplates.Update(ctx, "jtmp_1", &JWTTemplateParams{Name: "hasura", Claims: Metadata{}, Lifetime: new(3600)})
			}},
		{name: "JWTTemplates.Delete", method: "DELETE", path: "/jwt_templates/jtmp_1", status: 200, answer: "DeletedObject",
			call: func(ctx context.Context, s *services) (any, error) { return nil, s.jwtTemplates.Delete(ctx, "jtmp_1") }},
	}
}

// TestCalls calls every public method against the spec server, which
// checks the request and (its status declared) the answer against the
// spec; the test checks the request's method, path, query and body, and
// that the result holds the whole answer: written back as the API writes
// it, it is the answer again.
func TestCalls(t *testing.T) {
	for _, tc := range callCases() {
		t.Run(tc.name, func(t *testing.T) {
			s, srv := setup(t, spectest.WithResponseValidation())
			answer := tc.answerBody(t)
			srv.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
				assert.Equal(t, tc.method, r.Method, "method")
				assert.Equal(t, tc.path, r.URL.EscapedPath(), "path")
				if tc.query == nil {
					assert.Empty(t, r.URL.Query(), "query")
				} else {
					assert.Equal(t, tc.query, r.URL.Query(), "query")
				}
				b, err := io.ReadAll(r.Body)
				assert.NoError(t, err)
				if tc.body == "" {
					assert.Empty(t, b, "body")
				} else {
					assert.JSONEq(t, tc.body, string(b), "body")
				}
				if answer == nil {
					w.WriteHeader(tc.status)
					return
				}
				spectest.WriteJSON(w, tc.status, answer)
			})
			got, err := tc.call(context.Background(), s)
			require.NoError(t, err)
			assert.Equal(t, 1, srv.Count(tc.method, "/v1"+tc.path), "one request")
			if got == nil || reflect.ValueOf(got).IsNil() {
				if tc.status == 200 && !strings.HasSuffix(tc.answer, "DeletedObject") {
					t.Fatalf("no result for an answer of %s", tc.answer)
				}
				return
			}
			v := reflect.ValueOf(got).Elem()
			if v.Type().Name() != "" && strings.HasPrefix(v.Type().Name(), "Page[") && answer[0] == '[' {
				got = v.FieldByName("Data").Interface() // a bare-array answer: the page's items
			}
			back, err := internal.MarshalAPI(got)
			require.NoError(t, err)
			assert.JSONEq(t, string(answer), string(back), "the result, written back")
		})
	}
}
