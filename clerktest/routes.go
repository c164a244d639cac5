package clerktest

import (
	"net/http"
	"strings"
)

// operation is one operation of the spec: "GET", "/users/{user_id}",
// "GetUser".
type operation struct{ method, path, id string }

// findOperation returns the spec operation of a request to the server (a
// path under /v1, escaped), or the zero operation. Where templates compete
// (/users/count and /users/{user_id}), the one whose literal segments come
// first wins, as in the router of any API.
func findOperation(method, escapedPath string) operation {
	p, ok := strings.CutPrefix(escapedPath, "/v1/")
	if !ok {
		return operation{}
	}
	segs := strings.Split(p, "/")
	var best operation
	bestScore := -1
	for _, op := range operations {
		if op.method != method {
			continue
		}
		if score, ok := matchTemplate(op.path, segs); ok && score > bestScore {
			best, bestScore = op, score
		}
	}
	return best
}

// matchTemplate reports whether the path segments match a template, and a
// score that ranks literal segments, earlier ones first, above wildcards.
func matchTemplate(tmpl string, segs []string) (int, bool) {
	parts := strings.Split(strings.TrimPrefix(tmpl, "/"), "/")
	if len(parts) != len(segs) {
		return 0, false
	}
	score := 0
	for i, part := range parts {
		switch {
		case strings.HasPrefix(part, "{") && strings.HasSuffix(part, "}"):
			if segs[i] == "" {
				return 0, false
			}
		case part == segs[i]:
			score |= 1 << (len(parts) - 1 - i)
		default:
			return 0, false
		}
	}
	return score, true
}

// key names a call for fault matching and counting: "GET /users/{user_id}"
// for a spec operation, else the method and the path as sent.
func (op operation) key(r *http.Request) string {
	if op.id == "" {
		return r.Method + " " + r.URL.Path
	}
	return op.method + " " + op.path
}

// machineAuth reports whether the operation takes a machine's secret key
// as bearer, besides the instance secret key.
func (op operation) machineAuth() bool {
	return strings.HasPrefix(op.path, "/m2m_tokens")
}

// routes registers the handlers of every surface the server models. Each
// surface (a resource of the Backend API; later, the Frontend API's
// handshake and sign-in, under their own path prefix) lives in a file of
// its own and adds its routes here with one line.
func (s *Server) routes() {
	s.userRoutes()
	s.sessionRoutes()
	s.organizationRoutes()
	s.invitationRoutes()
	s.apiKeyRoutes()
	s.machineRoutes()
	s.frontendRoutes()
	s.mux.HandleFunc("/", s.unmodeled)
}

// unmodeled answers what no route took: 501 for an operation of the spec
// the server does not model, naming it; 404 for anything else.
func (s *Server) unmodeled(w http.ResponseWriter, r *http.Request) {
	if op := findOperation(r.Method, r.URL.EscapedPath()); op.id != "" {
		writeError(w, notImplemented(op, ""))
		return
	}
	writeError(w, notFound("Endpoint "+r.Method+" "+r.URL.Path))
}

// notImplemented is the 501 of an operation, or of one way of calling it
// (what), that the server does not model.
func notImplemented(op operation, what string) *apiError {
	long := "clerktest does not model " + op.id + " (" + op.method + " " + op.path + ")"
	if what != "" {
		long = "clerktest does not model " + what + " of " + op.id + " (" + op.method + " " + op.path + ")"
	}
	return &apiError{status: http.StatusNotImplemented, code: "not_implemented", msg: "not implemented by clerktest", long: long + "."}
}
