package internal

import (
	"context"
	"net/http"
	"net/url"
)

// The transport's tests send raw requests with these: the services go
// through Call, Exec, Send, List and CallList.

// Do sends a request and decodes a 2xx JSON answer into out (nil discards
// it) with the SDK's codec.
func (c *Client) Do(ctx context.Context, r *Request, out any) error {
	r.discard = out == nil
	data, err := c.send(ctx, r)
	if err != nil || out == nil {
		return err
	}
	if err = Unmarshal(data, out); err != nil {
		return c.answerError(r, &decodeError{err: err})
	}
	return nil
}

// Get is Do with GET.
func (c *Client) Get(ctx context.Context, path string, query url.Values, out any) error {
	return c.Do(ctx, &Request{Method: http.MethodGet, Path: path, Query: query}, out)
}

// Post is Do with POST and a JSON body (nil for none).
func (c *Client) Post(ctx context.Context, path string, body, out any) error {
	return c.Do(ctx, &Request{Method: http.MethodPost, Path: path, Body: body}, out)
}

// Patch is Do with PATCH and a JSON body.
func (c *Client) Patch(ctx context.Context, path string, body, out any) error {
	return c.Do(ctx, &Request{Method: http.MethodPatch, Path: path, Body: body}, out)
}

// Delete is Do with DELETE; out may be nil.
func (c *Client) Delete(ctx context.Context, path string, out any) error {
	return c.Do(ctx, &Request{Method: http.MethodDelete, Path: path}, out)
}
