// Package enterprise is what a B2B application sets up for each customer
// company: single sign-on through the customer's identity provider
// (enterprise connections, SAML or OIDC), directory sync of the customer's
// users and groups over SCIM (directories, with group-to-role mappings),
// and the admin portal, where the customer's IT admin can configure both
// from a link you send.
//
// Programs reach it through the root package's client:
//
//	conn, err := c.EnterpriseConnections.Create(ctx, &enterprise.CreateConnectionParams{
//		Name: "Acme Okta", Provider: enterprise.ProviderSAMLOkta, Domains: []string{"acme.com"},
//		OrganizationID: clerk.String(orgID),
//		SAML:           &enterprise.SAMLParams{IDPMetadataURL: clerk.String(metadataURL)},
//	})
//	dir, err := c.Directories.Create(ctx, &enterprise.CreateDirectoryParams{
//		EnterpriseConnectionID: conn.ID, Provider: "okta",
//	})
//	fmt.Println(dir.EndpointURL) // and dir.APIKey.Reveal(), for the customer's IdP, once
//	link, err := c.AdminPortal.CreateLinkToken(ctx, &enterprise.CreateLinkTokenParams{OrganizationID: clerk.String(orgID)})
//
// Services: EnterpriseConnections (ConnectionService: connections and their
// test runs), Directories (DirectoryService, /directories) and
// SCIMDirectories (SCIMDirectoryService: the same directories under the
// API's earlier /scim_directories paths), AdminPortal (AdminPortalService:
// link tokens). The deprecated SAML connections (/saml_connections), which
// enterprise connections succeed, are not wrapped.
//
// Credentials are Secrets: a directory's APIKey, a link token's Token, the
// tokens and SAML response of a test run, and the OIDC client secret you
// send (OIDCParams.ClientSecret, wrapped with clerk.NewSecret). fmt, log/slog and
// encoding/json print them as "[redacted]" wherever they are nested;
// Reveal gives the value.
//
// Errors: every non-2xx answer is a *clerk.APIError that matches the status
// sentinels with errors.Is (clerk.ErrNotFound, clerk.ErrUnprocessable, ...);
// a 402 (the instance's plan lacks the feature) has StatusCode 402.
// A call refused before any request (an empty or unsafe ID, nil params or an
// empty required field where the endpoint needs them) matches
// clerk.ErrInvalidParams.
package enterprise
