package internal

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
)

// The request helpers every service method is written with: Call, Exec,
// List, CallList, and Send for a request built by hand (ARCHITECTURE.md,
// "Writing a service method"):
//
//	func (s *Service) Get(ctx context.Context, userID string) (*User, error) {
//		return internal.Call[User](ctx, s.core(), http.MethodGet, "/users/{user_id}", nil, userID)
//	}
//
// tmpl is the spec's path template; ids fill its {names} in order and are
// checked by Path before anything is sent. in is the call's parameters: the
// query of a GET or DELETE (a params struct with url tags, or url.Values),
// the JSON body of any other method (a nil pointer sends no body).

// Call sends one request and decodes the resource it answers. An answer
// without one (an empty body, JSON null, {}, a 204) is ErrInvalidResponse.
func Call[T any](ctx context.Context, c *Client, method, tmpl string, in any, ids ...string) (*T, error) {
	r := Request{Method: method, Path: tmpl, IDs: ids}
	r.setParams(in)
	return Send[T](ctx, c, &r)
}

// Send is Call for a request built by hand: one with both a query and a
// body, or another bearer.
func Send[T any](ctx context.Context, c *Client, r *Request) (*T, error) {
	data, err := c.send(ctx, r)
	if err != nil {
		return nil, err
	}
	out, err := decodeResource[T](data)
	if err != nil {
		return nil, c.answerError(r, err)
	}
	return out, nil
}

// Exec sends one request whose answer the caller does not need (a Delete);
// any 2xx is success.
func Exec(ctx context.Context, c *Client, method, tmpl string, in any, ids ...string) error {
	r := Request{Method: method, Path: tmpl, IDs: ids, discard: true}
	r.setParams(in)
	_, err := c.send(ctx, &r)
	return err
}

// List gets one page of a list endpoint, in either of Clerk's list shapes:
// a bare array, or {"data": [...], "total_count": n}. params is the query (a
// params struct with url tags, or url.Values).
func List[T any](ctx context.Context, c *Client, tmpl string, params any, ids ...string) (*Page[T], error) {
	return ListAt[T](ctx, c, "data", tmpl, params, ids...)
}

// ListAt is List for an endpoint whose object answer holds its items under
// another key than "data" (GET /m2m_tokens: "m2m_tokens").
func ListAt[T any](ctx context.Context, c *Client, key, tmpl string, params any, ids ...string) (*Page[T], error) {
	return sendList[T](ctx, c, &Request{Method: http.MethodGet, Path: tmpl, IDs: ids, Query: params}, key)
}

// CallList is Call for an answer that is a list of resources rather than
// one (a bulk create, the PUT of a whole set), read as List reads one: in
// either list shape, a null item being ErrInvalidResponse. As with Call, an
// answer without the list (an empty body, JSON null, {}) is
// ErrInvalidResponse.
func CallList[T any](ctx context.Context, c *Client, method, tmpl string, in any, ids ...string) (*Page[T], error) {
	r := Request{Method: method, Path: tmpl, IDs: ids, resource: true}
	r.setParams(in)
	return sendList[T](ctx, c, &r, "data")
}

// sendList sends r and decodes its answer as a list (decodePage).
func sendList[T any](ctx context.Context, c *Client, r *Request, key string) (*Page[T], error) {
	data, err := c.send(ctx, r)
	if err != nil {
		return nil, err
	}
	if r.resource && emptyObject(data) {
		return nil, c.answerError(r, fmt.Errorf("%w: {} where a list was expected", ErrInvalidResponse))
	}
	p, err := decodePage[T](data, key)
	if err != nil {
		return nil, c.answerError(r, err)
	}
	return p, nil
}

// setParams places in as the query or the body, by method.
func (r *Request) setParams(in any) {
	if in == nil {
		return
	}
	if q, ok := in.(url.Values); ok {
		r.Query = q
		return
	}
	switch r.Method {
	case http.MethodGet, http.MethodDelete, http.MethodHead:
		r.Query = in
	default:
		if v := reflect.ValueOf(in); v.Kind() == reflect.Pointer && v.IsNil() {
			return
		}
		r.Body = in
	}
}
