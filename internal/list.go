package internal

// Page is one page of a list endpoint. Clerk answers lists in two shapes, a
// bare JSON array (GET /users, GET /sessions) and an object
// {"data": [...], "total_count": n}; the SDK's codec reads both (List,
// CallList).
type Page[T any] struct {
	// Data holds the page's items, in the API's order.
	Data []*T `json:"data"`
	// TotalCount is the number of items across all pages, as the API reports
	// it. Endpoints that answer a bare array do not report one: it is then
	// zero (GET /users has a separate Count).
	TotalCount int64 `json:"total_count"`
}
