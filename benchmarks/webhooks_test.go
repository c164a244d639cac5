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

// buildWebhook verifies a delivery of the webhook spec's example event
// (user.created 1.4 kB, email.created 9.2 kB): webhooks' Verify (signature,
// timestamp and envelope) against svix's own Verify plus one json.Unmarshal
// of the envelope. withUser adds the typed data on both sides: Event.User,
// against encoding/json into the floor's mirror of users.User. The official
// SDK has no webhook helper.
func buildWebhook(event string, withUser bool) func(tb testing.TB) *comparison {
	return func(tb testing.TB) *comparison {
		raw, err := os.ReadFile("../webhooks/testdata/spec-examples.json")
		if err != nil {
			tb.Fatal(err)
		}
		var examples map[string]json.RawMessage
		if err := json.Unmarshal(raw, &examples); err != nil {
			tb.Fatal(err)
		}
		payload := []byte(examples[event])
		if len(payload) == 0 {
			tb.Fatalf("no %s example", event)
		}
		sw, err := svix.NewWebhook(whSecret)
		if err != nil {
			tb.Fatal(err)
		}
		v, err := webhooks.NewVerifier(whSecret)
		if err != nil {
			tb.Fatal(err)
		}
		userType := mirror(reflect.TypeFor[users.User]())
		now := time.Now() // both sides read the real clock: 5 minutes of tolerance
		sig, err := sw.Sign("msg_bench", now, payload)
		if err != nil {
			tb.Fatal(err)
		}
		header := http.Header{}
		header.Set("svix-id", "msg_bench")
		header.Set("svix-timestamp", strconv.FormatInt(now.Unix(), 10))
		header.Set("svix-signature", sig)

		what := "webhook Verify, " + event + " (" + kb(len(payload)) + ")"
		if withUser {
			what = "webhook Verify + ev.User(), " + event
		}
		return &comparison{
			what: what,
			ops: [nSides]func(){
				ours: func() {
					ev, err := v.Verify(payload, header)
					if err != nil {
						tb.Fatal(err)
					}
					if withUser {
						if _, err := ev.User(); err != nil {
							tb.Fatal(err)
						}
					}
				},
				floor: func() {
					if err := sw.Verify(payload, header); err != nil {
						tb.Fatal(err)
					}
					var env envelope
					if err := json.Unmarshal(payload, &env); err != nil {
						tb.Fatal(err)
					}
					if withUser {
						if err := json.Unmarshal(env.Data, reflect.New(userType).Interface()); err != nil {
							tb.Fatal(err)
						}
					}
				},
			},
			absent: [nSides]string{official: "no webhook helper"},
			goal: &goal{"≤ 1.15x floor", func(r *result) bool {
				return r.ratio[floor] <= 1.15
			}},
		}
	}
}
