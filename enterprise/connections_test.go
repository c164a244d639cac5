package enterprise

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

func TestConnectionDecode(t *testing.T) {
	var c Connection
	require.NoError(t, internal.Unmarshal([]byte(connectionJSON), &c))
	want := Connection{
		Object: "enterprise_connection", ID: "ent_1", Name: "Acme Okta", Provider: ProviderSAMLOkta,
		Active: true, Domains: []string{"acme.com"}, OrganizationID: "org_1", SyncUserAttributes: true,
		AllowOrganizationAccountLinking: true, Authenticatable: true,
		CustomAttributes: []CustomAttribute{{Name: "Department", Key: "department", SSOPath: "dept", SCIMPath: "urn:dept", DirectoryPath: "urn:dept"}},
		SAMLConnection: &SAMLConnection{
			ID: "samlc_1", Name: "Acme Okta", IDPEntityID: "http://www.okta.com/exk1", IDPSSOURL: "https://acme.okta.com/sso",
			ACSURL: "https://clerk.example.com/v1/saml/acs/samlc_1", SPEntityID: "https://clerk.example.com/saml/samlc_1",
			SPMetadataURL: "https://clerk.example.com/v1/saml/metadata/samlc_1", Active: true, AllowSubdomains: true,
			LoginHint: &LoginHint{Mode: LoginHintEmailAddress},
		},
		CreatedAt: ms(1716883200000), UpdatedAt: ms(1716883300000),
	}
	assert.Equal(t, want, c)
}

func TestConnectionList(t *testing.T) {
	svc, srv := setup[ConnectionService](t)
	srv.Mux.HandleFunc("GET /enterprise_connections", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, url.Values{"organization_id": {"org_1"}, "active": {"false"}, "limit": {"5"}, "offset": {"10"}}, r.URL.Query())
		spectest.WriteJSON(w, 200, `{"data":[`+connectionJSON+`],"total_count":11}`)
	})
	page, err := svc.List(context.Background(), &ListConnectionsParams{
		OrganizationID: new("org_1"), Active: new(false), Limit: new(5), Offset: new(10),
	})
	require.NoError(t, err)
	require.Len(t, page.Data, 1)
	assert.Equal(t, "ent_1", page.Data[0].ID)
	assert.Equal(t, int64(11), page.TotalCount)
}

// pagedConnections serves n connections by limit and offset, recording the
// offsets asked for.
func pagedConnections(srv *spectest.Server, n int) *[]string {
	var asked []string
	srv.Mux.HandleFunc("GET /enterprise_connections", func(w http.ResponseWriter, r *http.Request) {
		limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		asked = append(asked, r.URL.Query().Get("limit")+"@"+r.URL.Query().Get("offset"))
		var items []string
		for i := offset; i < min(offset+limit, n); i++ {
			items = append(items, strings.Replace(connectionJSON, `"id": "ent_1"`, fmt.Sprintf(`"id": "ent_%d"`, i), 1))
		}
		spectest.WriteJSON(w, 200, fmt.Sprintf(`{"data":[%s],"total_count":%d}`, strings.Join(items, ","), n))
	})
	return &asked
}

func TestConnectionAll(t *testing.T) {
	t.Run("pages of the maximum", func(t *testing.T) {
		svc, srv := setup[ConnectionService](t)
		asked := pagedConnections(srv, 3)
		var ids []string
		for c, err := range svc.All(context.Background(), nil) {
			require.NoError(t, err)
			ids = append(ids, c.ID)
		}
		assert.Equal(t, []string{"ent_0", "ent_1", "ent_2"}, ids)
		assert.Equal(t, []string{"500@0"}, *asked)
	})
	t.Run("caller's limit and offset, params unchanged", func(t *testing.T) {
		svc, srv := setup[ConnectionService](t)
		asked := pagedConnections(srv, 5)
		p := &ListConnectionsParams{Limit: new(2), Offset: new(1)}
		n := 0
		for _, err := range svc.All(context.Background(), p) {
			require.NoError(t, err)
			n++
		}
		assert.Equal(t, 4, n)
		assert.Equal(t, []string{"2@1", "2@3"}, *asked)
		assert.Equal(t, &ListConnectionsParams{Limit: new(2), Offset: new(1)}, p)
	})
}

