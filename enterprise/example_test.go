package enterprise_test

import (
	"context"
	"fmt"
	"net/http"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/enterprise"
	"github.com/go-clerk/clerk/internal/spectest"
)

// Onboarding a customer company: single sign-on through their Okta, user
// provisioning from it, and a link for their IT admin. Credentials print
// redacted; Reveal gives them.
func Example() {
	c, done := exampleClient()
	defer done()
	ctx := context.Background()

	conn, err := c.EnterpriseConnections.Create(ctx, &enterprise.CreateConnectionParams{
		Name: "Acme Okta", Provider: enterprise.ProviderSAMLOkta, Domains: []string{"acme.com"},
		OrganizationID: clerk.String("org_acme"),
		SAML:           &enterprise.SAMLParams{IDPMetadataURL: clerk.String("https://acme.okta.com/app/exk1/sso/saml/metadata")},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(conn.ID, conn.Provider, conn.SAMLConnection.ACSURL)

	dir, err := c.Directories.Create(ctx, &enterprise.CreateDirectoryParams{
		EnterpriseConnectionID: conn.ID, Provider: "okta",
		GroupRoleMappings: []enterprise.GroupRoleMappingParams{{DirectoryGroupID: "okta_admins", RoleID: "role_admin"}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(dir.EndpointURL, dir.APIKey, len(dir.APIKey.Reveal()) > 0)

	link, err := c.AdminPortal.CreateLinkToken(ctx, &enterprise.CreateLinkTokenParams{OrganizationID: clerk.String("org_2xhFjEI5X2qWRvtV13BzSj8H6Dk")})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s %v\n", link.ID, link.Token)
	// Output:
	// ent_acme saml_okta https://clerk.example.com/v1/saml/acs/samlc_acme
	// https://clerk.example.com/scim/v2/dir_acme [redacted] true
	// aplt_3beecc9c60adb5f9b850e91a83beecc9 [redacted]
}

// exampleClient is a Client of spectest's example server, which answers the
// calls above after checking each request, and its answer, against the
// spec: a departure is printed, which fails the example. done closes both.
func exampleClient() (c *clerk.Client, done func()) {
	srv := spectest.NewExampleServer()
	srv.Answer("POST /enterprise_connections", http.StatusCreated, `{"object":"enterprise_connection","id":"ent_acme","name":"Acme Okta",
		"provider":"saml_okta","logo_public_url":null,"active":false,"domains":["acme.com"],"organization_id":"org_acme",
		"sync_user_attributes":true,"disable_additional_identifications":false,"allow_organization_account_linking":false,
		"authenticatable":true,"disable_jit_provisioning":false,
		"saml_connection":{"id":"samlc_acme","name":"Acme Okta","acs_url":"https://clerk.example.com/v1/saml/acs/samlc_acme",
			"sp_entity_id":"https://clerk.example.com/saml/samlc_acme","active":false,"allow_idp_initiated":false,
			"allow_subdomains":false,"force_authn":false},
		"oauth_config":null,"created_at":1716883200000,"updated_at":1716883200000}`)
	srv.Answer("POST /directories", http.StatusOK, `{"object":"directory","id":"dir_acme","name":"Acme Okta","enterprise_connection_id":"ent_acme",
		"endpoint_url":"https://clerk.example.com/scim/v2/dir_acme","provider":"okta","enabled":true,
		"group_role_mapping_enabled":true,"attribute_mapping":{},"api_key":"scim_live_example",
		"created_at":1716883200000,"updated_at":1716883200000}`)
	srv.Answer("POST /admin_portal_link_tokens", http.StatusCreated, `{"object":"admin_portal_link_token","id":"aplt_3beecc9c60adb5f9b850e91a83beecc9",
		"admin_portal_link_id":"apl_3beecc9c60adb5f9b850e91a8d2","instance_id":"ins_2xhFjEI5X2qWRvtV13BzSj8H6Dk",
		"organization_id":"org_2xhFjEI5X2qWRvtV13BzSj8H6Dk","it_contact_id":null,"scopes":null,"token":"aplt_example",
		"revoked":false,"revocation_reason":null,"expired":false,"expiration":1716886800000,
		"created_at":1716883200000,"updated_at":1716883200000}`)
	c, err := clerk.New("sk_test_example", clerk.WithBaseURL(srv.URL))
	if err != nil {
		panic(err)
	}
	return c, func() { c.Close(); srv.Close() }
}
