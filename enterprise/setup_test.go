package enterprise

import (
	"fmt"
	"testing"
	"time"

	"github.com/go-clerk/clerk/internal/spectest"
)

// setup returns a service S of this package over a spec-checking server
// that also checks every answer the test's handlers write.
func setup[S any](t *testing.T) (*S, *spectest.Server) {
	t.Helper()
	return spectest.Setup[S](t, spectest.WithResponseValidation())
}

func ms(n int64) time.Time { return time.UnixMilli(n).UTC() }

// The secrets of the fixtures below: the tests look for them in every
// printed form.
const (
	apiKeySecret    = "scim_SECRET_api_key_1"
	linkTokenSecret = "aplt_SECRET_link_token"
	idTokenSecret   = "eyJ.SECRET_id_token"
	accessSecret    = "SECRET_access_token"
	samlRespSecret  = "PHNhbWxwOlJlc3BvbnNlIFNFQ1JFVA=="
	clientSecret    = "SECRET_oidc_client_secret"
)

// connectionJSON is a SAML enterprise connection as the API answers it.
const connectionJSON = `{
	"object": "enterprise_connection", "id": "ent_1", "name": "Acme Okta", "provider": "saml_okta",
	"logo_public_url": null, "active": true, "domains": ["acme.com"], "organization_id": "org_1",
	"sync_user_attributes": true, "disable_additional_identifications": false,
	"allow_organization_account_linking": true, "authenticatable": true, "disable_jit_provisioning": false,
	"custom_attributes": [{"name": "Department", "key": "department", "sso_path": "dept",
		"scim_path": "urn:dept", "directory_path": "urn:dept", "multi_valued": false}],
	"saml_connection": {"id": "samlc_1", "name": "Acme Okta", "idp_entity_id": "http://www.okta.com/exk1",
		"idp_sso_url": "https://acme.okta.com/sso", "idp_metadata_url": null,
		"acs_url": "https://clerk.example.com/v1/saml/acs/samlc_1", "sp_entity_id": "https://clerk.example.com/saml/samlc_1",
		"sp_metadata_url": "https://clerk.example.com/v1/saml/metadata/samlc_1", "active": true,
		"allow_idp_initiated": false, "allow_subdomains": true, "force_authn": false,
		"login_hint": {"mode": "email_address"}},
	"oauth_config": null,
	"created_at": 1716883200000, "updated_at": 1716883300000
}`

// testRunJSON is an OIDC test run with the IdP's tokens.
const testRunJSON = `{
	"id": "ectr_1", "status": "success", "connection_type": "oauth",
	"parsed_user_info": {"email_address": "ada@acme.com", "first_name": "Ada", "last_name": "Lovelace", "user_id": "00u1"},
	"logs": [{"level": "info", "code": "token_exchanged", "short_message": "ok", "message": "token exchanged"}],
	"saml": {"saml_request": "PHNhbWxwOkF1dGhuUmVxdWVzdA==", "saml_response": "` + samlRespSecret + `", "relay_state": "rs"},
	"oauth": {"id_token": "` + idTokenSecret + `", "access_token": "` + accessSecret + `", "user_info": "{\"sub\":\"00u1\"}"},
	"created_at": 1716883400000
}`

// directoryJSON is a directory as Create answers it (with its API key);
// object is "directory" or "scim_directory".
func directoryJSON(object string) string {
	return fmt.Sprintf(`{
	"object": %q, "id": "dir_1", "name": "Acme directory", "enterprise_connection_id": "ent_1",
	"endpoint_url": "https://clerk.example.com/scim/v2/dir_1", "provider": "okta", "enabled": true,
	"group_role_mapping_enabled": true, "attribute_mapping": {"email_address": "emails[primary eq true].value"},
	"custom_attributes": [{"name": "Department", "key": "department", "directory_path": "urn:dept", "scim_path": "urn:dept"}],
	"api_key": %q, "created_at": 1716883200000, "updated_at": 1716883300000
}`, object, apiKeySecret)
}

// mappingJSON is a group-role mapping; object is
// "directory_group_role_mapping" or "scim_group_role_mapping".
func mappingJSON(object, id string, precedence int) string {
	return fmt.Sprintf(`{
	"object": %q, "id": %q, "directory_id": "dir_1", "scim_directory_id": "dir_1",
	"directory_group_id": "grp_admins", "scim_group_id": "grp_admins",
	"directory_group_display_name": "Admins", "scim_group_display_name": "Admins",
	"role": {"object": "role", "id": "role_1", "name": "Admin", "key": "org:admin", "description": null,
		"is_creator_eligible": true, "permissions": [{"object": "permission", "id": "perm_1", "name": "Manage",
		"key": "org:sys_memberships:manage", "description": "d", "type": "system",
		"created_at": 1716000000000, "updated_at": 1716000000001}],
		"created_at": 1716000000002, "updated_at": 1716000000003},
	"precedence": %d, "created_at": 1716883200000, "updated_at": 1716883300000
}`, object, id, precedence)
}

// linkTokenJSON is an admin portal link token; token is "" for the
// revoke answer, which has none.
func linkTokenJSON(token string, revoked bool) string {
	tok := ""
	if token != "" {
		tok = fmt.Sprintf(`"token": %q, `, token)
	}
	return fmt.Sprintf(`{
	"object": "admin_portal_link_token", "id": "aplt_3beecc9c60adb5f9b850e91a83beecc9",
	"admin_portal_link_id": "apl_3beecc9c60adb5f9b850e91a8d2", "instance_id": "ins_2xhFjEI5X2qWRvtV13BzSj8H6Dk",
	"organization_id": "org_2xhFjEI5X2qWRvtV13BzSj8H6Dk", "it_contact_id": null, "scopes": ["admin_portal:read"],
	%s"revoked": %t, "revocation_reason": null, "expired": false, "expiration": 1716886800000,
	"created_at": 1716883200000, "updated_at": 1716883200000
}`, tok, revoked)
}
