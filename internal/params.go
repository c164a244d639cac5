package internal

import (
	"fmt"
	"net/url"
)

// The checks and shapes of a call's params that every resource package
// shares (ARCHITECTURE.md, "Writing a service method"), defined once so that
// every package refuses the same mistakes with the same words.

// NoParams is the error of a method called with nil params that its
// endpoint cannot do without; method names it as the user calls it, such as
// "Organizations.Create".
func NoParams(method string) error {
	return fmt.Errorf("%w: %s needs params", ErrInvalidParams, method)
}

// Required fails with ErrInvalidParams, naming the first required field
// left empty; fields are pairs of a field's JSON name, as the API names it,
// and its value.
func Required(fields ...string) error {
	for i := 0; i+1 < len(fields); i += 2 {
		if fields[i+1] == "" {
			return Missing(fields[i])
		}
	}
	return nil
}

// Missing is the error of a required field left out that is not a string
// (a list, an object); field is its JSON name.
func Missing(field string) error {
	return fmt.Errorf("%w: %s is required", ErrInvalidParams, field)
}

// Bulk checks the size of a bulk call's list of n items, which the API
// takes 1 to max of: none is Missing(field), more than max an error naming
// max; both match ErrInvalidParams. field is the list's JSON name, or what
// the items are when the body is the list itself ("invitations").
func Bulk(field string, n, max int) error {
	if n == 0 {
		return Missing(field)
	}
	if n > max {
		return fmt.Errorf("%w: %s takes 1 to %d items, got %d", ErrInvalidParams, field, max, n)
	}
	return nil
}

// OrEmpty returns params, or an empty P when params is nil: the body of an
// endpoint that wants one even when nothing is set (most PATCH endpoints).
func OrEmpty[P any](params *P) *P {
	if params == nil {
		return new(P)
	}
	return params
}

// Paginated is the query of a list endpoint that answers a bare array
// unless asked for {data, total_count}: params (a struct with url tags, nil
// allowed) and paginated=true, as Clerk's own SDKs ask, so that the page's
// TotalCount is filled. An answer in the bare shape still decodes, with
// TotalCount 0.
func Paginated(params any) url.Values {
	q := Query(params)
	q.Set("paginated", "true")
	return q
}
