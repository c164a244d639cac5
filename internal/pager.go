package internal

import (
	"context"
	"fmt"
	"iter"
	"reflect"
)

// Paging says how All walks a list endpoint (ARCHITECTURE.md, "Writing a
// list").
type Paging[T any] struct {
	// Max is the endpoint's largest page, the page size unless the params
	// ask for a smaller Limit.
	Max int
	// Cursor, when set, makes All page with starting_after, the ID Cursor
	// returns for the last item of a page, instead of offsets. The params
	// type must then have a starting_after field.
	Cursor func(*T) string
	// ID, when set, names an item. With it, an offset walk over an endpoint
	// that reports total_count survives items leaving the list while it runs
	// (the caller revoking or deleting what it was given): when the total
	// shrinks, the next page is fetched again that many places earlier, and
	// an item already yielded on the previous page is not yielded again.
	ID func(*T) string
}

// All returns the lazy iterator every All method returns:
//
//	func (s *Service) All(ctx context.Context, params *ListParams) iter.Seq2[*Session, error] {
//		return internal.All(ctx, params, internal.Paging[Session]{Max: maxLimit}, s.List)
//	}
//
// params (nil allowed) is copied for every page, so the caller's value is
// never changed and an iterator ranged twice, even at once, shares nothing;
// its fields tagged url:"limit", url:"offset" and url:"starting_after" are
// set on each copy. Pages have the caller's Limit, or p.Max when unset or
// larger; the walk starts at the caller's Offset (or StartingAfter).
//
// A page is fetched only when the caller has consumed the previous one, so
// memory is bounded by one page. The iterator yields an error once and stops
// (a nil ctx is such an error, ErrInvalidParams); it stops when a page is
// empty, when the reported total is reached, or (no total reported) when a
// page is shorter than the limit. Breaking out of the loop stops it.
func All[T, P any](ctx context.Context, params *P, p Paging[T], list func(context.Context, *P) (*Page[T], error)) iter.Seq2[*T, error] {
	var base P
	if params != nil {
		base = *params
	}
	f := pagingFieldsOf(reflect.TypeFor[P]())
	bv := reflect.ValueOf(&base).Elem()
	w := walk[T]{
		limit:  PageSize(intField(bv, f.limit), p.Max),
		cursor: p.Cursor,
		id:     p.ID,
	}
	if p.Cursor != nil {
		if f.after == nil {
			panic(fmt.Sprintf("clerk: internal: %s has no starting_after field", bv.Type()))
		}
		if s := bv.FieldByIndex(f.after); !s.IsNil() {
			w.start.StartingAfter = s.Elem().String()
		}
	} else if o := intField(bv, f.offset); o != nil && *o > 0 {
		w.start.Offset = *o
	}
	w.fetch = func(ctx context.Context, r pageRequest) (*Page[T], error) {
		q := base
		v := reflect.ValueOf(&q).Elem()
		v.FieldByIndex(f.limit).Set(reflect.ValueOf(&r.Limit))
		if f.offset != nil {
			var off *int
			if p.Cursor == nil {
				off = &r.Offset
			}
			v.FieldByIndex(f.offset).Set(reflect.ValueOf(off))
		}
		if p.Cursor != nil && r.StartingAfter != "" {
			v.FieldByIndex(f.after).Set(reflect.ValueOf(&r.StartingAfter))
		}
		return list(ctx, &q)
	}
	return w.seq(ctx)
}

// AllIn is All for a list under a parent, such as an organization's
// memberships: list is the service's List method, which takes the parent's
// ID first.
//
//	return internal.AllIn(ctx, organizationID, params, paging(membershipID), s.ListMemberships)
func AllIn[T, P any](ctx context.Context, parentID string, params *P, p Paging[T], list func(context.Context, string, *P) (*Page[T], error)) iter.Seq2[*T, error] {
	return All(ctx, params, p, func(ctx context.Context, q *P) (*Page[T], error) { return list(ctx, parentID, q) })
}

// PageSize is the page size of an All: the caller's limit, or max when the
// limit is unset, not positive or larger than max.
func PageSize(limit *int, max int) int {
	if limit != nil && *limit > 0 && *limit < max {
		return *limit
	}
	return max
}

