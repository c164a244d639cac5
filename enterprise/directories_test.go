package enterprise

import (
	"context"
	"errors"
	"io"
	"iter"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

// directoryAPI is the method set DirectoryService and SCIMDirectoryService
// share: the tests below run over both.
type directoryAPI interface {
	List(context.Context, *ListDirectoriesParams) (*Page[Directory], error)
	All(context.Context, *ListDirectoriesParams) iter.Seq2[*Directory, error]
	Create(context.Context, *CreateDirectoryParams) (*Directory, error)
	Get(context.Context, string) (*Directory, error)
	Update(context.Context, string, *UpdateDirectoryParams) (*Directory, error)
	Delete(context.Context, string) error
	RotateAPIKey(context.Context, string) (*Directory, error)
	ListGroupRoleMappings(context.Context, string) (*Page[GroupRoleMapping], error)
	CreateGroupRoleMapping(context.Context, string, *CreateGroupRoleMappingParams) (*GroupRoleMapping, error)
	ReplaceGroupRoleMappings(context.Context, string, *ReplaceGroupRoleMappingsParams) (*Page[GroupRoleMapping], error)
	DeleteGroupRoleMapping(context.Context, string, string) error
}

var (
	_ directoryAPI = (*DirectoryService)(nil)
	_ directoryAPI = (*SCIMDirectoryService)(nil)
)

// family is one of the two path families, with what differs on the wire.
type family struct {
	name          string
	root          string // "/directories"
	idParam       string // the path parameter's name, in errors
	object        string // Directory.Object
	mappingObject string // GroupRoleMapping.Object
	group         string // the JSON name of a group's ID in requests
	groupName     string // ... and of its display name
	service       func(t *testing.T) (directoryAPI, *spectest.Server)
}

var families = []family{
	{
		name: "Directories", root: "/directories", idParam: "directory_id",
		object: "directory", mappingObject: "directory_group_role_mapping",
		group: "directory_group_id", groupName: "directory_group_display_name",
		service: func(t *testing.T) (directoryAPI, *spectest.Server) { return setup[DirectoryService](t) },
	},
	{
		name: "SCIMDirectories", root: "/scim_directories", idParam: "scim_directory_id",
		object: "scim_directory", mappingObject: "scim_group_role_mapping",
		group: "scim_group_id", groupName: "scim_group_display_name",
		service: func(t *testing.T) (directoryAPI, *spectest.Server) { return setup[SCIMDirectoryService](t) },
	},
}

// wire replaces the group field names of a request body by the family's.
func (f family) wire(body string) string {
	return strings.NewReplacer("GROUP_NAME", f.groupName, "GROUP", f.group).Replace(body)
}

func TestDirectories(t *testing.T) {
	for _, f := range families {
		t.Run(f.name, func(t *testing.T) {
			svc, srv := f.service(t)
			ctx := context.Background()
			dir := directoryJSON(f.object)
			body := func(r *http.Request) string { b, _ := io.ReadAll(r.Body); return string(b) }
			mux := srv.Mux
			mux.HandleFunc("GET "+f.root, func(w http.ResponseWriter, r *http.Request) {
				assert.Equal(t, "500", r.URL.Query().Get("limit")) // List's, and All's maximum
				assert.Subset(t, []string{"", "0"}, []string{r.URL.Query().Get("offset")})
				spectest.WriteJSON(w, 200, `{"data":[`+dir+`],"total_count":1}`)
			})
			mux.HandleFunc("POST "+f.root, func(w http.ResponseWriter, r *http.Request) {
				assert.JSONEq(t, f.wire(`{"enterprise_connection_id": "ent_1", "name": "Acme", "provider": "okta",
					"group_role_mappings": [{"GROUP": "grp_admins", "GROUP_NAME": "Admins", "role_id": "role_1", "precedence": 1},
						{"GROUP": "grp_all", "role_id": "role_2"}]}`), body(r))
				spectest.WriteJSON(w, 200, dir)
			})
			mux.HandleFunc("GET "+f.root+"/{id}", func(w http.ResponseWriter, r *http.Request) {
				assert.Equal(t, "dir_1", r.PathValue("id"))
				spectest.WriteJSON(w, 200, strings.Replace(dir, `"api_key": "`+apiKeySecret+`"`, `"api_key": null`, 1))
			})
			var patches []string
			mux.HandleFunc("PATCH "+f.root+"/{id}", func(w http.ResponseWriter, r *http.Request) {
				patches = append(patches, body(r))
				spectest.WriteJSON(w, 200, dir)
			})
			mux.HandleFunc("DELETE "+f.root+"/{id}", func(w http.ResponseWriter, r *http.Request) {
				spectest.WriteJSON(w, 200, `{"object":"`+f.object+`","id":"dir_1","deleted":true}`)
			})
			mux.HandleFunc("POST "+f.root+"/{id}/rotate_api_key", func(w http.ResponseWriter, r *http.Request) {
				assert.Empty(t, body(r))
				spectest.WriteJSON(w, 200, dir)
			})

			page, err := svc.List(ctx, &ListDirectoriesParams{Limit: new(500)})
			require.NoError(t, err)
			require.Len(t, page.Data, 1)
			assert.Equal(t, f.object, page.Data[0].Object)
			n := 0
			for d, err := range svc.All(ctx, nil) {
				require.NoError(t, err)
				assert.Equal(t, "dir_1", d.ID)
				n++
			}
			assert.Equal(t, 1, n)

			d, err := svc.Create(ctx, &CreateDirectoryParams{
				EnterpriseConnectionID: "ent_1", Name: new("Acme"), Provider: "okta",
				GroupRoleMappings: []GroupRoleMappingParams{
					{DirectoryGroupID: "grp_admins", DirectoryGroupDisplayName: new("Admins"), RoleID: "role_1", Precedence: new(1)},
					{DirectoryGroupID: "grp_all", RoleID: "role_2"},
				},
			})
			require.NoError(t, err)
			assert.Equal(t, Directory{
				Object: f.object, ID: "dir_1", Name: "Acme directory", EnterpriseConnectionID: "ent_1",
				EndpointURL: "https://clerk.example.com/scim/v2/dir_1", Provider: "okta", Enabled: true,
				GroupRoleMappingEnabled: true, AttributeMapping: map[string]string{"email_address": "emails[primary eq true].value"},
				CustomAttributes: []CustomAttribute{{Name: "Department", Key: "department", SCIMPath: "urn:dept", DirectoryPath: "urn:dept"}},
				APIKey:           d.APIKey, CreatedAt: ms(1716883200000), UpdatedAt: ms(1716883300000),
			}, *d)
			assert.Equal(t, apiKeySecret, d.APIKey.Reveal())

			got, err := svc.Get(ctx, "dir_1")
			require.NoError(t, err)
			assert.True(t, got.APIKey.IsZero(), "Get answers no key")

			_, err = svc.Update(ctx, "dir_1", nil)
			require.NoError(t, err)
			_, err = svc.Update(ctx, "dir_1", &UpdateDirectoryParams{
				Enabled: new(false), GroupRoleMappingEnabled: new(true),
				AttributeMapping: map[string]*string{"first_name": new("name.givenName"), "last_name": nil},
			})
			require.NoError(t, err)
			assert.Equal(t, []string{`{}`, `{"enabled":false,"attribute_mapping":{"first_name":"name.givenName","last_name":null},"group_role_mapping_enabled":true}`}, patches)

			rotated, err := svc.RotateAPIKey(ctx, "dir_1")
			require.NoError(t, err)
			assert.Equal(t, apiKeySecret, rotated.APIKey.Reveal())

			require.NoError(t, svc.Delete(ctx, "dir_1"))
			assert.Equal(t, 1, srv.Count("DELETE", "/v1"+f.root+"/dir_1"))
		})
	}
}

func TestGroupRoleMappings(t *testing.T) {
	for _, f := range families {
		t.Run(f.name, func(t *testing.T) {
			svc, srv := f.service(t)
			ctx := context.Background()
			list := `{"data":[` + mappingJSON(f.mappingObject, "grm_1", 1) + `,` + mappingJSON(f.mappingObject, "grm_2", 2) + `],"total_count":2}`
			var puts []string
			mux := srv.Mux
			mux.HandleFunc("GET "+f.root+"/{id}/group_role_mappings", func(w http.ResponseWriter, r *http.Request) {
				assert.Empty(t, r.URL.RawQuery)
				spectest.WriteJSON(w, 200, list)
			})
			mux.HandleFunc("POST "+f.root+"/{id}/group_role_mappings", func(w http.ResponseWriter, r *http.Request) {
				b, _ := io.ReadAll(r.Body)
				assert.JSONEq(t, f.wire(`{"GROUP": "grp_admins", "role_id": "role_1", "precedence": 2}`), string(b))
				spectest.WriteJSON(w, 200, mappingJSON(f.mappingObject, "grm_3", 2))
			})
			mux.HandleFunc("PUT "+f.root+"/{id}/group_role_mappings", func(w http.ResponseWriter, r *http.Request) {
				b, _ := io.ReadAll(r.Body)
				puts = append(puts, string(b))
				spectest.WriteJSON(w, 200, list)
			})
			mux.HandleFunc("DELETE "+f.root+"/{id}/group_role_mappings/{mapping}", func(w http.ResponseWriter, r *http.Request) {
				assert.Equal(t, "grm_1", r.PathValue("mapping"))
				spectest.WriteJSON(w, 200, `{"object":"`+f.mappingObject+`","id":"grm_1","deleted":true}`)
			})

			page, err := svc.ListGroupRoleMappings(ctx, "dir_1")
			require.NoError(t, err)
			require.Len(t, page.Data, 2)
			assert.Equal(t, int64(2), page.TotalCount)
			m := page.Data[0]
			assert.Equal(t, GroupRoleMapping{
				Object: f.mappingObject, ID: "grm_1", DirectoryID: "dir_1", SCIMDirectoryID: "dir_1",
				DirectoryGroupID: "grp_admins", SCIMGroupID: "grp_admins",
				DirectoryGroupDisplayName: "Admins", SCIMGroupDisplayName: "Admins",
				Role: &Role{
					Object: "role", ID: "role_1", Name: "Admin", Key: "org:admin", IsCreatorEligible: true,
					Permissions: []Permission{{Object: "permission", ID: "perm_1", Name: "Manage", Key: "org:sys_memberships:manage",
						Description: "d", Type: "system", CreatedAt: ms(1716000000000), UpdatedAt: ms(1716000000001)}},
					CreatedAt: ms(1716000000002), UpdatedAt: ms(1716000000003),
				},
				Precedence: 1, CreatedAt: ms(1716883200000), UpdatedAt: ms(1716883300000),
			}, *m)

			created, err := svc.CreateGroupRoleMapping(ctx, "dir_1", &CreateGroupRoleMappingParams{DirectoryGroupID: "grp_admins", RoleID: "role_1", Precedence: new(2)})
			require.NoError(t, err)
			assert.Equal(t, "grm_3", created.ID)

			replaced, err := svc.ReplaceGroupRoleMappings(ctx, "dir_1", &ReplaceGroupRoleMappingsParams{Mappings: []GroupRole{
				{DirectoryGroupID: "grp_admins", RoleID: "role_1"}, {DirectoryGroupID: "grp_all", RoleID: "role_2"},
			}})
			require.NoError(t, err)
			assert.Len(t, replaced.Data, 2)
			assert.Equal(t, int64(2), replaced.TotalCount)
			_, err = svc.ReplaceGroupRoleMappings(ctx, "dir_1", &ReplaceGroupRoleMappingsParams{})
			require.NoError(t, err)
			require.Len(t, puts, 2)
			assert.JSONEq(t, f.wire(`{"mappings": [{"GROUP": "grp_admins", "role_id": "role_1"}, {"GROUP": "grp_all", "role_id": "role_2"}]}`), puts[0])
			assert.JSONEq(t, `{"mappings": []}`, puts[1], "empty Mappings remove them all: [], never null")

			require.NoError(t, svc.DeleteGroupRoleMapping(ctx, "dir_1", "grm_1"))
			assert.Equal(t, 1, srv.Count("DELETE", "/v1"+f.root+"/dir_1/group_role_mappings/grm_1"))
		})
	}
}

// TestDirectoriesRefusedLocally: nil params and empty required fields
// where the endpoint needs them, and bad IDs, fail with ErrInvalidParams
// and send nothing.
func TestDirectoriesRefusedLocally(t *testing.T) {
	for _, f := range families {
		t.Run(f.name, func(t *testing.T) {
			svc, srv := f.service(t)
			ctx := context.Background()
			for _, tt := range []struct {
				name string
				call func() error
				want string
			}{
				{"create nil", func() error { _, err := svc.Create(ctx, nil); return err }, "needs params"},
				{"create no connection", func() error {
					_, err := svc.Create(ctx, &CreateDirectoryParams{Provider: "okta"})
					return err
				}, "enterprise_connection_id is required"},
				{"create no provider", func() error {
					_, err := svc.Create(ctx, &CreateDirectoryParams{EnterpriseConnectionID: "ent_1"})
					return err
				}, "provider is required"},
				{"create mapping without role", func() error {
					_, err := svc.Create(ctx, &CreateDirectoryParams{EnterpriseConnectionID: "ent_1", Provider: "okta",
						GroupRoleMappings: []GroupRoleMappingParams{{DirectoryGroupID: "g", RoleID: "r"}, {DirectoryGroupID: "g2"}}})
					return err
				}, "group_role_mappings[1].role_id is required"},
				{"create group role mapping nil", func() error { _, err := svc.CreateGroupRoleMapping(ctx, "dir_1", nil); return err }, "needs params"},
				{"create group role mapping no group", func() error {
					_, err := svc.CreateGroupRoleMapping(ctx, "dir_1", &CreateGroupRoleMappingParams{RoleID: "r"})
					return err
				}, "directory_group_id is required"},
				{"replace nil", func() error { _, err := svc.ReplaceGroupRoleMappings(ctx, "dir_1", nil); return err }, "send empty Mappings"},
				{"replace mapping without group", func() error {
					_, err := svc.ReplaceGroupRoleMappings(ctx, "dir_1", &ReplaceGroupRoleMappingsParams{Mappings: []GroupRole{{RoleID: "r"}}})
					return err
				}, "mappings[0].directory_group_id is required"},
				{"get empty ID", func() error { _, err := svc.Get(ctx, ""); return err }, f.idParam + " is empty"},
				{"update dot-dot", func() error { _, err := svc.Update(ctx, "..", nil); return err }, f.idParam},
				{"delete empty ID", func() error { return svc.Delete(ctx, "") }, f.idParam + " is empty"},
				{"rotate query in ID", func() error { _, err := svc.RotateAPIKey(ctx, "dir_1?x=1"); return err }, f.idParam},
				{"list mappings empty ID", func() error { _, err := svc.ListGroupRoleMappings(ctx, ""); return err }, f.idParam + " is empty"},
				{"delete mapping empty mapping ID", func() error { return svc.DeleteGroupRoleMapping(ctx, "dir_1", "") }, "mapping_id is empty"},
			} {
				t.Run(tt.name, func(t *testing.T) {
					err := tt.call()
					require.Error(t, err)
					assert.True(t, errors.Is(err, internal.ErrInvalidParams), "%v", err)
					assert.Contains(t, err.Error(), tt.want)
				})
			}
			assert.Empty(t, srv.Operations(), "nothing was sent")
		})
	}
}
