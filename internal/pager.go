package internal

import (
	"context"
	"fmt"
	"iter"
)

// PageRequest says which page a pager asks for next.
type PageRequest struct {
	// Limit is the page size.
	Limit int
	// Offset is the number of items to skip (offset paging).
	Offset int
	// StartingAfter is the ID of the last item seen (cursor paging); empty
	// for the first page.
	StartingAfter string
}

// Pager describes how an All walks a list endpoint.
type Pager[T any] struct {
	// Limit is the page size: the caller's limit, else the endpoint's maximum.
	Limit int
	// Offset is where the first page starts (the caller's offset, if any).
	Offset int
	// Cursor, when set, makes the pager page with starting_after, the ID
	// Cursor returns for the last item of a page, instead of offsets.
	Cursor func(*T) string
	// Fetch gets one page.
	Fetch func(ctx context.Context, r PageRequest) (*Page[T], error)
}

// All returns the lazy iterator every All method returns. It fetches a page
// only when the caller has consumed the previous one, so memory is bounded by
// one page; it yields an error once and stops (a nil ctx is such an error,
// ErrInvalidParams, as Do makes it); it stops when a page is empty,
// when the reported total is reached, or (when no total is reported) when a
// page is shorter than the limit. Breaking out of the loop stops it.
func All[T any](ctx context.Context, p Pager[T]) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		if ctx == nil {
			yield(nil, fmt.Errorf("%w: nil context", ErrInvalidParams))
			return
		}
		r := PageRequest{Limit: p.Limit, Offset: p.Offset}
		for {
			if err := ctx.Err(); err != nil {
				yield(nil, err)
				return
			}
			page, err := p.Fetch(ctx, r)
			if err != nil {
				yield(nil, err)
				return
			}
			for _, it := range page.Data {
				if !yield(it, nil) {
					return
				}
			}
			n := len(page.Data)
			switch {
			case n == 0:
				return
			case page.TotalCount > 0:
				// The total is known: the server may cap the page below
				// our limit, so short pages do not mean the end.
				if r.Offset+n >= int(page.TotalCount) && p.Cursor == nil {
					return
				}
				if p.Cursor != nil && n < p.Limit {
					return
				}
			case n < p.Limit:
				return
			}
			if p.Cursor != nil {
				next := p.Cursor(page.Data[n-1])
				if next == "" || next == r.StartingAfter {
					return
				}
				r.StartingAfter = next
			} else {
				r.Offset += n
			}
		}
	}
}

// OffsetAll is the All of an offset-paged list endpoint: pages of the
// caller's limit, capped at max (max when unset), from the caller's offset.
// list fetches one page with the limit and offset it is given; it must
// build its request params from a copy its All took, afresh for each page,
// so that an iterator ranged twice, even at once, never shares them.
func OffsetAll[T any](ctx context.Context, limit, offset *int, max int, list func(ctx context.Context, limit, offset *int) (*Page[T], error)) iter.Seq2[*T, error] {
	p := Pager[T]{Limit: PageSize(limit, max)}
	if offset != nil && *offset > 0 {
		p.Offset = *offset
	}
	p.Fetch = func(ctx context.Context, r PageRequest) (*Page[T], error) {
		return list(ctx, &r.Limit, &r.Offset)
	}
	return All(ctx, p)
}

// PageSize is the page size of an All: the caller's limit, or max when the
// limit is unset, not positive or larger than max.
func PageSize(limit *int, max int) int {
	if limit != nil && *limit > 0 && *limit < max {
		return *limit
	}
	return max
}
