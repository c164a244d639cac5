package enterprise

import "github.com/go-clerk/clerk/internal"

// Page is one page of a list: Data, and TotalCount, the number of items
// across all pages as the API reports it (the same type as clerk.Page).
type Page[T any] = internal.Page[T]

// Secret is a credential: a directory's API key, an admin portal link
// token, an OIDC client secret, the tokens an IdP issued during a test run.
// fmt, log/slog and encoding/json show it as "[redacted]" however deeply it
// is nested; Reveal returns it. The same type as clerk.Secret.
type Secret = internal.Secret

// maxLimit is the largest page the list endpoints of this package serve.
const maxLimit = 500

// CustomAttribute maps a value from the identity provider to a key of the
// user's metadata: from SSO claims (SAML assertions, OIDC claims) by
// SSOPath, from directory sync (SCIM) user resources by DirectoryPath. It is
// what connections and directories answer, and what
// CreateConnectionParams and UpdateConnectionParams send. Custom attributes
// need the custom attributes feature enabled for the instance.
type CustomAttribute struct {
	// Name is the attribute's display name. Required when sent.
	Name string `json:"name"`
	// Key is the metadata key the value is stored under; it may not start
	// with "_". Required when sent.
	Key string `json:"key"`
	// SSOPath is where the value is read from the SSO claims.
	SSOPath string `json:"sso_path,omitempty"`
	// SCIMPath is the earlier name of DirectoryPath: the API answers both
	// with the same value. When sending, set one of them (or both, equal:
	// two different values are refused).
	SCIMPath string `json:"scim_path,omitempty"`
	// DirectoryPath is a GJSON path to the value in the directory's user
	// resources.
	DirectoryPath string `json:"directory_path,omitempty"`
	// MultiValued stores the IdP's values as an array in public metadata
	// (default false).
	MultiValued bool `json:"multi_valued,omitempty"`
}
