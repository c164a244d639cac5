package enterprise

import (
	"context"
	"fmt"
	"iter"
	"net/http"

	"github.com/go-clerk/clerk/internal"
)

// DirectoryService calls the directory endpoints (/directories):
// clerk.Client.Directories. It is safe for concurrent use.
//
// A directory receives a customer's users and groups from their identity
// provider over SCIM: create one for an enterprise connection, give the
// customer's IT admin its EndpointURL and APIKey, and map their groups to
// organization roles.
type DirectoryService internal.Service

func (s *DirectoryService) core() *internal.Client { return (*internal.Service)(s).Client() }

// ListDirectoriesParams page directories. Nil params list them all.
type ListDirectoriesParams struct {
	// Limit is the page size, 1 to 500 (the API's default is 10).
	Limit *int `url:"limit"`
	// Offset skips that many directories.
	Offset *int `url:"offset"`
}

// List returns one page of the instance's directories. Clerk API:
// GET /directories.
func (s *DirectoryService) List(ctx context.Context, params *ListDirectoriesParams) (*Page[Directory], error) {
	return internal.List[Directory](ctx, s.core(), "/directories", params)
}

// All iterates over every directory, fetching pages of params.Limit (500,
// the maximum, when unset or larger) lazily from params.Offset; params is
// copied, never changed. It yields an error once and stops. Clerk API:
// GET /directories.
func (s *DirectoryService) All(ctx context.Context, params *ListDirectoriesParams) iter.Seq2[*Directory, error] {
	return internal.All(ctx, params, internal.Paging[Directory]{Max: maxLimit, ID: directoryID}, s.List)
}

func directoryID(d *Directory) string { return d.ID }

// CreateDirectoryParams are the fields of a new directory.
// EnterpriseConnectionID and Provider are required.
type CreateDirectoryParams struct {
	// EnterpriseConnectionID is the enterprise connection the directory
	// provisions users for.
	EnterpriseConnectionID string `json:"enterprise_connection_id"`
	// Name is the directory's display name.
	Name *string `json:"name,omitempty"`
	// Provider is the identity provider.
	Provider string `json:"provider"`
	// GroupRoleMappings are created with the directory.
	GroupRoleMappings []GroupRoleMappingParams `json:"group_role_mappings,omitempty"`
}

// GroupRoleMappingParams are a group-role mapping created with its
// directory (CreateDirectoryParams). DirectoryGroupID and RoleID are
// required.
type GroupRoleMappingParams struct {
	// DirectoryGroupID is the group's ID at the identity provider.
	DirectoryGroupID string `json:"directory_group_id"`
	// DirectoryGroupDisplayName is the group's name, up to 255 characters.
	DirectoryGroupDisplayName *string `json:"directory_group_display_name,omitempty"`
	// RoleID is the ID of the organization role the group's members get.
	RoleID string `json:"role_id"`
	// Precedence ranks the mapping, from 1 (lower wins); by default the
	// mappings rank in their order.
	Precedence *int `json:"precedence,omitempty"`
}

// check refuses what Create cannot send.
func (p *CreateDirectoryParams) check(method string) error {
	if p == nil {
		return internal.NoParams(method)
	}
	if err := internal.Required("enterprise_connection_id", p.EnterpriseConnectionID, "provider", p.Provider); err != nil {
		return err
	}
	for i, m := range p.GroupRoleMappings {
		if err := checkMapping("group_role_mappings", i, m.DirectoryGroupID, m.RoleID); err != nil {
			return err
		}
	}
	return nil
}

// checkMapping refuses a mapping without its group or its role; i is its
// index in the list named list.
func checkMapping(list string, i int, groupID, roleID string) error {
	return internal.Required(
		fmt.Sprintf("%s[%d].directory_group_id", list, i), groupID,
		fmt.Sprintf("%s[%d].role_id", list, i), roleID)
}

// Create creates a directory. Its answer is one of the two that carry the
// APIKey. Nil params, or a required field left empty, fail with
// ErrInvalidParams before any request. Clerk API: POST /directories.
func (s *DirectoryService) Create(ctx context.Context, params *CreateDirectoryParams) (*Directory, error) {
	if err := params.check("Directories.Create"); err != nil {
		return nil, err
	}
	return internal.Call[Directory](ctx, s.core(), http.MethodPost, "/directories", params)
}

// Get returns a directory (without its APIKey). Clerk API:
// GET /directories/{directory_id}.
func (s *DirectoryService) Get(ctx context.Context, directoryID string) (*Directory, error) {
	return internal.Call[Directory](ctx, s.core(), http.MethodGet, "/directories/{directory_id}", nil, directoryID)
}

// UpdateDirectoryParams change a directory; nil fields are left as they
// are.
type UpdateDirectoryParams struct {
	// Name renames the directory.
	Name *string `json:"name,omitempty"`
	// Enabled turns provisioning on or off.
	Enabled *bool `json:"enabled,omitempty"`
	// Provider changes the identity provider.
	Provider *string `json:"provider,omitempty"`
	// AttributeMapping is merged into the directory's: a key set to a path
	// maps that attribute, a key set to nil (sent as JSON null) removes it.
	AttributeMapping map[string]*string `json:"attribute_mapping,omitempty"`
	// GroupRoleMappingEnabled turns group-role mapping on or off.
	GroupRoleMappingEnabled *bool `json:"group_role_mapping_enabled,omitempty"`
}

// Update changes a directory. Nil params send an empty change. Clerk API:
// PATCH /directories/{directory_id}.
func (s *DirectoryService) Update(ctx context.Context, directoryID string, params *UpdateDirectoryParams) (*Directory, error) {
	return internal.Call[Directory](ctx, s.core(), http.MethodPatch, "/directories/{directory_id}", internal.OrEmpty(params), directoryID)
}

