// Package instance is the configuration of a Clerk instance, through the
// Backend API: its settings and restrictions, its domains and proxy checks,
// its redirect URLs, its allow-list and block-list, its JWT templates, its
// JSON Web Key Set, and the Svix app that delivers its webhooks. Each part
// is a service of clerk.Client:
//
//	c.Instance      *instance.Service             settings, restrictions, JWKS, the Svix app
//	c.Domains       *instance.DomainService       domains and proxy checks
//	c.RedirectURLs  *instance.RedirectURLService  redirect URLs
//	c.AllowList     *instance.AllowListService    identifiers allowed to sign up
//	c.BlockList     *instance.BlockListService    identifiers refused access
//	c.JWTTemplates  *instance.JWTTemplateService  JWT templates
//
// For example, restricting sign-ups to an allow-list:
//
//	if _, err := c.AllowList.Create(ctx, &instance.CreateAllowListIdentifierParams{Identifier: "ada@example.com"}); err != nil {
//		return err
//	}
//	r, err := c.Instance.UpdateRestrictions(ctx, &instance.UpdateRestrictionsParams{Allowlist: clerk.Bool(true)})
//
// Optional request fields are pointers, left out when nil. The two fields
// where Clerk reads JSON null as an instruction are Nullables:
// UpdateDomainParams.ProxyURL (Null switches a domain back from a proxy to
// DNS) and UpdateOAuthApplicationSettingsParams.DefaultScopes (Null resets
// them to Clerk's defaults).
//
// Credentials are Secrets, which fmt, log/slog and encoding/json print as
// "[redacted]" wherever they are nested: the Svix dashboard link
// (SvixURL.SvixURL), a JWT template's signing key (JWTTemplateParams.SigningKey,
// made with clerk.NewSecret) and a JSON Web Key's private members. Reveal
// returns the value.
//
// Errors: an answer other than 2xx is a *clerk.APIError, which matches the
// status sentinels: errors.Is(err, clerk.ErrNotFound) for an unknown
// domain, redirect URL or template. A call refused before any request (an
// empty or unsafe ID, a missing required field) matches
// clerk.ErrInvalidParams.
package instance
