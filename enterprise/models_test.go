package enterprise

import (
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
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
		e := expect(t, ".authenticatable: in the model, not in the spec", ".disable_jit_provisioning: in the model, not in the spec")
		spectest.CheckModel[Connection](e, "EnterpriseConnection")
		e.done()
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
	s := responseSchema(t, http.MethodPost, "/admin_portal_link_tokens", "201")
	assert.Equal(t, sortedNames(s), jsonNames(reflect.TypeFor[LinkToken]()))
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
	e := expect(t, `"scim_group_id" is in the spec, not in the params`)
	spectest.CheckBody(e, "POST", "/directories/{directory_id}/group_role_mappings", CreateGroupRoleMappingParams{})
	e.done()

	spectest.CheckBody(t, "POST", "/scim_directories", scimCreateBody{})
	spectest.CheckBody(t, "PATCH", "/scim_directories/{scim_directory_id}", UpdateDirectoryParams{})
	spectest.CheckBody(t, "POST", "/scim_directories/{scim_directory_id}/group_role_mappings", scimCreateMappingBody{})
	spectest.CheckBody(t, "PUT", "/scim_directories/{scim_directory_id}/group_role_mappings", scimReplaceBody{})

	spectest.CheckBody(t, "POST", "/admin_portal_link_tokens", CreateLinkTokenParams{})
	spectest.CheckBody(t, "POST", "/admin_portal_link_tokens/{adminPortalLinkTokenID}/revoke", RevokeLinkTokenParams{})
}

// TestNestedParamsMatchTheSpec does for the params' nested objects what
// CheckBody does for the top level: the spec server would not notice a
// misspelt nested name where the schema allows unknown members.
func TestNestedParamsMatchTheSpec(t *testing.T) {
	for _, tt := range []struct {
		method, path string
		props        []string
		typ          reflect.Type
		legacy       []string // spec names the type leaves out on purpose
		updateOnly   []string // type names the spec has on Update only
	}{
		{"POST", "/enterprise_connections", []string{"saml"}, reflect.TypeFor[SAMLParams](), nil, []string{"name"}},
		{"PATCH", "/enterprise_connections/{enterprise_connection_id}", []string{"saml"}, reflect.TypeFor[SAMLParams](), nil, nil},
		{"POST", "/enterprise_connections", []string{"saml", "attribute_mapping"}, reflect.TypeFor[SAMLAttributeMapping](), nil, nil},
		{"PATCH", "/enterprise_connections/{enterprise_connection_id}", []string{"saml", "login_hint"}, reflect.TypeFor[LoginHint](), nil, nil},
		{"POST", "/enterprise_connections", []string{"oidc"}, reflect.TypeFor[OIDCParams](), nil, nil},
		{"PATCH", "/enterprise_connections/{enterprise_connection_id}", []string{"oidc"}, reflect.TypeFor[OIDCParams](), nil, nil},
		{"POST", "/enterprise_connections", []string{"custom_attributes"}, reflect.TypeFor[CustomAttribute](), nil, nil},
		{"PATCH", "/enterprise_connections/{enterprise_connection_id}", []string{"custom_attributes"}, reflect.TypeFor[CustomAttribute](), nil, nil},
		{"POST", "/directories", []string{"group_role_mappings"}, reflect.TypeFor[GroupRoleMappingParams](), []string{"scim_group_display_name", "scim_group_id"}, nil},
		{"PUT", "/directories/{directory_id}/group_role_mappings", []string{"mappings"}, reflect.TypeFor[GroupRole](), []string{"scim_group_id"}, nil},
		{"POST", "/scim_directories", []string{"group_role_mappings"}, reflect.TypeFor[scimMapping](), nil, nil},
	} {
		t.Run(tt.method+" "+tt.path+" "+strings.Join(tt.props, "."), func(t *testing.T) {
			want := slices.DeleteFunc(sortedNames(bodySchema(t, tt.method, tt.path, tt.props...)),
				func(n string) bool { return slices.Contains(tt.legacy, n) })
			got := slices.DeleteFunc(jsonNames(tt.typ), func(n string) bool { return slices.Contains(tt.updateOnly, n) })
			assert.Equal(t, want, got)
		})
	}
	// The replace body's items take no display name or precedence: one
	// scimMapping serves them with those left empty, as
	// ReplaceGroupRoleMappings leaves them.
	s := bodySchema(t, "PUT", "/scim_directories/{scim_directory_id}/group_role_mappings", "mappings")
	assert.Equal(t, []string{"role_id", "scim_group_id"}, sortedNames(s))
}

// bodySchema returns the schema at props in an operation's JSON body (an
// array property stands for its items).
func bodySchema(t *testing.T, method, path string, props ...string) *openapi3.Schema {
	t.Helper()
	doc, err := spectest.Doc()
	require.NoError(t, err)
	op := doc.Paths.Find(path).GetOperation(method)
	require.NotNil(t, op, "%s %s", method, path)
	s := op.RequestBody.Value.Content.Get("application/json").Schema.Value
	return descend(t, s, props...)
}

// responseSchema returns the schema of an operation's JSON answer.
func responseSchema(t *testing.T, method, path, status string, props ...string) *openapi3.Schema {
	t.Helper()
	doc, err := spectest.Doc()
	require.NoError(t, err)
	op := doc.Paths.Find(path).GetOperation(method)
	require.NotNil(t, op, "%s %s", method, path)
	return descend(t, op.Responses.Value(status).Value.Content.Get("application/json").Schema.Value, props...)
}

func descend(t *testing.T, s *openapi3.Schema, props ...string) *openapi3.Schema {
	t.Helper()
	for _, p := range props {
		ref := s.Properties[p]
		require.NotNil(t, ref, "property %s", p)
		s = ref.Value
		if s.Type.Is("array") {
			s = s.Items.Value
		}
	}
	return s
}

func sortedNames(s *openapi3.Schema) []string {
	var out []string
	for n := range s.Properties {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// jsonNames lists, sorted, the JSON names a struct type is written with,
// as encoding/json sees them (a shallower field hides a deeper one).
func jsonNames(typ reflect.Type) []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range reflect.VisibleFields(typ) {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.Anonymous || !f.IsExported() || name == "" || name == "-" || seen[name] {
			continue
		}
		seen[name] = true
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}
