package enterprise

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

// TestModelsMatchTheSpec decodes a full instance of each schema into its
// model and writes it back: no property missing, none extra, none of the
// wrong type. Directory and GroupRoleMapping serve both families.
func TestModelsMatchTheSpec(t *testing.T) {
	t.Run("EnterpriseConnection", func(t *testing.T) {
		// The spec requires these two without declaring them (Clerk's JS
		// SDK reads both as booleans), so the example lacks them and the
		// model has them.
		e := spectest.Expect(t, ".authenticatable: in the model, not in the spec", ".disable_jit_provisioning: in the model, not in the spec")
		spectest.CheckModel[Connection](e, "EnterpriseConnection")
		e.Done()
	})
	t.Run("EnterpriseConnectionTestRun", func(t *testing.T) { spectest.CheckModel[TestRun](t, "EnterpriseConnectionTestRun") })
	t.Run("EnterpriseConnectionTestRunResponse", func(t *testing.T) {
		spectest.CheckModel[TestRunURL](t, "EnterpriseConnectionTestRunResponse")
	})
	t.Run("Directory", func(t *testing.T) { spectest.CheckModel[Directory](t, "Directory") })
	t.Run("SCIMDirectory", func(t *testing.T) { spectest.CheckModel[Directory](t, "SCIMDirectory") })
	t.Run("DirectoryGroupRoleMapping", func(t *testing.T) {
		spectest.CheckModel[GroupRoleMapping](t, "DirectoryGroupRoleMapping")
	})
	t.Run("SCIMGroupRoleMapping", func(t *testing.T) { spectest.CheckModel[GroupRoleMapping](t, "SCIMGroupRoleMapping") })
	t.Run("Role", func(t *testing.T) { spectest.CheckModel[Role](t, "Role") })
	t.Run("Permission", func(t *testing.T) { spectest.CheckModel[Permission](t, "Permission") })
}

// TestLinkTokenMatchesTheSpec: the link token's schemas are inline in the
// two operations, so the model is checked by a round trip through each
// answer's validation (additionalProperties is false in both: an extra
// field fails) and a comparison of names with the create answer's schema.
func TestLinkTokenMatchesTheSpec(t *testing.T) {
	for _, tt := range []struct {
		path   string
		status int
		token  string
	}{
		{"/v1/admin_portal_link_tokens", 201, linkTokenSecret},
		{"/v1/admin_portal_link_tokens/aplt_3beecc9c60adb5f9b850e91a83beecc9/revoke", 200, ""},
	} {
		var tok LinkToken
		require.NoError(t, internal.Unmarshal([]byte(linkTokenJSON(tt.token, tt.token == "")), &tok))
		b, err := internal.MarshalAPI(tok)
		require.NoError(t, err)
		r := httptest.NewRequest(http.MethodPost, tt.path, nil)
		assert.NoError(t, spectest.ValidateResponse(r, tt.status, http.Header{"Content-Type": {"application/json"}}, b))
	}
	spectest.CheckNames(t, LinkToken{}, spectest.ResponseSchema(t, http.MethodPost, "/admin_portal_link_tokens", "201"))
}

