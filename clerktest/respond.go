package clerktest

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-clerk/clerk/internal"
)

// How the server reads requests and writes answers: every handler is a
// function of the request that returns the value to answer (encoded with
// the SDK's codec as the Backend API writes it) or an *apiError, and runs
// with the server's lock held.

// maxBody bounds a request body the server reads.
const maxBody = 1 << 20

// apiError is an answer in Clerk's error shape.
type apiError struct {
	status          int
	code, msg, long string
	param           string // meta.param_name, when the error is about one
}

func (e *apiError) Error() string { return e.code + ": " + e.long }

// errorBody is Clerk's error body (the spec's ClerkErrors).
type errorBody struct {
	Errors  []errorItem `json:"errors"`
	TraceID string      `json:"clerk_trace_id,omitempty"`
}

type errorItem struct {
	Message     string         `json:"message"`
	LongMessage string         `json:"long_message"`
	Code        string         `json:"code"`
	Meta        map[string]any `json:"meta,omitempty"`
}

func writeError(w http.ResponseWriter, e *apiError) {
	item := errorItem{Message: e.msg, LongMessage: e.long, Code: e.code}
	if e.param != "" {
		item.Meta = map[string]any{"param_name": e.param}
	}
	trace := randomHex(16)
	w.Header().Set("Clerk-Trace-Id", trace)
	b, _ := json.Marshal(errorBody{Errors: []errorItem{item}, TraceID: trace})
	writeJSON(w, e.status, b)
}

func writeJSON(w http.ResponseWriter, status int, b []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

func notFound(kind string) *apiError {
	return &apiError{status: http.StatusNotFound, code: "resource_not_found", msg: "not found", long: kind + " not found"}
}

// unprocessable is a 422 about one parameter.
func unprocessable(code, param, long string) *apiError {
	msg := map[string]string{
		"form_param_missing":             "is missing",
		"form_param_format_invalid":      "is invalid",
		"form_param_value_invalid":       "is invalid",
		"form_identifier_exists":         "That identifier is taken. Please try another.",
		"form_password_length_too_short": "Passwords must be 8 characters or more.",
	}[code]
	if msg == "" {
		msg = "is invalid"
	}
	return &apiError{status: http.StatusUnprocessableEntity, code: code, msg: msg, long: long, param: param}
}

func missing(param string) *apiError {
	return unprocessable("form_param_missing", param, param+" must be included.")
}

func invalid(param, why string) *apiError {
	return unprocessable("form_param_value_invalid", param, param+" "+why)
}

func badRequest(long string) *apiError {
	return &apiError{status: http.StatusBadRequest, code: "request_body_invalid", msg: "Request body invalid", long: long}
}

// withStatus is an answer with another status than 200.
type withStatus struct {
	code int
	v    any
}

// handler answers one request; it runs with the server's lock held.
type handler func(c *call) (any, error)

// call is a request being answered: its path values, query and body.
type call struct {
	r    *http.Request
	body []byte
	q    url.Values
}

// handle registers h for a pattern relative to the API root ("GET
// /users/{user_id}").
func (s *Server) handle(pattern string, h handler) {
	method, path, _ := strings.Cut(pattern, " ")
	s.patterns = append(s.patterns, pattern)
	s.mux.HandleFunc(method+" /v1"+path, func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
		if err != nil {
			writeError(w, badRequest("The request body could not be read."))
			return
		}
		c := &call{r: r, body: body, q: r.URL.Query()}
		s.mu.Lock()
		v, err := h(c)
		var out []byte
		code := http.StatusOK
		if err == nil {
			if st, ok := v.(withStatus); ok {
				code, v = st.code, st.v
			}
			out, err = internal.MarshalAPI(v)
		}
		s.mu.Unlock()
		var e *apiError
		switch {
		case errors.As(err, &e):
			writeError(w, e)
		case err != nil:
			writeError(w, &apiError{status: http.StatusInternalServerError, code: "internal_clerk_error",
				msg: "Oops, an unexpected error occurred", long: "clerktest: " + err.Error()})
		default:
			writeJSON(w, code, out)
		}
	})
}

// path returns a path value.
func (c *call) path(name string) string { return c.r.PathValue(name) }

// decode reads the JSON body into v (encoding/json, numbers kept as
// json.Number so that metadata keeps its values exactly). An empty body
// leaves v as it is.
func (c *call) decode(v any) error {
	if len(bytes.TrimSpace(c.body)) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(c.body))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return unprocessable("form_param_format_invalid", te.Field, te.Field+" has the wrong type.")
		}
		return badRequest("The request body is not valid JSON.")
	}
	return nil
}

