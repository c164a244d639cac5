package spectest

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
)

// Checked wraps the handler of a hand-written fake, for Example functions,
// which have no testing.T to report to: it serves h under /v1 (h sees paths
// relative to the API root, as Server.Mux does), answers 400 with the
// problems to a request that departs from the spec, and 500 with the
// problems when h's answer departs from it. The SDK turns either into an
// error, which the Example prints, so its output check fails.
//
//	srv := httptest.NewServer(spectest.Checked(mux))
func Checked(h http.Handler) http.Handler {
	inner := http.StripPrefix("/v1", h)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, "spectest: reading the request body: "+err.Error(), http.StatusBadRequest)
			return
		}
		if _, err := ValidateRequest(r, body); err != nil {
			http.Error(w, "spectest: "+err.Error(), http.StatusBadRequest)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		rec := httptest.NewRecorder()
		inner.ServeHTTP(rec, r)
		if err := ValidateResponse(r, rec.Code, rec.Header(), rec.Body.Bytes()); err != nil {
			http.Error(w, "spectest: "+err.Error(), http.StatusInternalServerError)
			return
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	})
}
