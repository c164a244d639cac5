package users

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/go-clerk/clerk/internal"
)

// BenchmarkGet measures Users.Get on loopback against the floor it is held
// to (DESIGN.md: at most 1.2x): a bare net/http GET of the same body, decoded
// with encoding/json into the same User, over a transport with the same
// settings. Compare the medians of the two sub-benchmarks of one run, and
// read the interleaved sub-benchmark's sdk/bare:
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
	const id = "user_2g7np7Hrk0SN6kj5EDMLDaKNL0S"

	core, err := internal.New(internal.Config{SecretKey: "sk_test_bench", BaseURL: srv.URL + "/v1"})
	if err != nil {
		b.Fatal(err)
	}
	defer core.Close()
	svc := New(core)
	sdk := func() {
		u, err := svc.Get(ctx, id)
		if err != nil || u.ID == "" {
			b.Fatal(err)
		}
	}

	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 32 // as the SDK's own transport
	hc := &http.Client{Transport: tr}
	defer hc.CloseIdleConnections()
	target := srv.URL + "/v1/users/" + id
	bare := func() {
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
		_, _ = io.Copy(io.Discard, resp.Body) // so the connection is reused
		resp.Body.Close()
		if err != nil || u.ID == "" {
			b.Fatal(err)
		}
	}

	// Warm both paths (connections, encoding/json's type caches, the heap)
	// so that the first sub-benchmark does not pay for the second.
	for range 300 {
		sdk()
		bare()
	}
	for _, bm := range []struct {
		name string
		call func()
	}{{"sdk", sdk}, {"bare", bare}} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				bm.call()
			}
		})
	}

	// On shared cores the load drifts between the two sub-benchmarks above;
	// this one interleaves the calls (alternating which goes first) and
	// reports the ratio of their summed times as sdk/bare, which drift
	// affects far less. Its ns/op is one sdk call plus one bare call.
	b.Run("interleaved", func(b *testing.B) {
		var tSDK, tBare time.Duration
		i := 0
		for b.Loop() {
			t0 := time.Now()
			if i%2 == 0 {
				sdk()
				t1 := time.Now()
				bare()
				tSDK += t1.Sub(t0)
				tBare += time.Since(t1)
			} else {
				bare()
				t1 := time.Now()
				sdk()
				tBare += t1.Sub(t0)
				tSDK += time.Since(t1)
			}
			i++
		}
		b.ReportMetric(float64(tSDK)/float64(tBare), "sdk/bare")
	})
}
