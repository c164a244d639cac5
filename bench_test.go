package clerk

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"
)

// BenchmarkAuthenticateRequest puts the browser path beside the bearer path
// in one run: the same session token (a cache hit after the first
// iteration), the same client, sent as a bearer header or as the __session
// and __client_uat cookies of a page request. Each iteration times one
// request of each side in turn and the benchmark reports the ratio of their
// summed times (cookie/bearer), so machine load moves both sides alike.
// Authenticate (the RequestState that the middleware builds for browsers)
// is timed beside the same bearer request.
func BenchmarkAuthenticateRequest(b *testing.B) {
	tok := mint(b, now, nil)
	c := browserClient(b, livePK, nil)
	bearer := httptest.NewRequest(http.MethodGet, "https://app.example.com/dashboard", nil)
	bearer.Header.Set("Authorization", "Bearer "+tok)
	cookie := browserReq(http.MethodGet, "https://app.example.com/dashboard", docHeaders,
		"__session", tok, "__client_uat", strconv.FormatInt(now.Unix()-3600, 10))

	for _, side := range []struct {
		name string
		run  func(*http.Request) error
	}{
		{"AuthenticateRequest", func(r *http.Request) error { _, err := c.AuthenticateRequest(r); return err }},
		{"Authenticate", func(r *http.Request) error { return c.Authenticate(r).Err }},
	} {
		b.Run(side.name, func(b *testing.B) {
			// Both requests must sign in, or the ratio compares failures.
			if err := side.run(bearer); err != nil {
				b.Fatalf("bearer: %v", err)
			}
			if err := side.run(cookie); err != nil {
				b.Fatalf("cookie: %v", err)
			}
			var tb, tc time.Duration
			for b.Loop() {
				t0 := time.Now()
				_ = side.run(bearer)
				t1 := time.Now()
				_ = side.run(cookie)
				tb += t1.Sub(t0)
				tc += time.Since(t1)
			}
			b.ReportMetric(float64(tc)/float64(tb), "cookie/bearer")
			b.ReportMetric(float64(tb.Nanoseconds())/float64(b.N), "bearer-ns/op")
			b.ReportMetric(float64(tc.Nanoseconds())/float64(b.N), "cookie-ns/op")
		})
	}
}
