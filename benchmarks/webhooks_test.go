package benchmarks

import (
	"encoding/json"
	"net/http"
	"os"
	"reflect"
	"strconv"
	"testing"
	"time"

	svix "github.com/svix/svix-webhooks/go"

	"github.com/go-clerk/clerk/users"
	"github.com/go-clerk/clerk/webhooks"
)

// whSecret is the signing secret of the benchmark deliveries.
const whSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

// envelope is the baseline's decoding target: the event envelope's fields,
// with the data left raw, as webhooks' Verify decodes it.
type envelope struct {
	Type            string          `json:"type"`
	Object          string          `json:"object"`
	InstanceID      string          `json:"instance_id"`
	Timestamp       int64           `json:"timestamp"`
	Data            json.RawMessage `json:"data"`
	EventAttributes struct {
		HTTPRequest struct {
			ClientIP  string `json:"client_ip"`
			UserAgent string `json:"user_agent"`
		} `json:"http_request"`
	} `json:"event_attributes"`
}

// BenchmarkWebhookVerify holds webhooks' Verify (signature, timestamp and
// envelope) to its bar: at most 1.15x svix's own Verify plus one
// json.Unmarshal of the envelope, on the webhook spec's examples
// (user.created 1.4 kB, email.created 9.2 kB). The "+user" cases add the
// typed data on both sides: Event.User, against encoding/json into the
// floor's mirror of users.User. Each case runs the two interleaved, in a
// rotating order, and reports webhooks/baseline from their summed times.
//
//	cd benchmarks && go test -run '^$' -bench BenchmarkWebhookVerify -count 5
func BenchmarkWebhookVerify(b *testing.B) {
	raw, err := os.ReadFile("../webhooks/testdata/spec-examples.json")
	if err != nil {
		b.Fatal(err)
	}
	var examples map[string]json.RawMessage
	if err := json.Unmarshal(raw, &examples); err != nil {
		b.Fatal(err)
	}
	sw, err := svix.NewWebhook(whSecret)
	if err != nil {
		b.Fatal(err)
	}
	v, err := webhooks.NewVerifier(whSecret)
	if err != nil {
		b.Fatal(err)
	}
	userType := mirror(reflect.TypeFor[users.User]())
	for _, tc := range []struct {
		name     string
		event    string
		withUser bool
	}{
		{"user.created", "user.created", false},
		{"email.created", "email.created", false},
		{"user.created+user", "user.created", true},
	} {
		payload := []byte(examples[tc.event])
		now := time.Now()
		sig, err := sw.Sign("msg_bench", now, payload)
		if err != nil {
			b.Fatal(err)
		}
		header := http.Header{}
		header.Set("svix-id", "msg_bench")
		header.Set("svix-timestamp", strconv.FormatInt(now.Unix(), 10))
		header.Set("svix-signature", sig)

		baseline := func() {
			if err := sw.Verify(payload, header); err != nil {
				b.Fatal(err)
			}
			var env envelope
			if err := json.Unmarshal(payload, &env); err != nil {
				b.Fatal(err)
			}
			if tc.withUser {
				if err := json.Unmarshal(env.Data, reflect.New(userType).Interface()); err != nil {
					b.Fatal(err)
				}
			}
		}
		sdk := func() {
			ev, err := v.Verify(payload, header)
			if err != nil {
				b.Fatal(err)
			}
			if tc.withUser {
				if _, err := ev.User(); err != nil {
					b.Fatal(err)
				}
			}
		}
		for range 200 { // warm both sides (type caches, the heap)
			sdk()
			baseline()
		}
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(payload)))
			var tSDK, tBase time.Duration
			i := 0
			for b.Loop() {
				t0 := time.Now()
				if i%2 == 0 {
					sdk()
					t1 := time.Now()
					baseline()
					tSDK += t1.Sub(t0)
					tBase += time.Since(t1)
				} else {
					baseline()
					t1 := time.Now()
					sdk()
					tBase += t1.Sub(t0)
					tSDK += time.Since(t1)
				}
				i++
			}
			b.ReportMetric(float64(tSDK)/float64(tBase), "webhooks/baseline")
		})
	}
}
