package organizations

import (
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

func TestCreate(t *testing.T) {
	tests := []struct {
		name     string
		params   *CreateParams
		wantBody string
	}{
		{
			name:     "name only",
			params:   &CreateParams{Name: "Acme Corp"},
			wantBody: `{"name":"Acme Corp"}`,
		},
		{
			name:     "with a creator and a slug",
			params:   &CreateParams{Name: "Acme Corp", Slug: new("acme-corp"), CreatedBy: new("user_creator")},
			wantBody: `{"name":"Acme Corp","slug":"acme-corp","created_by":"user_creator"}`,
		},
		{
			name: "every field",
			params: &CreateParams{
				Name: "Acme Corp", Slug: new("acme-corp"), CreatedBy: new("user_creator"),
				MaxAllowedMemberships: new(0), PublicMetadata: Metadata{"plan": "pro"}, PrivateMetadata: Metadata{},
				CreatedAt:  new(time.Date(2012, 10, 20, 7, 15, 20, 902e6, time.UTC)),
				RoleSetKey: new("default"),
			},
			wantBody: `{"name":"Acme Corp","slug":"acme-corp","created_by":"user_creator","max_allowed_memberships":0,
				"public_metadata":{"plan":"pro"},"private_metadata":{},"created_at":"2012-10-20T07:15:20.902Z","role_set_key":"default"}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, srv := setup(t, spectest.WithResponseValidation())
			srv.Mux.HandleFunc("POST /organizations", func(w http.ResponseWriter, r *http.Request) {
				assert.JSONEq(t, tt.wantBody, readBody(r))
				spectest.WriteJSON(w, 200, orgJSON("org_1", "acme-corp"))
			})
			o, err := svc.Create(context.Background(), tt.params)
			require.NoError(t, err)
			assert.Equal(t, wantOrg("org_1", "acme-corp"), o)
			assert.Equal(t, 1, srv.Count("POST", "/v1/organizations"))
		})
	}
}

func TestGet(t *testing.T) {
	tests := []struct {
		name      string
		idOrSlug  string
		params    *GetParams
		wantPath  string
		wantQuery url.Values
	}{
		{"by ID", "org_1", nil, "/v1/organizations/org_1", url.Values{}},
		{"by slug", "acme-corp", nil, "/v1/organizations/acme-corp", url.Values{}},
		{"with members count", "acme-corp", &GetParams{IncludeMembersCount: new(true)}, "/v1/organizations/acme-corp",
			url.Values{"include_members_count": {"true"}}},
		{"both flags, false is sent", "org_1", &GetParams{IncludeMembersCount: new(false), IncludeMissingMemberWithElevatedPermissions: new(true)},
			"/v1/organizations/org_1", url.Values{"include_members_count": {"false"}, "include_missing_member_with_elevated_permissions": {"true"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, srv := setup(t, spectest.WithResponseValidation())
			srv.Mux.HandleFunc("GET /organizations/{organization_id}", func(w http.ResponseWriter, r *http.Request) {
				assert.Equal(t, tt.wantQuery, r.URL.Query())
				// The fake knows one organization, by ID or by slug.
				switch r.PathValue("organization_id") {
				case "org_1", "acme-corp":
					spectest.WriteJSON(w, 200, orgJSON("org_1", "acme-corp"))
				default:
					spectest.WriteError(w, 404, "resource_not_found")
				}
			})
			o, err := svc.Get(context.Background(), tt.idOrSlug, tt.params)
			require.NoError(t, err)
			assert.Equal(t, "org_1", o.ID)
			assert.Equal(t, "acme-corp", o.Slug)
			assert.Equal(t, new(3), o.MembersCount)
			assert.Equal(t, 1, srv.Count("GET", tt.wantPath))
		})
	}
}

func TestList(t *testing.T) {
	tests := []struct {
		name      string
		params    *ListParams
		wantQuery url.Values
	}{
		{"nil params", nil, url.Values{}},
		{"empty params", &ListParams{}, url.Values{}},
		{
			name: "every filter",
			params: &ListParams{
				Query: new("acme"), UserIDs: []string{"user_1", "-user_2"}, OrganizationIDs: []string{"+org_1", "org_2"},
				OrderBy: new("-members_count"), IncludeMembersCount: new(true),
				IncludeMissingMemberWithElevatedPermissions: new(false), Limit: new(20), Offset: new(40),
			},
			wantQuery: url.Values{
				"query": {"acme"}, "user_id": {"user_1", "-user_2"}, "organization_id": {"+org_1", "org_2"},
				"order_by": {"-members_count"}, "include_members_count": {"true"},
				"include_missing_member_with_elevated_permissions": {"false"}, "limit": {"20"}, "offset": {"40"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, srv := setup(t, spectest.WithResponseValidation())
			srv.Mux.HandleFunc("GET /organizations", func(w http.ResponseWriter, r *http.Request) {
				assert.Equal(t, tt.wantQuery, r.URL.Query())
				spectest.WriteJSON(w, 200, `{"data":[`+orgJSON("org_1", "acme")+`,`+minimalOrgJSON("org_2")+`],"total_count":57}`)
			})
			page, err := svc.List(context.Background(), tt.params)
			require.NoError(t, err)
			assert.Equal(t, int64(57), page.TotalCount)
			require.Len(t, page.Data, 2)
			assert.Equal(t, wantOrg("org_1", "acme"), page.Data[0])
			assert.Equal(t, "org_2", page.Data[1].ID)
		})
	}
}

func TestAll(t *testing.T) {
	svc, srv := setup(t)
	const total = 1234
	store := newPageStore(total, func(i int) string { return minimalOrgJSON("org_" + strconv.Itoa(i)) })
	srv.Mux.HandleFunc("GET /organizations", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, []string{"user_1"}, r.URL.Query()["user_id"])
		store.ServeHTTP(w, r)
	})
	params := &ListParams{UserIDs: []string{"user_1"}}
	n := 0
	for o, err := range svc.All(context.Background(), params) {
		require.NoError(t, err)
		assert.Equal(t, "org_"+strconv.Itoa(n), o.ID)
		n++
	}
	assert.Equal(t, total, n)
	assert.Equal(t, []string{"500@0", "500@500", "500@1000"}, store.pages)
	assert.Equal(t, &ListParams{UserIDs: []string{"user_1"}}, params, "params unchanged")
}

func TestUpdate(t *testing.T) {
	tests := []struct {
		name     string
		params   *UpdateParams
		wantBody string
	}{
		{"nil params send an empty object", nil, `{}`},
		{"name", &UpdateParams{Name: new("Acme Inc")}, `{"name":"Acme Inc"}`},
		{
			"every field",
			&UpdateParams{
				Name: new("Acme Inc"), Slug: new("acme-inc"), MaxAllowedMemberships: new(10),
				AdminDeleteEnabled: new(false), CreatedAt: new(time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)), RoleSetKey: new("rs"),
			},
			`{"name":"Acme Inc","slug":"acme-inc","max_allowed_memberships":10,"admin_delete_enabled":false,
				"created_at":"2020-01-02T03:04:05Z","role_set_key":"rs"}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, srv := setup(t, spectest.WithResponseValidation())
			srv.Mux.HandleFunc("PATCH /organizations/{organization_id}", func(w http.ResponseWriter, r *http.Request) {
				assert.JSONEq(t, tt.wantBody, readBody(r))
				spectest.WriteJSON(w, 200, orgJSON(r.PathValue("organization_id"), "acme-inc"))
			})
			o, err := svc.Update(context.Background(), "org_1", tt.params)
			require.NoError(t, err)
			assert.Equal(t, "org_1", o.ID)
			assert.Equal(t, "acme-inc", o.Slug)
		})
	}
}

