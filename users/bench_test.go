package users

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/go-clerk/clerk/internal"
)

// BenchmarkGet measures Users.Get on loopback against the floor it is held
// to (DESIGN.md: at most 1.2x): a bare net/http GET of the same body, decoded
// with encoding/json into the same User, over a transport with the same
// settings. Compare the two sub-benchmarks of one run:
//
//	go test -run '^$' -bench BenchmarkGet -count 5 ./users/
func BenchmarkGet(b *testing.B) {
	body := userJSON(b)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	defer srv.Close()
	ctx := context.Background()

	b.Run("sdk", func(b *testing.B) {
		core, err := internal.New(internal.Config{SecretKey: "sk_test_bench", BaseURL: srv.URL + "/v1"})
		if err != nil {
			b.Fatal(err)
		}
		defer core.Close()
		svc := New(core)
		b.ReportAllocs()
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			u, err := svc.Get(ctx, "user_2g7np7Hrk0SN6kj5EDMLDaKNL0S")
			if err != nil || u.ID == "" {
				b.Fatal(err)
			}
		}
	})

	b.Run("bare", func(b *testing.B) {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.MaxIdleConnsPerHost = 32
		hc := &http.Client{Transport: tr}
		defer hc.CloseIdleConnections()
		target := srv.URL + "/v1/users/user_2g7np7Hrk0SN6kj5EDMLDaKNL0S"
		b.ReportAllocs()
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
			if err != nil {
				b.Fatal(err)
			}
			req.Header.Set("Authorization", "Bearer sk_test_bench")
			resp, err := hc.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			var u User
			err = json.NewDecoder(resp.Body).Decode(&u)
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if err != nil || u.ID == "" {
				b.Fatal(err)
			}
		}
	})
}