// pagingFields are the indexes of a params struct's paging fields.
type pagingFields struct{ limit, offset, after []int }

// pagingFieldsOf finds the fields tagged url:"limit" (*int, required),
// url:"offset" (*int) and url:"starting_after" (*string). A params type
// without a limit is a bug of this SDK, found by its tests.
func pagingFieldsOf(t reflect.Type) pagingFields {
	var f pagingFields
	intPtr, strPtr := reflect.TypeFor[*int](), reflect.TypeFor[*string]()
	for _, sf := range reflect.VisibleFields(t) {
		switch tag := sf.Tag.Get("url"); {
		case tag == "limit" && sf.Type == intPtr:
			f.limit = sf.Index
		case tag == "offset" && sf.Type == intPtr:
			f.offset = sf.Index
		case tag == "starting_after" && sf.Type == strPtr:
			f.after = sf.Index
		}
	}
	if f.limit == nil {
		panic(fmt.Sprintf("clerk: internal: %s has no *int field tagged url:\"limit\"", t))
	}
	return f
}

func intField(v reflect.Value, index []int) *int {
	if index == nil {
		return nil
	}
	return v.FieldByIndex(index).Interface().(*int)
}

// pageRequest says which page a walk asks for next.
type pageRequest struct {
	Limit         int
	Offset        int
	StartingAfter string
}

// walk is the paging engine under All.
type walk[T any] struct {
	limit  int
	start  pageRequest
	cursor func(*T) string
	id     func(*T) string
	fetch  func(ctx context.Context, r pageRequest) (*Page[T], error)
}

// maxRefetch bounds how many times in a row a page is fetched again because
// the total shrank (someone else may be changing the list all along).
const maxRefetch = 3

func (w walk[T]) seq(ctx context.Context) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		if ctx == nil {
			yield(nil, fmt.Errorf("%w: nil context", ErrInvalidParams))
			return
		}
		r := w.start
		r.Limit = w.limit
		total := int64(-1) // the total the previous page reported, -1 for none
		var last []*T      // the previous page, for de-duplication
		for {
			page, err := w.page(ctx, &r, &total)
			if err != nil {
				yield(nil, err)
				return
			}
			// Items of the previous page that come again (the list moved
			// under the walk) can only lead the page.
			skip := 0
			for skip < len(page.Data) && w.id != nil && contains(last, page.Data[skip], w.id) {
				skip++
			}
			for _, it := range page.Data[skip:] {
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
				if w.cursor == nil && r.Offset+n >= int(page.TotalCount) {
					return
				}
				if w.cursor != nil && n < w.limit {
					return
				}
			case n < w.limit:
				return
			}
			if w.cursor != nil {
				next := w.cursor(page.Data[n-1])
				if next == "" || next == r.StartingAfter {
					return
				}
				r.StartingAfter = next
			} else {
				r.Offset += n
			}
			if w.id != nil {
				last = page.Data
			}
		}
	}
}

// page fetches the page r asks for. In an offset walk with an ID, when the
// reported total has shrunk by k since the previous page, the items after
// the previous page have moved k places up: the page is fetched again k
// places earlier (not before the walk's start), so that none is skipped.
func (w walk[T]) page(ctx context.Context, r *pageRequest, total *int64) (*Page[T], error) {
	for i := 0; ; i++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		page, err := w.fetch(ctx, *r)
		if err != nil {
			return nil, err
		}
		prev := *total
		*total = page.TotalCount
		shrunk := prev - page.TotalCount
		if w.id == nil || w.cursor != nil || prev < 0 || page.TotalCount == 0 && len(page.Data) > 0 || shrunk <= 0 || i == maxRefetch || r.Offset == w.start.Offset {
			return page, nil
		}
		r.Offset = max(w.start.Offset, r.Offset-int(shrunk))
	}
}

func contains[T any](items []*T, it *T, id func(*T) string) bool {
	k := id(it)
	for _, x := range items {
		if id(x) == k {
			return true
		}
	}
	return false
}