func TestMetadata(t *testing.T) {
	tests := []struct {
		name       string
		replace    bool
		params     *MetadataParams
		wantMethod string
		wantBody   string
	}{
		{"merge", false, &MetadataParams{Public: Metadata{"plan": "pro", "old": nil}}, "PATCH", `{"public_metadata":{"plan":"pro","old":null}}`},
		{"merge both", false, &MetadataParams{Public: Metadata{"a": 1}, Private: Metadata{"b": map[string]any{"c": true}}}, "PATCH",
			`{"public_metadata":{"a":1},"private_metadata":{"b":{"c":true}}}`},
		{"merge nil params", false, nil, "PATCH", `{}`},
		{"replace private with empty, public untouched", true, &MetadataParams{Private: Metadata{}}, "PUT", `{"private_metadata":{}}`},
		{"replace both", true, &MetadataParams{Public: Metadata{"x": "y"}, Private: Metadata{}}, "PUT", `{"public_metadata":{"x":"y"},"private_metadata":{}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, srv := setup(t, spectest.WithResponseValidation())
			h := func(w http.ResponseWriter, r *http.Request) {
				assert.Equal(t, tt.wantMethod, r.Method)
				assert.JSONEq(t, tt.wantBody, readBody(r))
				spectest.WriteJSON(w, 200, orgJSON(r.PathValue("organization_id"), "acme"))
			}
			srv.Mux.HandleFunc("PATCH /organizations/{organization_id}/metadata", h)
			srv.Mux.HandleFunc("PUT /organizations/{organization_id}/metadata", h)
			var (
				o   *Organization
				err error
			)
			if tt.replace {
				o, err = svc.ReplaceMetadata(context.Background(), "org_1", tt.params)
			} else {
				o, err = svc.UpdateMetadata(context.Background(), "org_1", tt.params)
			}
			require.NoError(t, err)
			assert.Equal(t, Metadata{"plan": "pro"}, o.PublicMetadata)
			assert.Equal(t, 1, srv.Count(tt.wantMethod, "/v1/organizations/org_1/metadata"))
		})
	}
}

func TestDelete(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("DELETE /organizations/{organization_id}", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteJSON(w, 200, `{"object":"organization","id":"`+r.PathValue("organization_id")+`","deleted":true}`)
	})
	require.NoError(t, svc.Delete(context.Background(), "org_1"))
	assert.Equal(t, 1, srv.Count("DELETE", "/v1/organizations/org_1"))
}

func TestSetLogo(t *testing.T) {
	tests := []struct {
		name         string
		params       *SetLogoParams
		wantFileName string
		wantFields   map[string]string
	}{
		{"file only", &SetLogoParams{File: strings.NewReader("\x89PNG fake")}, "logo", map[string]string{}},
		{"named, with uploader", &SetLogoParams{File: strings.NewReader("\x89PNG fake"), FileName: "acme.png", UploaderUserID: new("user_1")},
			"acme.png", map[string]string{"uploader_user_id": "user_1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, srv := setup(t, spectest.WithResponseValidation())
			srv.Mux.HandleFunc("PUT /organizations/{organization_id}/logo", func(w http.ResponseWriter, r *http.Request) {
				mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
				assert.NoError(t, err)
				assert.Equal(t, "multipart/form-data", mt)
				mr := multipart.NewReader(r.Body, params["boundary"])
				fields := map[string]string{}
				for {
					part, err := mr.NextPart()
					if err != nil {
						break
					}
					b, _ := io.ReadAll(part)
					if part.FormName() == "file" {
						assert.Equal(t, tt.wantFileName, part.FileName())
						assert.Equal(t, "\x89PNG fake", string(b))
						continue
					}
					fields[part.FormName()] = string(b)
				}
				assert.Equal(t, tt.wantFields, fields)
				// The answer is OrganizationWithLogo, deprecated logo_url included.
				body := withField(orgJSON("org_1", "acme"), "logo_url", `"https://img.clerk.com/org.png"`)
				spectest.WriteJSON(w, 200, body)
			})
			o, err := svc.SetLogo(context.Background(), "org_1", tt.params)
			require.NoError(t, err)
			assert.True(t, o.HasImage)
			assert.Equal(t, "https://img.clerk.com/org.png", o.ImageURL)
			assert.Equal(t, "https://img.clerk.com/org.png", o.LogoURL)
		})
	}
}

func TestDeleteLogo(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("DELETE /organizations/{organization_id}/logo", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteJSON(w, 200, minimalOrgJSON(r.PathValue("organization_id")))
	})
	// Like every Delete* method (ARCHITECTURE.md, "Rules every package
	// follows"), DeleteLogo returns only the error, although the API answers
	// the organization.
	err := svc.DeleteLogo(context.Background(), "org_1")
	require.NoError(t, err)
	assert.Equal(t, 1, srv.Count("DELETE", "/v1/organizations/org_1/logo"))
}

func TestErrors(t *testing.T) {
	create := func(svc *Service) error {
		_, err := svc.Create(context.Background(), &CreateParams{Name: "Acme", Slug: new("acme")})
		return err
	}
	get := func(svc *Service) error {
		_, err := svc.Get(context.Background(), "acme", nil)
		return err
	}
	tests := []struct {
		status    int
		body      string
		route     string
		call      func(*Service) error
		wantCalls int
		sentinel  error
	}{
		{404, `{"errors":[{"code":"resource_not_found","message":"not found","long_message":"Organization not found"}],"clerk_trace_id":"tr_1"}`,
			"GET /organizations/acme", get, 1, internal.ErrNotFound},
		{403, `{"errors":[{"code":"authorization_invalid","message":"no","long_message":"no"}]}`,
			"GET /organizations/acme", get, 1, internal.ErrForbidden},
		{422, `{"errors":[{"code":"form_identifier_exists","message":"taken","long_message":"That slug is taken","meta":{"param_name":"slug"}}]}`,
			"POST /organizations", create, 1, internal.ErrUnprocessable},
		{402, `{"errors":[{"code":"payment_required","message":"pay","long_message":"pay"}]}`,
			"POST /organizations", create, 1, nil},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.status), func(t *testing.T) {
			svc, srv := setup(t, spectest.WithResponseValidation())
			srv.Mux.HandleFunc(tt.route, func(w http.ResponseWriter, r *http.Request) {
				spectest.WriteJSON(w, tt.status, tt.body)
			})
			err := tt.call(svc)
			if tt.sentinel != nil {
				assert.ErrorIs(t, err, tt.sentinel)
			}
			var apiErr *internal.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tt.status, apiErr.StatusCode)
			method, path, _ := strings.Cut(tt.route, " ")
			assert.Equal(t, tt.wantCalls, srv.Count(method, "/v1"+path), "4xx are not retried")
			switch tt.status {
			case 422:
				assert.True(t, apiErr.HasCode("form_identifier_exists"))
				assert.Equal(t, "slug", apiErr.Errors[0].Meta["param_name"])
			case 404:
				assert.Equal(t, "tr_1", apiErr.TraceID)
			}
		})
	}
}

// TestLocalValidation checks every rejection made before a request: empty
// or unsafe IDs, missing params and missing required fields.
func TestLocalValidation(t *testing.T) {
	svc, srv := setup(t)
	ctx := context.Background()
	logo := func() *SetLogoParams { return &SetLogoParams{File: strings.NewReader("x")} }
	invite := CreateInvitationParams{EmailAddress: "a@b.co", Role: "org:member"}
	type call struct {
		name string
		fn   func(id string) error
	}
	// Each call takes the ID under test in one position.
	calls := []call{
		{"Get", func(id string) error { _, err := svc.Get(ctx, id, nil); return err }},
		{"Update", func(id string) error { _, err := svc.Update(ctx, id, nil); return err }},
		{"UpdateMetadata", func(id string) error { _, err := svc.UpdateMetadata(ctx, id, nil); return err }},
		{"ReplaceMetadata", func(id string) error { _, err := svc.ReplaceMetadata(ctx, id, nil); return err }},
		{"Delete", func(id string) error { return svc.Delete(ctx, id) }},
		{"SetLogo", func(id string) error { _, err := svc.SetLogo(ctx, id, logo()); return err }},
		{"DeleteLogo", func(id string) error { return svc.DeleteLogo(ctx, id) }},
		{"CreateMembership", func(id string) error {
			_, err := svc.CreateMembership(ctx, id, &CreateMembershipParams{UserID: "user_1", Role: "org:member"})
			return err
		}},
		{"ListMemberships", func(id string) error { _, err := svc.ListMemberships(ctx, id, nil); return err }},
		{"AllMemberships", func(id string) error {
			for _, err := range svc.AllMemberships(ctx, id, nil) {
				return err
			}
			return nil
		}},
		{"UpdateMembership(org)", func(id string) error {
			_, err := svc.UpdateMembership(ctx, id, "user_1", &UpdateMembershipParams{Role: "org:admin"})
			return err
		}},
		{"UpdateMembership(user)", func(id string) error {
			_, err := svc.UpdateMembership(ctx, "org_1", id, &UpdateMembershipParams{Role: "org:admin"})
			return err
		}},
		{"UpdateMembershipMetadata(org)", func(id string) error { _, err := svc.UpdateMembershipMetadata(ctx, id, "user_1", nil); return err }},
		{"UpdateMembershipMetadata(user)", func(id string) error { _, err := svc.UpdateMembershipMetadata(ctx, "org_1", id, nil); return err }},
		{"DeleteMembership(org)", func(id string) error { return svc.DeleteMembership(ctx, id, "user_1") }},
		{"DeleteMembership(user)", func(id string) error { return svc.DeleteMembership(ctx, "org_1", id) }},
		{"CreateInvitation", func(id string) error { _, err := svc.CreateInvitation(ctx, id, &invite); return err }},
		{"CreateInvitations", func(id string) error {
			_, err := svc.CreateInvitations(ctx, id, []CreateInvitationParams{invite})
			return err
		}},
		{"ListInvitations", func(id string) error { _, err := svc.ListInvitations(ctx, id, nil); return err }},
		{"AllInvitations", func(id string) error {
			for _, err := range svc.AllInvitations(ctx, id, nil) {
				return err
			}
			return nil
		}},
		{"GetInvitation(org)", func(id string) error { _, err := svc.GetInvitation(ctx, id, "orginv_1"); return err }},
		{"GetInvitation(invitation)", func(id string) error { _, err := svc.GetInvitation(ctx, "org_1", id); return err }},
		{"RevokeInvitation(org)", func(id string) error { _, err := svc.RevokeInvitation(ctx, id, "orginv_1", nil); return err }},
		{"RevokeInvitation(invitation)", func(id string) error { _, err := svc.RevokeInvitation(ctx, "org_1", id, nil); return err }},
	}
	for _, c := range calls {
		for _, id := range []string{"", ".", "..", "org/1", "org?1", "org#1", "org%2F1", "org 1", `org\1`, "org\n1"} {
			err := c.fn(id)
			if assert.ErrorIs(t, err, internal.ErrInvalidParams, "%s(%q)", c.name, id) && id == "" {
				assert.Contains(t, err.Error(), "empty")
			}
		}
	}

	missing := []struct {
		name string
		fn   func() error
		want string
	}{
		{"Create nil", func() error { _, err := svc.Create(ctx, nil); return err }, "needs params"},
		{"Create no name", func() error { _, err := svc.Create(ctx, &CreateParams{Slug: new("x")}); return err }, "name is required"},
		{"SetLogo nil", func() error { _, err := svc.SetLogo(ctx, "org_1", nil); return err }, "Organizations.SetLogo needs params"},
		{"SetLogo no file", func() error { _, err := svc.SetLogo(ctx, "org_1", &SetLogoParams{FileName: "a.png"}); return err }, "file is required"},
		{"CreateMembership nil", func() error { _, err := svc.CreateMembership(ctx, "org_1", nil); return err }, "needs params"},
		{"CreateMembership no user", func() error {
			_, err := svc.CreateMembership(ctx, "org_1", &CreateMembershipParams{Role: "org:member"})
			return err
		}, "user_id is required"},
		{"CreateMembership no role", func() error {
			_, err := svc.CreateMembership(ctx, "org_1", &CreateMembershipParams{UserID: "user_1"})
			return err
		}, "role is required"},
		{"UpdateMembership nil", func() error { _, err := svc.UpdateMembership(ctx, "org_1", "user_1", nil); return err }, "needs params"},
		{"UpdateMembership no role", func() error {
			_, err := svc.UpdateMembership(ctx, "org_1", "user_1", &UpdateMembershipParams{})
			return err
		}, "role is required"},
		{"CreateInvitation nil", func() error { _, err := svc.CreateInvitation(ctx, "org_1", nil); return err }, "needs params"},
		{"CreateInvitation no email", func() error {
			_, err := svc.CreateInvitation(ctx, "org_1", &CreateInvitationParams{Role: "org:member"})
			return err
		}, "email_address is required"},
		{"CreateInvitation no role", func() error {
			_, err := svc.CreateInvitation(ctx, "org_1", &CreateInvitationParams{EmailAddress: "a@b.co"})
			return err
		}, "role is required"},
		{"CreateInvitations none", func() error { _, err := svc.CreateInvitations(ctx, "org_1", nil); return err }, "invitations is required"},
		{"CreateInvitations eleven", func() error {
			_, err := svc.CreateInvitations(ctx, "org_1", make([]CreateInvitationParams, 11))
			return err
		}, "1 to 10"},
		{"CreateInvitations one incomplete", func() error {
			_, err := svc.CreateInvitations(ctx, "org_1", []CreateInvitationParams{invite, {EmailAddress: "b@c.co"}})
			return err
		}, "invitation 1: clerk: invalid parameters: role is required"},
	}
	for _, m := range missing {
		err := m.fn()
		if assert.ErrorIs(t, err, internal.ErrInvalidParams, m.name) {
			assert.Contains(t, err.Error(), m.want, m.name)
		}
	}
	assert.Empty(t, srv.Operations(), "no request may leave when validation fails")
}

// TestEmptyAnswers (issue 9, item 2): a 2xx without the resource (JSON
// null, {}, an empty 204) is an error matching ErrInvalidResponse, never an
// empty model with a nil error, for every call that answers one.
func TestEmptyAnswers(t *testing.T) {
	ctx := context.Background()
	for _, body := range []string{"null", "{}", ""} {
		svc := answering(t, body)
		check := func(name string, v any, err error) {
			t.Helper()
			if !reflect.ValueOf(v).IsNil() || !errors.Is(err, internal.ErrInvalidResponse) {
				t.Errorf("%s on %q: got %+v, %v; want ErrInvalidResponse", name, body, v, err)
			}
		}
		o, err := svc.Create(ctx, &CreateParams{Name: "Acme"})
		check("Create", o, err)
		o, err = svc.Get(ctx, "org_1", nil)
		check("Get", o, err)
		o, err = svc.Update(ctx, "org_1", nil)
		check("Update", o, err)
		o, err = svc.UpdateMetadata(ctx, "org_1", nil)
		check("UpdateMetadata", o, err)
		o, err = svc.SetLogo(ctx, "org_1", &SetLogoParams{File: strings.NewReader("x")})
		check("SetLogo", o, err)
		m, err := svc.CreateMembership(ctx, "org_1", &CreateMembershipParams{UserID: "user_1", Role: "org:member"})
		check("CreateMembership", m, err)
		m, err = svc.UpdateMembership(ctx, "org_1", "user_1", &UpdateMembershipParams{Role: "org:admin"})
		check("UpdateMembership", m, err)
		i, err := svc.CreateInvitation(ctx, "org_1", &CreateInvitationParams{EmailAddress: "a@b.co", Role: "org:member"})
		check("CreateInvitation", i, err)
		i, err = svc.GetInvitation(ctx, "org_1", "orginv_1")
		check("GetInvitation", i, err)
		i, err = svc.RevokeInvitation(ctx, "org_1", "orginv_1", nil)
		check("RevokeInvitation", i, err)
		invs, err := svc.CreateInvitations(ctx, "org_1", []CreateInvitationParams{{EmailAddress: "a@b.co", Role: "org:member"}})
		check("CreateInvitations", invs, err)
	}
}