// str returns a query parameter, "" when absent.
func (c *call) str(name string) string { return c.q.Get(name) }

// list returns a repeated query parameter.
func (c *call) list(name string) []string { return c.q[name] }

// boolean reads a boolean query parameter; nil when absent.
func (c *call) boolean(name string) (*bool, error) {
	v, ok := c.q[name]
	if !ok || len(v) == 0 || v[0] == "" {
		return nil, nil
	}
	b, err := strconv.ParseBool(v[0])
	if err != nil {
		return nil, unprocessable("form_param_format_invalid", name, name+" must be true or false.")
	}
	return &b, nil
}

// millis reads a query parameter of Unix milliseconds; nil when absent.
func (c *call) millis(name string) (*time.Time, error) {
	v := c.q.Get(name)
	if v == "" {
		return nil, nil
	}
	ms, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return nil, unprocessable("form_param_format_invalid", name, name+" must be a Unix timestamp in milliseconds.")
	}
	t := time.UnixMilli(ms).UTC()
	return &t, nil
}

// paging reads limit (default 10, 1 to max) and offset (0 or more).
func (c *call) paging(max int) (limit, offset int, err error) {
	limit, offset = 10, 0
	if v := c.q.Get("limit"); v != "" {
		f, perr := strconv.ParseFloat(v, 64)
		if perr != nil || f != float64(int(f)) || f < 1 || f > float64(max) {
			return 0, 0, invalid("limit", fmt.Sprintf("must be an integer between 1 and %d.", max))
		}
		limit = int(f)
	}
	if v := c.q.Get("offset"); v != "" {
		f, perr := strconv.ParseFloat(v, 64)
		if perr != nil || f != float64(int(f)) || f < 0 {
			return 0, 0, invalid("offset", "must be a non-negative integer.")
		}
		offset = int(f)
	}
	return limit, offset, nil
}

// window returns items[offset:offset+limit], clamped.
func window[T any](items []T, limit, offset int) []T {
	offset = min(offset, len(items))
	return items[offset:min(offset+limit, len(items))]
}

// dataPage is the {"data": [...], "total_count": n} list shape.
type dataPage[T any] struct {
	Data       []T   `json:"data"`
	TotalCount int64 `json:"total_count"`
}

func pageOf[T any](all []T, limit, offset int) dataPage[T] {
	return dataPage[T]{Data: window(all, limit, offset), TotalCount: int64(len(all))}
}

// orderings maps the fields an order_by may name to comparisons.
type orderings[T any] map[string]func(a, b T) int

// sortBy sorts items by an order_by value ("+field", "-field" or "field",
// ascending without a sign), or by def when orderBy is empty. Ties keep
// creation order (the items come in it), reversed for a descending sort.
func sortBy[T any](items []T, orderBy, def string, by orderings[T]) error {
	if orderBy == "" {
		orderBy = def
	}
	desc := strings.HasPrefix(orderBy, "-")
	field := strings.TrimLeft(orderBy, "+-")
	cmpf, ok := by[field]
	if !ok {
		return invalid("order_by", fmt.Sprintf("cannot order by %q.", field))
	}
	if desc {
		slices.Reverse(items)
		slices.SortStableFunc(items, func(a, b T) int { return cmpf(b, a) })
		return nil
	}
	slices.SortStableFunc(items, cmpf)
	return nil
}

// byTime compares two times, a nil one first.
func byTime(a, b *time.Time) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	}
	return a.Compare(*b)
}

// byFold compares strings case-insensitively.
func byFold(a, b string) int { return cmp.Compare(strings.ToLower(a), strings.ToLower(b)) }

// contains reports whether s contains q, ignoring case.
func contains(s, q string) bool { return strings.Contains(strings.ToLower(s), strings.ToLower(q)) }

// splitIDs reads a filter of IDs where each may carry "+" (include, as
// does no sign) or "-" (exclude).
func splitIDs(values []string) (include, exclude map[string]bool) {
	include, exclude = map[string]bool{}, map[string]bool{}
	for _, v := range values {
		switch {
		case strings.HasPrefix(v, "-"):
			exclude[v[1:]] = true
		case strings.HasPrefix(v, "+"):
			include[v[1:]] = true
		default:
			include[v] = true
		}
	}
	return include, exclude
}

// idFilter applies a filter of splitIDs to an ID: with any include, only
// included IDs pass; excluded IDs never do. nil for an empty filter.
func idFilter(values []string) func(id string) bool {
	if len(values) == 0 {
		return nil
	}
	include, exclude := splitIDs(values)
	return func(id string) bool {
		return !exclude[id] && (len(include) == 0 || include[id])
	}
}
