package clerktest

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Fault is a failure the server injects into the calls that match it, so
// that a test can see how its own code handles an error, a rate limit or a
// slow answer.
type Fault struct {
	// Match limits the fault to the calls of one operation, written as the
	// method and the spec's path template relative to the API root, as each
	// SDK method's doc names its endpoint: "POST /users",
	// "GET /users/{user_id}". "" matches every call.
	Match string
	// Status is the status answered, with Clerk's error body; 0 answers the
	// call normally (after Delay).
	Status int
	// Code is the error code of the body; by default Clerk's code for the
	// status (too_many_requests for 429, resource_not_found for 404, ...).
	Code string
	// RetryAfter, when positive, is sent as the Retry-After header, in
	// seconds rounded up.
	RetryAfter time.Duration
	// Delay is how long the server waits before it answers. The wait ends
	// early when the client gives up (no answer is written then) or the
	// server closes.
	Delay time.Duration
	// Times is how many matching calls the fault applies to; 0 means every
	// matching call, until ClearFaults.
	Times int
}

// Inject adds a fault. Faults apply in the order they were added, one per
// call: the first that matches and has calls left. The SDK retries some
// failures (429 always; 5xx on all but POST), so a fault with Times 1 may
// go unseen by the caller: count with Calls, or make the client with
// clerk.WithMaxRetries(0). A Status outside 400 to 599 (and not 0) fails
// the test, or panics without one.
func (s *Server) Inject(f Fault) {
	if s.t != nil {
		s.t.Helper()
	}
	if f.Status != 0 && (f.Status < 400 || f.Status > 599) {
		s.fatalf("clerktest: Inject: status %d is not an error status", f.Status)
		return
	}
	f.Match = strings.Join(strings.Fields(f.Match), " ")
	s.mu.Lock()
	s.faults = append(s.faults, &f)
	s.mu.Unlock()
}

// ClearFaults removes every injected fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	s.faults = nil
	s.mu.Unlock()
}

// Calls returns how many calls of an operation the server has received
// ("POST /users", as Fault.Match writes it), faults and refusals included;
// "" counts every call.
func (s *Server) Calls(match string) int {
	match = strings.Join(strings.Fields(match), " ")
	s.mu.Lock()
	defer s.mu.Unlock()
	if match == "" {
		n := 0
		for _, c := range s.calls {
			n += c
		}
		return n
	}
	return s.calls[match]
}

// arrive counts a call and takes the fault that applies to it, if any.
func (s *Server) arrive(key string) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls[key]++
	for i, f := range s.faults {
		if f.Match != "" && f.Match != key {
			continue
		}
		out := *f
		if f.Times > 0 {
			if f.Times--; f.Times == 0 {
				s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
			}
		}
		return &out
	}
	return nil
}

// wait sleeps for d, and reports whether to answer: false when the client
// went away.
func (s *Server) wait(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-s.quit:
		return true
	case <-r.Context().Done():
		return false
	}
}

// faultCodes are Clerk's error codes by status.
var faultCodes = map[int]string{
	400: "request_body_invalid",
	401: "authentication_invalid",
	402: "payment_required",
	403: "authorization_invalid",
	404: "resource_not_found",
	409: "conflict",
	410: "deprecated_endpoint",
	422: "form_param_value_invalid",
	423: "user_locked",
	429: "too_many_requests",
}

func writeFault(w http.ResponseWriter, f *Fault) {
	code := f.Code
	if code == "" {
		if code = faultCodes[f.Status]; code == "" {
			code = "internal_clerk_error"
			if f.Status < 500 {
				code = "request_invalid"
			}
		}
	}
	if f.RetryAfter > 0 {
		secs := (f.RetryAfter + time.Second - 1) / time.Second
		w.Header().Set("Retry-After", strconv.FormatInt(int64(secs), 10))
	}
	text := http.StatusText(f.Status)
	if text == "" {
		text = "Error"
	}
	writeError(w, &apiError{status: f.Status, code: code, msg: text,
		long: "clerktest: an injected fault answered " + strconv.Itoa(f.Status) + " " + text + "."})
}
