package instance

import (
	"context"
	"iter"
	"net/http"
	"time"

	"github.com/go-clerk/clerk/internal"
)

// RedirectURLService manages the URLs Clerk may redirect to after an OAuth
// flow in a native or mobile app: clerk.Client.RedirectURLs. It is safe for
// concurrent use.
type RedirectURLService internal.Service

func (s *RedirectURLService) core() *internal.Client { return (*internal.Service)(s).Client() }

// RedirectURL is a URL on the instance's redirect allow-list.
type RedirectURL struct {
	// Object is always "redirect_url".
	Object string `json:"object"`
	// ID is the redirect URL's ID.
	ID string `json:"id"`
	// URL is the URL, such as "my-app://oauth-callback".
	URL string `json:"url"`
	// CreatedAt is when it was added.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when it last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// List returns one page of redirect URLs. Clerk API: GET /redirect_urls.
func (s *RedirectURLService) List(ctx context.Context, params *ListParams) (*Page[RedirectURL], error) {
	return internal.List[RedirectURL](ctx, s.core(), "/redirect_urls", internal.Paginated(params))
}

// All iterates over every redirect URL, fetching pages of params.Limit
// (500, the maximum, when unset or larger) lazily from params.Offset;
// params is copied, never changed. It yields an error once and stops.
// Deleting the URLs it yields, inside the loop, skips none. Clerk API:
// GET /redirect_urls.
func (s *RedirectURLService) All(ctx context.Context, params *ListParams) iter.Seq2[*RedirectURL, error] {
	return internal.All(ctx, params, internal.Paging[RedirectURL]{Max: maxLimit, ID: func(u *RedirectURL) string { return u.ID }}, s.List)
}

// Get returns a redirect URL. Clerk API: GET /redirect_urls/{id}.
func (s *RedirectURLService) Get(ctx context.Context, id string) (*RedirectURL, error) {
	return internal.Call[RedirectURL](ctx, s.core(), http.MethodGet, "/redirect_urls/{id}", nil, id)
}

// CreateRedirectURLParams are the fields of a new redirect URL.
type CreateRedirectURLParams struct {
	// URL is the full URL: "https://my-app.com/oauth-callback", or one of a
	// custom scheme, "my-app://oauth-callback". Required.
	URL string `json:"url"`
}

// Create adds a URL to the redirect allow-list. Params without a URL are
// refused before any request, with an error matching
// clerk.ErrInvalidParams. Clerk API: POST /redirect_urls.
func (s *RedirectURLService) Create(ctx context.Context, params *CreateRedirectURLParams) (*RedirectURL, error) {
	if params == nil {
		return nil, internal.NoParams("RedirectURLs.Create")
	}
	if err := internal.Required("url", params.URL); err != nil {
		return nil, err
	}
	return internal.Call[RedirectURL](ctx, s.core(), http.MethodPost, "/redirect_urls", params)
}

// Delete removes a URL from the redirect allow-list. Clerk API:
// DELETE /redirect_urls/{id}.
func (s *RedirectURLService) Delete(ctx context.Context, id string) error {
	return internal.Exec(ctx, s.core(), http.MethodDelete, "/redirect_urls/{id}", nil, id)
}
