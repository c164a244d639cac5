package internal

import (
	"bytes"
	"encoding/json"
)

// Page is one page of a list endpoint. Clerk answers lists in two shapes, a
// bare JSON array (GET /users, GET /sessions) and an object
// {"data": [...], "total_count": n}; Page decodes both.
type Page[T any] struct {
	// Data holds the page's items, in the API's order.
	Data []*T `json:"data"`
	// TotalCount is the number of items across all pages, as the API reports
	// it. Endpoints that answer a bare array do not report one: it is then
	// zero (GET /users has a separate Count).
	TotalCount int64 `json:"total_count"`
}

// UnmarshalJSON implements json.Unmarshaler for both list shapes.
func (p *Page[T]) UnmarshalJSON(b []byte) error {
	b = bytes.TrimLeft(b, " \t\r\n")
	if len(b) > 0 && b[0] == '[' {
		p.TotalCount = 0
		return json.Unmarshal(b, &p.Data)
	}
	type wire Page[T]
	return json.Unmarshal(b, (*wire)(p))
}