func TestConnectionCreate(t *testing.T) {
	svc, srv := setup[ConnectionService](t)
	srv.Mux.HandleFunc("POST /enterprise_connections", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		assert.JSONEq(t, `{
			"name": "Acme", "provider": "oidc_custom", "domains": ["acme.com"], "organization_id": "org_1",
			"allow_organization_account_linking": false, "active": true,
			"oidc": {"client_id": "cid", "client_secret": "`+clientSecret+`", "discovery_url": "https://idp.acme.com/.well-known/openid-configuration", "requires_pkce": false},
			"custom_attributes": [{"name": "Department", "key": "department", "sso_path": "dept", "multi_valued": true}]
		}`, string(b))
		spectest.WriteJSON(w, 201, connectionJSON)
	})
	c, err := svc.Create(context.Background(), &CreateConnectionParams{
		Name: "Acme", Provider: ProviderOIDCCustom, Domains: []string{"acme.com"}, OrganizationID: new("org_1"),
		AllowOrganizationAccountLinking: new(false), Active: new(true),
		OIDC: &OIDCParams{
			ClientID: new("cid"), ClientSecret: internal.NewSecret(clientSecret),
			DiscoveryURL: new("https://idp.acme.com/.well-known/openid-configuration"), RequiresPKCE: new(false),
		},
		CustomAttributes: []CustomAttribute{{Name: "Department", Key: "department", SSOPath: "dept", MultiValued: true}},
	})
	require.NoError(t, err)
	assert.Equal(t, "ent_1", c.ID)

	t.Run("SAML with metadata", func(t *testing.T) {
		svc, srv := setup[ConnectionService](t)
		srv.Mux.HandleFunc("POST /enterprise_connections", func(w http.ResponseWriter, r *http.Request) {
			b, _ := io.ReadAll(r.Body)
			assert.JSONEq(t, `{"name": "Acme Okta", "provider": "saml_okta", "domains": ["acme.com"],
				"saml": {"idp_metadata_url": "https://acme.okta.com/metadata", "allow_idp_initiated": true,
					"attribute_mapping": {"email_address": "mail"},
					"login_hint": {"mode": "custom_attribute", "source": "okta_login"}}}`, string(b))
			spectest.WriteJSON(w, 201, connectionJSON)
		})
		_, err := svc.Create(context.Background(), &CreateConnectionParams{
			Name: "Acme Okta", Provider: ProviderSAMLOkta, Domains: []string{"acme.com"},
			SAML: &SAMLParams{
				IDPMetadataURL: new("https://acme.okta.com/metadata"), AllowIDPInitiated: new(true),
				AttributeMapping: &SAMLAttributeMapping{EmailAddress: new("mail")},
				LoginHint:        &LoginHint{Mode: LoginHintCustomAttribute, Source: "okta_login"},
			},
		})
		require.NoError(t, err)
	})
}

func TestConnectionGetUpdateDelete(t *testing.T) {
	svc, srv := setup[ConnectionService](t)
	var bodies []string
	srv.Mux.HandleFunc("GET /enterprise_connections/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "ent_1", r.PathValue("id"))
		spectest.WriteJSON(w, 200, connectionJSON)
	})
	srv.Mux.HandleFunc("PATCH /enterprise_connections/{id}", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		bodies = append(bodies, string(b))
		spectest.WriteJSON(w, 200, connectionJSON)
	})
	srv.Mux.HandleFunc("DELETE /enterprise_connections/{id}", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteJSON(w, 200, `{"object":"enterprise_connection","id":"ent_1","deleted":true}`)
	})
	ctx := context.Background()

	c, err := svc.Get(ctx, "ent_1")
	require.NoError(t, err)
	assert.Equal(t, ProviderSAMLOkta, c.Provider)

	_, err = svc.Update(ctx, "ent_1", nil)
	require.NoError(t, err)
	_, err = svc.Update(ctx, "ent_1", &UpdateConnectionParams{
		Active: new(true), SyncUserAttributes: new(false), DisableAdditionalIdentifications: new(true),
		SAML:             &SAMLParams{Name: new("Acme SAML"), IDPCertificate: new("-----BEGIN CERTIFICATE-----")},
		OIDC:             &OIDCParams{ClientSecret: internal.NewSecret(clientSecret)},
		CustomAttributes: &[]CustomAttribute{},
	})
	require.NoError(t, err)
	require.Len(t, bodies, 2)
	assert.JSONEq(t, `{}`, bodies[0], "nil params send an empty change")
	assert.JSONEq(t, `{"active": true, "sync_user_attributes": false, "disable_additional_identifications": true,
		"saml": {"name": "Acme SAML", "idp_certificate": "-----BEGIN CERTIFICATE-----"},
		"oidc": {"client_secret": "`+clientSecret+`"}, "custom_attributes": []}`, bodies[1])

	require.NoError(t, svc.Delete(ctx, "ent_1"))
	assert.Equal(t, 1, srv.Count("DELETE", "/v1/enterprise_connections/ent_1"))
}