// Delete deletes a directory and stops its provisioning: requests with its
// API key are refused afterwards. Clerk API:
// DELETE /directories/{directory_id}.
func (s *DirectoryService) Delete(ctx context.Context, directoryID string) error {
	return internal.Exec(ctx, s.core(), http.MethodDelete, "/directories/{directory_id}", nil, directoryID)
}

// RotateAPIKey issues a new API key for a directory and answers it in
// APIKey, the only way to read it after Create: give it to the identity
// provider. The previous key keeps working for a short grace period. Clerk
// API: POST /directories/{directory_id}/rotate_api_key.
func (s *DirectoryService) RotateAPIKey(ctx context.Context, directoryID string) (*Directory, error) {
	return internal.Call[Directory](ctx, s.core(), http.MethodPost, "/directories/{directory_id}/rotate_api_key", nil, directoryID)
}

// ListGroupRoleMappings returns every group-role mapping of a directory,
// ordered by precedence. The endpoint is not paged: one call answers them
// all, so there is no AllGroupRoleMappings. Clerk API:
// GET /directories/{directory_id}/group_role_mappings.
func (s *DirectoryService) ListGroupRoleMappings(ctx context.Context, directoryID string) (*Page[GroupRoleMapping], error) {
	return internal.List[GroupRoleMapping](ctx, s.core(), "/directories/{directory_id}/group_role_mappings", nil, directoryID)
}

// CreateGroupRoleMappingParams are the fields of a new group-role mapping.
// DirectoryGroupID and RoleID are required.
type CreateGroupRoleMappingParams struct {
	// DirectoryGroupID is the group's ID at the identity provider.
	DirectoryGroupID string `json:"directory_group_id"`
	// RoleID is the ID of the organization role the group's members get.
	RoleID string `json:"role_id"`
	// Precedence ranks the mapping, from 1 (lower wins); by default it
	// ranks after the others.
	Precedence *int `json:"precedence,omitempty"`
}

// check refuses what CreateGroupRoleMapping cannot send.
func (p *CreateGroupRoleMappingParams) check(method string) error {
	if p == nil {
		return internal.NoParams(method)
	}
	return internal.Required("directory_group_id", p.DirectoryGroupID, "role_id", p.RoleID)
}

// CreateGroupRoleMapping maps a directory group to an organization role.
// The directory must have GroupRoleMappingEnabled. Nil params, or a
// required field left empty, fail with ErrInvalidParams before any
// request. Clerk API: POST /directories/{directory_id}/group_role_mappings.
func (s *DirectoryService) CreateGroupRoleMapping(ctx context.Context, directoryID string, params *CreateGroupRoleMappingParams) (*GroupRoleMapping, error) {
	if err := params.check("Directories.CreateGroupRoleMapping"); err != nil {
		return nil, err
	}
	return internal.Call[GroupRoleMapping](ctx, s.core(), http.MethodPost, "/directories/{directory_id}/group_role_mappings", params, directoryID)
}

// ReplaceGroupRoleMappingsParams are the whole new set of a directory's
// group-role mappings.
type ReplaceGroupRoleMappingsParams struct {
	// Mappings in order of precedence: the first gets 1. Empty (or nil)
	// removes every mapping.
	Mappings []GroupRole `json:"mappings"`
}

// GroupRole is one mapping of ReplaceGroupRoleMappingsParams: a directory
// group and the organization role its members get. Both are required.
type GroupRole struct {
	// DirectoryGroupID is the group's ID at the identity provider.
	DirectoryGroupID string `json:"directory_group_id"`
	// RoleID is the ID of the organization role.
	RoleID string `json:"role_id"`
}

// check refuses what ReplaceGroupRoleMappings cannot send.
func (p *ReplaceGroupRoleMappingsParams) check(method string) error {
	if p == nil {
		return internal.NoParams(method + " (to remove every mapping, send empty Mappings)")
	}
	for i, m := range p.Mappings {
		if err := checkMapping("mappings", i, m.DirectoryGroupID, m.RoleID); err != nil {
			return err
		}
	}
	return nil
}

// ReplaceGroupRoleMappings replaces the whole set of a directory's
// group-role mappings and answers the new set. The directory must have
// GroupRoleMappingEnabled. Nil params fail with ErrInvalidParams (they
// would otherwise remove every mapping by accident): send empty Mappings
// for that. Clerk API: PUT /directories/{directory_id}/group_role_mappings.
func (s *DirectoryService) ReplaceGroupRoleMappings(ctx context.Context, directoryID string, params *ReplaceGroupRoleMappingsParams) (*Page[GroupRoleMapping], error) {
	if err := params.check("Directories.ReplaceGroupRoleMappings"); err != nil {
		return nil, err
	}
	body := *params
	if body.Mappings == nil {
		body.Mappings = []GroupRole{} // the API wants an array, not null
	}
	return internal.CallList[GroupRoleMapping](ctx, s.core(), http.MethodPut, "/directories/{directory_id}/group_role_mappings", &body, directoryID)
}

// DeleteGroupRoleMapping deletes one group-role mapping of a directory.
// Clerk API: DELETE /directories/{directory_id}/group_role_mappings/{mapping_id}.
func (s *DirectoryService) DeleteGroupRoleMapping(ctx context.Context, directoryID, mappingID string) error {
	return internal.Exec(ctx, s.core(), http.MethodDelete, "/directories/{directory_id}/group_role_mappings/{mapping_id}", nil, directoryID, mappingID)
}
