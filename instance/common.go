package instance

import (
	"fmt"
	"net/url"

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

// listQuery is the query of every paged List: the params, and
// paginated=true, which makes the API answer {data, total_count} (filling
// TotalCount) instead of a bare array, as Clerk's own SDKs ask.
func listQuery(params *ListParams) url.Values {
	q := internal.Query(params)
	q.Set("paginated", "true")
	return q
}

// required refuses, before any request, a call whose params lack a field
// the spec requires; field is the JSON name.
func required(ok bool, field string) error {
	if ok {
		return nil
	}
	return fmt.Errorf("%w: %s is required", internal.ErrInvalidParams, field)
}