func TestTestRuns(t *testing.T) {
	svc, srv := setup[ConnectionService](t)
	srv.Mux.HandleFunc("GET /enterprise_connections/{id}/test_runs", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "ent_1", r.PathValue("id"))
		assert.Equal(t, []string{"success", "failed"}, r.URL.Query()["status"])
		spectest.WriteJSON(w, 200, `{"data":[`+testRunJSON+`],"total_count":1}`)
	})
	srv.Mux.HandleFunc("POST /enterprise_connections/{id}/test_runs", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		assert.Empty(t, b, "no body")
		spectest.WriteJSON(w, 200, `{"url":"https://clerk.example.com/v1/enterprise_connections/ent_1/test?t=abc"}`)
	})
	ctx := context.Background()
	params := &ListTestRunsParams{Status: []TestRunStatus{TestRunSuccess, TestRunFailed}}

	page, err := svc.ListTestRuns(ctx, "ent_1", params)
	require.NoError(t, err)
	require.Len(t, page.Data, 1)
	run := page.Data[0]
	assert.Equal(t, TestRunSuccess, run.Status)
	assert.Equal(t, "oauth", run.ConnectionType)
	assert.Equal(t, &ParsedUserInfo{EmailAddress: "ada@acme.com", FirstName: "Ada", LastName: "Lovelace", UserID: "00u1"}, run.ParsedUserInfo)
	assert.Equal(t, []TestRunLog{{Level: "info", Code: "token_exchanged", ShortMessage: "ok", Message: "token exchanged"}}, run.Logs)
	assert.Equal(t, idTokenSecret, run.OAuth.IDToken.Reveal())
	assert.Equal(t, accessSecret, run.OAuth.AccessToken.Reveal())
	assert.Equal(t, `{"sub":"00u1"}`, run.OAuth.UserInfo)
	assert.Equal(t, samlRespSecret, run.SAML.SAMLResponse.Reveal())
	assert.Equal(t, ms(1716883400000), run.CreatedAt)

	n := 0
	for r, err := range svc.AllTestRuns(ctx, "ent_1", params) {
		require.NoError(t, err)
		assert.Equal(t, "ectr_1", r.ID)
		n++
	}
	assert.Equal(t, 1, n)

	u, err := svc.CreateTestRun(ctx, "ent_1")
	require.NoError(t, err)
	assert.Equal(t, "https://clerk.example.com/v1/enterprise_connections/ent_1/test?t=abc", u.URL)
}

// TestConnectionRefusedLocally: what the endpoint cannot take fails with
// ErrInvalidParams, naming what is wrong, and sends nothing.
func TestConnectionRefusedLocally(t *testing.T) {
	svc, srv := setup[ConnectionService](t)
	ctx := context.Background()
	valid := func() *CreateConnectionParams {
		return &CreateConnectionParams{Name: "Acme", Provider: ProviderSAMLCustom, Domains: []string{"acme.com"}}
	}
	for _, tt := range []struct {
		name string
		call func() error
		want string
	}{
		{"create nil", func() error { _, err := svc.Create(ctx, nil); return err }, "needs params"},
		{"create no name", func() error { p := valid(); p.Name = ""; _, err := svc.Create(ctx, p); return err }, "name is required"},
		{"create no provider", func() error { p := valid(); p.Provider = ""; _, err := svc.Create(ctx, p); return err }, "provider is required"},
		{"create no domain", func() error { p := valid(); p.Domains = nil; _, err := svc.Create(ctx, p); return err }, "domains is required"},
		{"get empty ID", func() error { _, err := svc.Get(ctx, ""); return err }, "enterprise_connection_id is empty"},
		{"update unsafe ID", func() error { _, err := svc.Update(ctx, "../users", nil); return err }, "enterprise_connection_id"},
		{"delete empty ID", func() error { return svc.Delete(ctx, "") }, "enterprise_connection_id is empty"},
		{"test runs empty ID", func() error { _, err := svc.ListTestRuns(ctx, "", nil); return err }, "enterprise_connection_id is empty"},
		{"create test run slash", func() error { _, err := svc.CreateTestRun(ctx, "a/b"); return err }, "enterprise_connection_id"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			require.Error(t, err)
			assert.True(t, errors.Is(err, internal.ErrInvalidParams), "%v", err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	assert.Empty(t, srv.Operations(), "nothing was sent")
}

func TestConnectionErrors(t *testing.T) {
	svc, srv := setup[ConnectionService](t)
	srv.Mux.HandleFunc("GET /enterprise_connections/{id}", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteError(w, 404, "resource_not_found")
	})
	srv.Mux.HandleFunc("GET /enterprise_connections", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteError(w, 402, "payment_required")
	})
	_, err := svc.Get(context.Background(), "ent_gone")
	assert.ErrorIs(t, err, internal.ErrNotFound)
	_, err = svc.List(context.Background(), nil)
	var apiErr *internal.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 402, apiErr.StatusCode)
	assert.Equal(t, "payment_required", apiErr.Errors[0].Code)
}
