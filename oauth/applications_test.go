package oauth

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

func setup(t *testing.T, opts ...spectest.Option) (*ApplicationService, *spectest.Server) {
	t.Helper()
	return spectest.Setup[ApplicationService](t, opts...)
}

// appJSON is a spec-valid application (every property of the schema set,
// spectest.Example) with this ID, and with this client secret unless it
// is "". Handlers call it, so it reports with t.Errorf.
func appJSON(t testing.TB, id, secret string) []byte {
	schema := "OAuthApplication"
	if secret != "" {
		schema = "OAuthApplicationWithSecret"
	}
	b, err := spectest.Example(schema)
	if err != nil {
		t.Errorf("%v", err)
		return nil
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Errorf("%v", err)
	}
	m["id"] = id
	if secret != "" {
		m["client_secret"] = secret
	}
	b, _ = json.Marshal(m)
	return b
}

func TestModelsMatchTheSpec(t *testing.T) {
	spectest.CheckModel[Application](t, "OAuthApplication")
	spectest.CheckModel[Application](t, "OAuthApplicationWithSecret")
	spectest.CheckQuery(t, "GET", "/oauth_applications", ListParams{})
	spectest.CheckBody(t, "POST", "/oauth_applications", CreateParams{})
	spectest.CheckBody(t, "PATCH", "/oauth_applications/{oauth_application_id}", UpdateParams{})
}

