package instance

import (
	"net/http"
	"testing"

	"github.com/go-clerk/clerk/internal/spectest"
)

// TestModelsMatchSpec decodes a full instance of each model's schema and
// writes it back: no property of the spec is missing from a model, none of
// a model's fields is outside the spec, none has the wrong type.
func TestModelsMatchSpec(t *testing.T) {
	for _, tc := range []struct {
		schema string
		check  func(testing.TB, string)
	}{
		{"Instance", spectest.CheckModel[Instance]},
		{"InstanceRestrictions", spectest.CheckModel[Restrictions]},
		{"OrganizationSettings", spectest.CheckModel[OrganizationSettings]},
		{"InstanceCommunication", spectest.CheckModel[Communication]},
		{"OAuthApplicationSettings", spectest.CheckModel[OAuthApplicationSettings]},
		{"InstanceProtect", spectest.CheckModel[Protect]},
		{"Domain", spectest.CheckModel[Domain]},
		{"CNameTarget", spectest.CheckModel[CNAMETarget]},
		{"Domains", spectest.CheckModel[Page[Domain]]},
		{"ProxyCheck", spectest.CheckModel[ProxyCheck]},
		{"RedirectURL", spectest.CheckModel[RedirectURL]},
		{"AllowlistIdentifier", spectest.CheckModel[Identifier]},
		{"BlocklistIdentifier", spectest.CheckModel[Identifier]},
		{"BlocklistIdentifiers", spectest.CheckModel[Page[Identifier]]},
		{"JWTTemplate", spectest.CheckModel[JWTTemplate]},
		{"JWKS", spectest.CheckModel[JWKS]},
		{"SvixURL", spectest.CheckModel[SvixURL]},
	} {
		t.Run(tc.schema, func(t *testing.T) { tc.check(t, tc.schema) })
	}
}

// TestJWKMatchesEveryKeySchema checks JWK against each key schema of the
// spec's JWKS on its own (TestModelsMatchSpec sees their union).
func TestJWKMatchesEveryKeySchema(t *testing.T) {
	for _, schema := range []string{
		"JWKS.ed25519.PublicKey", "JWKS.ecdsa.PublicKey", "JWKS.rsa.PublicKey",
		"JWKS.ed25519.PrivateKey", "JWKS.ecdsa.PrivateKey", "JWKS.rsa.PrivateKey", "JWKS.symmetric.Key",
	} {
		t.Run(schema, func(t *testing.T) { spectest.CheckModel[JWK](t, schema) })
	}
}

// TestSettingsMatchesSpec compares Settings with the answer of PATCH
// /beta_features/instance_settings, whose schema is written inline in the
// spec (CheckModel takes a component's name). TestCalls checks a decoded
// answer against it too.
func TestSettingsMatchesSpec(t *testing.T) {
	spectest.CheckNames(t, Settings{}, spectest.ResponseSchema(t, http.MethodPatch, "/beta_features/instance_settings", "200"))
}

// TestParamsMatchSpec compares each params type's names with its
// operation's query parameters or body properties, both ways.
func TestParamsMatchSpec(t *testing.T) {
	bodies := []struct {
		method, path string
		params       any
	}{
		{"PATCH", "/instance", UpdateParams{}},
		{"PATCH", "/instance/restrictions", UpdateRestrictionsParams{}},
		{"PATCH", "/instance/organization_settings", UpdateOrganizationSettingsParams{}},
		{"PATCH", "/instance/communication", UpdateCommunicationParams{}},
		{"PATCH", "/instance/oauth_application_settings", UpdateOAuthApplicationSettingsParams{}},
		{"PATCH", "/instance/protect", UpdateProtectParams{}},
		{"PATCH", "/beta_features/instance_settings", UpdateSettingsParams{}},
		{"POST", "/instance/change_domain", ChangeDomainParams{}},
		{"POST", "/domains", CreateDomainParams{}},
		{"PATCH", "/domains/{domain_id}", UpdateDomainParams{}},
		{"POST", "/proxy_checks", VerifyProxyParams{}},
		{"POST", "/redirect_urls", CreateRedirectURLParams{}},
		{"POST", "/allowlist_identifiers", CreateAllowListIdentifierParams{}},
		{"POST", "/blocklist_identifiers", CreateBlockListIdentifierParams{}},
		{"POST", "/jwt_templates", JWTTemplateParams{}},
		{"PATCH", "/jwt_templates/{template_id}", JWTTemplateParams{}},
	}
	for _, b := range bodies {
		t.Run(b.method+" "+b.path, func(t *testing.T) { spectest.CheckBody(t, b.method, b.path, b.params) })
	}
	for _, path := range []string{"/redirect_urls", "/allowlist_identifiers", "/jwt_templates"} {
		t.Run("GET "+path, func(t *testing.T) {
			spectest.CheckQuery(t, "GET", path, ListParams{}, "paginated") // every List sends paginated=true
		})
	}
	// The bodiless calls: the spec declares no body and no query for them.
	for _, op := range []struct{ method, path string }{
		{"GET", "/instance"}, {"GET", "/instance/organization_settings"}, {"GET", "/instance/communication"},
		{"GET", "/instance/oauth_application_settings"}, {"GET", "/instance/protect"}, {"GET", "/jwks"},
		{"POST", "/webhooks/svix"}, {"DELETE", "/webhooks/svix"}, {"POST", "/webhooks/svix_url"},
		{"GET", "/domains"}, {"GET", "/blocklist_identifiers"},
	} {
		t.Run(op.method+" "+op.path, func(t *testing.T) {
			spectest.CheckQuery(t, op.method, op.path, struct{}{})
			spectest.CheckBody(t, op.method, op.path, struct{}{})
		})
	}
}
