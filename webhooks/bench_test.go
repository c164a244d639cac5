package webhooks_test

import (
	"encoding/json"
	"testing"
	"time"

	svix "github.com/svix/svix-webhooks/go"

	"github.com/go-clerk/clerk/users"
	"github.com/go-clerk/clerk/webhooks"
)

// benchEnvelope is the baseline's decoding target: the envelope's fields,
// with the data left raw, as Verify decodes it.
type benchEnvelope struct {
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

// BenchmarkVerify compares Verify (signature, timestamp and envelope) with
// the bar of DESIGN.md: svix's own Verify plus one json.Unmarshal of the
// envelope, on spec examples (user.created 1.4 kB, email.created 9.2 kB).
// Both sides read the real clock.
//
//	go test -run '^$' -bench . -count 5 ./webhooks/
func BenchmarkVerify(b *testing.B) {
	examples := specExamples(b)
	for _, typ := range []webhooks.EventType{webhooks.UserCreated, webhooks.EmailCreated} {
		payload := []byte(examples[typ])
		header := delivery(b, testSecret, "msg_2g7np7Hrk0SN6kj5EDMLDaKNL0S", time.Now(), payload)

		b.Run(string(typ)+"/svix+unmarshal", func(b *testing.B) {
			wh, err := svix.NewWebhook(testSecret)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(payload)))
			b.ReportAllocs()
			for b.Loop() {
				if err := wh.Verify(payload, header); err != nil {
					b.Fatal(err)
				}
				var env benchEnvelope
				if err := json.Unmarshal(payload, &env); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(string(typ)+"/webhooks", func(b *testing.B) {
			v, err := webhooks.NewVerifier(testSecret)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(payload)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := v.Verify(payload, header); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkVerifyUser adds the typed decoding of the data to both sides:
// the bare calls decode the envelope's data into a users.User, Verify is
// followed by Event.User.
func BenchmarkVerifyUser(b *testing.B) {
	payload := []byte(specExamples(b)[webhooks.UserCreated])
	header := delivery(b, testSecret, "msg_2g7np7Hrk0SN6kj5EDMLDaKNL0S", time.Now(), payload)
	b.Run("svix+unmarshal", func(b *testing.B) {
		wh, err := svix.NewWebhook(testSecret)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if err := wh.Verify(payload, header); err != nil {
				b.Fatal(err)
			}
			var env benchEnvelope
			if err := json.Unmarshal(payload, &env); err != nil {
				b.Fatal(err)
			}
			var u users.User
			if err := json.Unmarshal(env.Data, &u); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("webhooks", func(b *testing.B) {
		v, err := webhooks.NewVerifier(testSecret)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			ev, err := v.Verify(payload, header)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := ev.User(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
