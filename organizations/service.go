package organizations

import (
	"context"
	"iter"

	"github.com/go-clerk/clerk/internal"
)

// Metadata is a free-form JSON object, the public and private metadata of
// organizations, memberships and invitations (the same type as
// clerk.Metadata). Decode copies it into a typed value.
type Metadata = internal.Metadata

// Page is one page of a list: Data, and TotalCount, the number of items
// across all pages as the API reports it (the same type as clerk.Page).
type Page[T any] = internal.Page[T]

// maxLimit is the largest page the organization list endpoints serve.
const maxLimit = 500

// Service calls the Organizations endpoints: organizations, memberships and
// organization invitations. Build it with New; it is safe for concurrent
// use.
type Service struct{ c *internal.Client }

// New returns an Organizations service over a transport core. The root
// package wires it as clerk.Client.Organizations.
func New(c *internal.Client) *Service { return &Service{c: c} }

// all is what every All method returns: a lazy walk of an offset-paged
// list, in pages of the caller's limit (capped at maxLimit, the endpoints'
// maximum; maxLimit when unset), from the caller's offset. list fetches one
// page; it must build its own params from the copy its All took, so that an
// iterator ranged twice, even at once, never shares them.
func all[T any](ctx context.Context, limit, offset *int, list func(ctx context.Context, limit, offset *int) (*Page[T], error)) iter.Seq2[*T, error] {
	p := internal.Pager[T]{Limit: maxLimit}
	if limit != nil && *limit > 0 && *limit < maxLimit {
		p.Limit = *limit
	}
	if offset != nil && *offset > 0 {
		p.Offset = *offset
	}
	p.Fetch = func(ctx context.Context, r internal.PageRequest) (*Page[T], error) {
		return list(ctx, &r.Limit, &r.Offset)
	}
	return internal.All(ctx, p)
}