// TestRequests: each method sends its operation, with its path IDs, query
// and body as the spec names them, and reads the answer.
func TestRequests(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name      string
		route     string // the handler's pattern
		query     url.Values
		body      map[string]any // nil: no body
		status    int
		answer    func(t testing.TB) []byte
		call      func(s *ApplicationService) (any, error)
		wantAppID string // the ID the answer is read into, "" for none
	}{
		{
			name: "Get", route: "GET /oauth_applications/{oauth_application_id}",
			answer:    func(t testing.TB) []byte { return appJSON(t, "oa_1", "") },
			call:      func(s *ApplicationService) (any, error) { return s.Get(ctx, "oa_1") },
			wantAppID: "oa_1",
		},
		{
			name: "Create", route: "POST /oauth_applications",
			body: map[string]any{
				"name": "Acme CLI", "redirect_uris": []any{"https://a.example/cb", "myapp://cb"},
				"callback_url": "https://a.example/cb", "scopes": "profile email",
				"consent_screen_enabled": false, "pkce_required": true, "public": false,
			},
			answer: func(t testing.TB) []byte { return appJSON(t, "oa_1", "cs_secret") },
			call: func(s *ApplicationService) (any, error) {
				return s.Create(ctx, &CreateParams{
					Name: "Acme CLI", RedirectURIs: []string{"https://a.example/cb", "myapp://cb"},
					CallbackURL: new("https://a.example/cb"), Scopes: new("profile email"),
					ConsentScreenEnabled: new(false), PKCERequired: new(true), Public: new(false),
				})
			},
			wantAppID: "oa_1",
		},
		{
			name: "Create, only the name", route: "POST /oauth_applications",
			body:   map[string]any{"name": "Acme"},
			answer: func(t testing.TB) []byte { return appJSON(t, "oa_1", "cs_secret") },
			call: func(s *ApplicationService) (any, error) {
				return s.Create(ctx, &CreateParams{Name: "Acme"})
			},
			wantAppID: "oa_1",
		},
		{
			name: "Update", route: "PATCH /oauth_applications/{oauth_application_id}",
			body: map[string]any{
				"name": "", "redirect_uris": []any{"https://b.example/cb"}, "callback_url": "https://b.example/cb",
				"scopes": "profile", "consent_screen_enabled": true, "pkce_required": false, "public": true,
			},
			answer: func(t testing.TB) []byte { return appJSON(t, "oa_1", "") },
			call: func(s *ApplicationService) (any, error) {
				return s.Update(ctx, "oa_1", &UpdateParams{
					Name: new(""), RedirectURIs: []string{"https://b.example/cb"}, CallbackURL: new("https://b.example/cb"),
					Scopes: new("profile"), ConsentScreenEnabled: new(true), PKCERequired: new(false), Public: new(true),
				})
			},
			wantAppID: "oa_1",
		},
		{
			name: "Update, nil params", route: "PATCH /oauth_applications/{oauth_application_id}",
			body:      map[string]any{},
			answer:    func(t testing.TB) []byte { return appJSON(t, "oa_1", "") },
			call:      func(s *ApplicationService) (any, error) { return s.Update(ctx, "oa_1", nil) },
			wantAppID: "oa_1",
		},
		{
			name: "Delete", route: "DELETE /oauth_applications/{oauth_application_id}",
			answer: func(testing.TB) []byte {
				return []byte(`{"object":"oauth_application","id":"oa_1","deleted":true}`)
			},
			call: func(s *ApplicationService) (any, error) { return nil, s.Delete(ctx, "oa_1") },
		},
		{
			name: "RotateSecret", route: "POST /oauth_applications/{oauth_application_id}/rotate_secret",
			answer:    func(t testing.TB) []byte { return appJSON(t, "oa_1", "cs_new") },
			call:      func(s *ApplicationService) (any, error) { return s.RotateSecret(ctx, "oa_1") },
			wantAppID: "oa_1",
		},
		{
			name: "RevokeToken", route: "POST /oauth_applications/{oauth_application_id}/revoke_token",
			body:   map[string]any{"token": "oat_0ef5a7a33d87ed87ee7954c845d80450"},
			status: http.StatusNoContent,
			call: func(s *ApplicationService) (any, error) {
				return nil, s.RevokeToken(ctx, "oa_1", "oat_0ef5a7a33d87ed87ee7954c845d80450")
			},
		},
		{
			name: "List", route: "GET /oauth_applications",
			query: url.Values{"limit": {"20"}, "offset": {"40"}, "order_by": {"-name"}, "name_query": {"acme"}},
			answer: func(t testing.TB) []byte {
				return []byte(`{"data":[` + string(appJSON(t, "oa_1", "")) + `],"total_count":41}`)
			},
			call: func(s *ApplicationService) (any, error) {
				return s.List(ctx, &ListParams{Limit: new(20), Offset: new(40), OrderBy: new("-name"), NameQuery: new("acme")})
			},
		},
		{
			name: "List, nil params", route: "GET /oauth_applications",
			query: url.Values{},
			answer: func(t testing.TB) []byte {
				return []byte(`{"data":[],"total_count":0}`)
			},
			call: func(s *ApplicationService) (any, error) { return s.List(ctx, nil) },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, srv := setup(t, spectest.WithResponseValidation())
			srv.Mux.HandleFunc(tt.route, func(w http.ResponseWriter, r *http.Request) {
				if strings.Contains(tt.route, "{oauth_application_id}") {
					assert.Equal(t, "oa_1", r.PathValue("oauth_application_id"))
				}
				if tt.query != nil {
					assert.Equal(t, tt.query, r.URL.Query(), "query")
				}
				if tt.body != nil {
					assert.Equal(t, tt.body, spectest.ReadJSON(t, r), "body")
				} else {
					b, _ := io.ReadAll(r.Body)
					assert.Empty(t, b, "no body")
				}
				if tt.status == http.StatusNoContent {
					w.WriteHeader(http.StatusNoContent)
					return
				}
				spectest.WriteJSON(w, 200, tt.answer(t))
			})
			got, err := tt.call(svc)
			require.NoError(t, err)
			if tt.wantAppID != "" {
				app, ok := got.(*Application)
				require.True(t, ok, "answer %T", got)
				assert.Equal(t, tt.wantAppID, app.ID)
				assert.Equal(t, "oauth_application", app.Object)
			}
			assert.Len(t, srv.Operations(), 1, "one request")
		})
	}
}

