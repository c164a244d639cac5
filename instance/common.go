package instance

import (
	"github.com/go-clerk/clerk/internal"
)

// Metadata is a free-form JSON object: a JWT template's claims. The same
// type as clerk.Metadata.
type Metadata = internal.Metadata

// Page is one page of a list: Data, and TotalCount, the number of items
// across all pages as the API reports it (the same type as clerk.Page).
type Page[T any] = internal.Page[T]

// Secret is a credential: the Svix dashboard link, a JWT template's signing
// key, the private members of a JSON Web Key. fmt, log/slog and
// encoding/json show it as "[redacted]"; Reveal returns it. The same type
// as clerk.Secret.
type Secret = internal.Secret

// maxLimit is the largest page the paged lists of this package serve (GET
// /redirect_urls, /allowlist_identifiers and /jwt_templates).
const maxLimit = 500

// ListParams pages the paged lists of this package: redirect URLs, the
// allow-list and JWT templates. Nil params ask for the API's first page.
type ListParams struct {
	// Limit is the page size, 1 to 500 (the API's default is 10).
	Limit *int `url:"limit"`
	// Offset skips that many items.
	Offset *int `url:"offset"`
}