// TestParamsMatchTheSpec compares each params type's names with its
// operation's query parameters or body properties, both ways.
func TestParamsMatchTheSpec(t *testing.T) {
	spectest.CheckQuery(t, "GET", "/enterprise_connections", ListConnectionsParams{})
	spectest.CheckQuery(t, "GET", "/enterprise_connections/{enterprise_connection_id}/test_runs", ListTestRunsParams{})
	spectest.CheckQuery(t, "GET", "/directories", ListDirectoriesParams{})
	spectest.CheckQuery(t, "GET", "/scim_directories", ListDirectoriesParams{})

	spectest.CheckBody(t, "POST", "/enterprise_connections", CreateConnectionParams{})
	spectest.CheckBody(t, "PATCH", "/enterprise_connections/{enterprise_connection_id}", UpdateConnectionParams{})

	spectest.CheckBody(t, "POST", "/directories", CreateDirectoryParams{})
	spectest.CheckBody(t, "PATCH", "/directories/{directory_id}", UpdateDirectoryParams{})
	spectest.CheckBody(t, "PUT", "/directories/{directory_id}/group_role_mappings", ReplaceGroupRoleMappingsParams{})
	// The /directories params leave out the earlier SCIM names, which the
	// spec still takes beside the current ones (SCIMDirectories sends
	// them).
	e := spectest.Expect(t, `"scim_group_id" is in the spec, not in the params`)
	spectest.CheckBody(e, "POST", "/directories/{directory_id}/group_role_mappings", CreateGroupRoleMappingParams{})
	e.Done()

	spectest.CheckBody(t, "POST", "/scim_directories", scimCreateBody{})
	spectest.CheckBody(t, "PATCH", "/scim_directories/{scim_directory_id}", UpdateDirectoryParams{})
	spectest.CheckBody(t, "POST", "/scim_directories/{scim_directory_id}/group_role_mappings", scimCreateMappingBody{})
	spectest.CheckBody(t, "PUT", "/scim_directories/{scim_directory_id}/group_role_mappings", scimReplaceBody{})

	spectest.CheckBody(t, "POST", "/admin_portal_link_tokens", CreateLinkTokenParams{})
	spectest.CheckBody(t, "POST", "/admin_portal_link_tokens/{adminPortalLinkTokenID}/revoke", RevokeLinkTokenParams{})
}

// TestNestedParamsMatchTheSpec does for the params' nested objects what
// the top-level checks do: the spec server would not notice a misspelt
// nested name where the schema allows unknown members.
func TestNestedParamsMatchTheSpec(t *testing.T) {
	const connections, connection = "/enterprise_connections", "/enterprise_connections/{enterprise_connection_id}"
	// SAMLParams serves both: name can be changed on Update only.
	e := spectest.Expect(t, `"name" is in the params, not in the spec`)
	spectest.CheckBody(e, "POST", connections, SAMLParams{}, "saml")
	e.Done()
	spectest.CheckBody(t, "PATCH", connection, SAMLParams{}, "saml")
	spectest.CheckBody(t, "POST", connections, SAMLAttributeMapping{}, "saml", "attribute_mapping")
	spectest.CheckBody(t, "PATCH", connection, LoginHint{}, "saml", "login_hint")
	spectest.CheckBody(t, "POST", connections, OIDCParams{}, "oidc")
	spectest.CheckBody(t, "PATCH", connection, OIDCParams{}, "oidc")
	spectest.CheckBody(t, "POST", connections, CustomAttribute{}, "custom_attributes")
	spectest.CheckBody(t, "PATCH", connection, CustomAttribute{}, "custom_attributes")

	// The /directories params leave out the earlier SCIM names, which the
	// spec still takes beside the current ones (SCIMDirectories sends
	// them).
	e = spectest.Expect(t, `"scim_group_display_name" is in the spec, not in the params`, `"scim_group_id" is in the spec, not in the params`)
	spectest.CheckBody(e, "POST", "/directories", GroupRoleMappingParams{}, "group_role_mappings")
	e.Done()
	e = spectest.Expect(t, `"scim_group_id" is in the spec, not in the params`)
	spectest.CheckBody(e, "PUT", "/directories/{directory_id}/group_role_mappings", GroupRole{}, "mappings")
	e.Done()
	spectest.CheckBody(t, "POST", "/scim_directories", scimMapping{}, "group_role_mappings")
	// The replace body's items take no display name or precedence: one
	// scimMapping serves them with those left empty, as
	// ReplaceGroupRoleMappings leaves them.
	spectest.CheckBody(t, "PUT", "/scim_directories/{scim_directory_id}/group_role_mappings", struct {
		SCIMGroupID string `json:"scim_group_id"`
		RoleID      string `json:"role_id"`
	}{}, "mappings")
}
