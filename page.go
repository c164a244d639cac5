package clerk

import "github.com/go-clerk/clerk/internal"

// Page is one page of a list endpoint, what every List method returns (the
// same type as users.Page, sessions.Page, ...). It is a struct with two
// fields and no methods:
//
//	type Page[T any] struct {
//		// Data holds the page's items, in the API's order.
//		Data []*T
//		// TotalCount is the number of items across all pages, as the API
//		// reports it; zero for endpoints that answer a bare array (GET
//		// /users reports none: use Users.Count).
//		TotalCount int64
//	}
//
// It is declared once, in the SDK's internal package, because every
// resource package returns it; this is an alias, so go doc shows the fields
// only here (a test keeps this comment in step with the type). Each List
// method has an All beside it that walks every page lazily.
type Page[T any] = internal.Page[T]
