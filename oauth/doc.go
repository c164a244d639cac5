// Package oauth is the OAuth applications part of the Clerk Backend API:
// the applications that use your Clerk instance as their OAuth 2.0 / OpenID
// Connect identity provider ("Sign in with <your app>"). Create, read,
// update and delete them, rotate their client secret, upload their logo,
// and revoke the tokens issued to them.
//
// An ApplicationService is reached through the root package's client:
//
//	app, err := c.OAuthApplications.Create(ctx, &oauth.CreateParams{
//		Name:         "Acme CLI",
//		RedirectURIs: []string{"https://cli.acme.com/callback"},
//		Scopes:       clerk.String("profile email"),
//	})
//	...
//	store(app.ClientID, app.ClientSecret.Reveal()) // the secret is shown on create and on rotation only
//
// The client secret is a credential: Application.ClientSecret is a Secret,
// which fmt, log/slog and encoding/json print as "[redacted]" however the
// application is nested; Reveal returns it. Clerk returns it only from
// Create and RotateSecret. RevokeToken takes an access or refresh token as a
// plain argument and never puts it in an error.
//
// Verifying the OAuth access tokens (oat_...) that Clerk issues to these
// applications (POST /oauth_applications/access_tokens/verify) is not part
// of this package: it belongs to token verification in the root package,
// beside API keys and M2M tokens.
//
// Errors: every non-2xx answer is a *clerk.APIError that matches the status
// sentinels with errors.Is (clerk.ErrNotFound for an unknown application,
// clerk.ErrUnprocessable for a refused field). A call refused before any
// request (an empty or unsafe application ID, a missing required field, no
// logo to upload) matches clerk.ErrInvalidParams. Transport failures wrap
// their cause.
package oauth