// TestGetReadsEveryField reads a full answer into the model.
func TestGetReadsEveryField(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("GET /oauth_applications/{oauth_application_id}", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteJSON(w, 200, `{
			"object": "oauth_application", "id": "oa_1", "instance_id": "ins_1", "name": "Acme CLI",
			"client_id": "client_abc", "client_uri": null, "client_image_url": "https://img.clerk.com/logo",
			"dynamically_registered": true, "consent_screen_enabled": true, "pkce_required": true, "public": true,
			"scopes": "profile email", "redirect_uris": ["https://a.example/cb"], "callback_url": "https://a.example/cb",
			"authorize_url": "https://acme.clerk.accounts.dev/oauth/authorize",
			"token_fetch_url": "https://acme.clerk.accounts.dev/oauth/token",
			"user_info_url": "https://acme.clerk.accounts.dev/oauth/userinfo",
			"discovery_url": "https://acme.clerk.accounts.dev/.well-known/openid-configuration",
			"token_introspection_url": "https://acme.clerk.accounts.dev/oauth/token_info",
			"created_at": 1700000000123, "updated_at": 1700000000456
		}`)
	})
	app, err := svc.Get(context.Background(), "oa_1")
	require.NoError(t, err)
	assert.Equal(t, &Application{
		Object: "oauth_application", ID: "oa_1", InstanceID: "ins_1", Name: "Acme CLI",
		ClientID: "client_abc", ClientImageURL: "https://img.clerk.com/logo",
		DynamicallyRegistered: true, ConsentScreenEnabled: true, PKCERequired: true, Public: true,
		Scopes: "profile email", RedirectURIs: []string{"https://a.example/cb"}, CallbackURL: "https://a.example/cb",
		AuthorizeURL:          "https://acme.clerk.accounts.dev/oauth/authorize",
		TokenFetchURL:         "https://acme.clerk.accounts.dev/oauth/token",
		UserInfoURL:           "https://acme.clerk.accounts.dev/oauth/userinfo",
		DiscoveryURL:          "https://acme.clerk.accounts.dev/.well-known/openid-configuration",
		TokenIntrospectionURL: "https://acme.clerk.accounts.dev/oauth/token_info",
		CreatedAt:             time.UnixMilli(1700000000123).UTC(), UpdatedAt: time.UnixMilli(1700000000456).UTC(),
	}, app)
	assert.True(t, app.ClientSecret.IsZero(), "no secret outside Create and RotateSecret")
}

// TestClientSecretRedacted: the secret of Create and RotateSecret reaches
// the caller through Reveal, and no common printer of the application (or
// of a page of them) shows it.
func TestClientSecretRedacted(t *testing.T) {
	const secret = "cs_9f8e7d6c5b4a"
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("POST /oauth_applications", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteJSON(w, 200, appJSON(t, "oa_1", secret))
	})
	srv.Mux.HandleFunc("POST /oauth_applications/{oauth_application_id}/rotate_secret", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteJSON(w, 200, appJSON(t, "oa_1", secret+"_2"))
	})
	ctx := context.Background()
	app, err := svc.Create(ctx, &CreateParams{Name: "Acme"})
	require.NoError(t, err)
	assert.Equal(t, secret, app.ClientSecret.Reveal())
	assert.Empty(t, spectest.Leaks(*app, secret))
	assert.Empty(t, spectest.Leaks(&Page[Application]{Data: []*Application{app}, TotalCount: 1}, secret))

	app, err = svc.RotateSecret(ctx, "oa_1")
	require.NoError(t, err)
	assert.Equal(t, secret+"_2", app.ClientSecret.Reveal())
	assert.Empty(t, spectest.Leaks(*app, secret+"_2"))

	// The user's own encoding/json writes the secret redacted and reads
	// that back.
	b, err := json.Marshal(app)
	require.NoError(t, err)
	var back Application
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, app.ID, back.ID)
	assert.Equal(t, app.CreatedAt, back.CreatedAt)
	assert.Equal(t, "[redacted]", back.ClientSecret.Reveal())
}

// TestRevokeTokenKeepsTheTokenOutOfErrors: a refused revocation names the
// operation, never the token.
func TestRevokeTokenKeepsTheTokenOutOfErrors(t *testing.T) {
	const token = "oat_0ef5a7a33d87ed87ee7954c845d80450"
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("POST /oauth_applications/{oauth_application_id}/revoke_token", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteError(w, 422, "form_param_value_invalid")
	})
	err := svc.RevokeToken(context.Background(), "oa_1", token)
	require.ErrorIs(t, err, internal.ErrUnprocessable)
	assert.NotContains(t, err.Error(), token)
	assert.NotContains(t, err.Error(), "0ef5a7a3")
}

func TestAll(t *testing.T) {
	svc, srv := setup(t) // full applications are read in TestRequests; small ones keep this fast
	const total = 503    // two pages of the 500 maximum
	srv.Mux.HandleFunc("GET /oauth_applications", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		assert.Equal(t, "500", q.Get("limit"))
		assert.Equal(t, "acme", q.Get("name_query"), "the filter is on every page")
		off, _ := strconv.Atoi(q.Get("offset"))
		var items []string
		for i := off; i < min(off+500, total); i++ {
			items = append(items, `{"id":"oa_`+strconv.Itoa(i)+`"}`)
		}
		spectest.WriteJSON(w, 200, `{"data":[`+strings.Join(items, ",")+`],"total_count":`+strconv.Itoa(total)+`}`)
	})
	params := &ListParams{NameQuery: new("acme")}
	n := 0
	for app, err := range svc.All(context.Background(), params) {
		require.NoError(t, err)
		require.Equal(t, "oa_"+strconv.Itoa(n), app.ID)
		n++
	}
	assert.Equal(t, total, n)
	assert.Len(t, srv.Operations(), 2)
	assert.Nil(t, params.Limit, "the caller's params are not changed")
}

func TestSetLogo(t *testing.T) {
	img := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0, 0xff, 0x80}, 1000)...)
	for _, tt := range []struct {
		name     string
		fileName string
		params   *SetLogoParams
		wantName string
		wantUser []string
	}{
		{"with uploader", "logo.png", &SetLogoParams{UploaderUserID: new("user_1")}, "logo.png", []string{"user_1"}},
		{"nil params, default file name", "", nil, "file", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			svc, srv := setup(t, spectest.WithResponseValidation())
			srv.Mux.HandleFunc("PUT /oauth_applications/{oauth_application_id}/logo", func(w http.ResponseWriter, r *http.Request) {
				assert.Equal(t, "oa_1", r.PathValue("oauth_application_id"))
				if err := r.ParseMultipartForm(1 << 20); err != nil {
					t.Errorf("multipart body: %v", err)
					return
				}
				assert.Equal(t, tt.wantUser, r.MultipartForm.Value["uploader_user_id"])
				files := r.MultipartForm.File["file"]
				if len(files) != 1 {
					t.Errorf("file parts: %d, want 1", len(files))
					return
				}
				assert.Equal(t, tt.wantName, files[0].Filename)
				f, err := files[0].Open()
				if err != nil {
					t.Errorf("open part: %v", err)
					return
				}
				got, _ := io.ReadAll(f)
				assert.True(t, bytes.Equal(img, got), "uploaded bytes differ")
				spectest.WriteJSON(w, 200, appJSON(t, "oa_1", ""))
			})
			app, err := svc.SetLogo(context.Background(), "oa_1", bytes.NewReader(img), tt.fileName, tt.params)
			require.NoError(t, err)
			assert.Equal(t, "oa_1", app.ID)
		})
	}
}

// TestRefusedLocally: what cannot be a valid call fails with
// ErrInvalidParams before any request.
func TestRefusedLocally(t *testing.T) {
	svc, srv := setup(t)
	ctx := context.Background()
	for name, call := range map[string]func() error{
		"Get, empty ID":       func() error { _, err := svc.Get(ctx, ""); return err },
		"Get, unsafe ID":      func() error { _, err := svc.Get(ctx, "../users"); return err },
		"Create, nil params":  func() error { _, err := svc.Create(ctx, nil); return err },
		"Create, no name":     func() error { _, err := svc.Create(ctx, &CreateParams{Scopes: new("email")}); return err },
		"Update, empty ID":    func() error { _, err := svc.Update(ctx, "", nil); return err },
		"Delete, unsafe ID":   func() error { return svc.Delete(ctx, "oa_1/x") },
		"RotateSecret, no ID": func() error { _, err := svc.RotateSecret(ctx, ""); return err },
		"RevokeToken, no ID":  func() error { return svc.RevokeToken(ctx, "", "oat_1") },
		"RevokeToken, empty":  func() error { return svc.RevokeToken(ctx, "oa_1", "") },
		"SetLogo, nil image":  func() error { _, err := svc.SetLogo(ctx, "oa_1", nil, "a.png", nil); return err },
		"SetLogo, no ID":      func() error { _, err := svc.SetLogo(ctx, "", strings.NewReader("GIF89a"), "", nil); return err },
	} {
		err := call()
		if !errors.Is(err, internal.ErrInvalidParams) {
			t.Errorf("%s: %v, want ErrInvalidParams", name, err)
		}
	}
	assert.Empty(t, srv.Operations())
}

// TestEmptyAnswer: a 2xx without an application is ErrInvalidResponse,
// never a zero Application.
func TestEmptyAnswer(t *testing.T) {
	svc, srv := setup(t)
	srv.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteJSON(w, 200, "{}")
	})
	ctx := context.Background()
	for name, call := range map[string]func() (*Application, error){
		"Get":          func() (*Application, error) { return svc.Get(ctx, "oa_1") },
		"Create":       func() (*Application, error) { return svc.Create(ctx, &CreateParams{Name: "A"}) },
		"Update":       func() (*Application, error) { return svc.Update(ctx, "oa_1", nil) },
		"RotateSecret": func() (*Application, error) { return svc.RotateSecret(ctx, "oa_1") },
		"SetLogo": func() (*Application, error) {
			return svc.SetLogo(ctx, "oa_1", strings.NewReader("GIF89a"), "", nil)
		},
	} {
		app, err := call()
		if app != nil || !errors.Is(err, internal.ErrInvalidResponse) {
			t.Errorf("%s: %+v, %v; want ErrInvalidResponse", name, app, err)
		}
	}
}

// TestAllWhileDeleting: deleting the applications All yields skips none
// and yields none twice.
func TestAllWhileDeleting(t *testing.T) {
	svc, srv := setup(t)
	var mu sync.Mutex
	apps := []string{"oa_0", "oa_1", "oa_2", "oa_3", "oa_4"}
	srv.Mux.HandleFunc("GET /oauth_applications", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		off, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		var items []string
		for i := off; i < min(off+limit, len(apps)); i++ {
			items = append(items, `{"id":"`+apps[i]+`"}`)
		}
		spectest.WriteJSON(w, 200, `{"data":[`+strings.Join(items, ",")+`],"total_count":`+strconv.Itoa(len(apps))+`}`)
	})
	srv.Mux.HandleFunc("DELETE /oauth_applications/{oauth_application_id}", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		apps = slices.DeleteFunc(apps, func(id string) bool { return id == r.PathValue("oauth_application_id") })
		spectest.WriteJSON(w, 200, `{"object":"oauth_application","id":"x","deleted":true}`)
	})
	ctx := context.Background()
	seen := map[string]bool{}
	for app, err := range svc.All(ctx, &ListParams{Limit: new(2)}) {
		require.NoError(t, err)
		require.False(t, seen[app.ID], "%s yielded twice", app.ID)
		seen[app.ID] = true
		require.NoError(t, svc.Delete(ctx, app.ID))
	}
	assert.Len(t, seen, 5)
	assert.Empty(t, apps)
}
