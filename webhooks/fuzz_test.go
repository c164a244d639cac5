package webhooks_test

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-clerk/clerk/webhooks"
)

// FuzzVerify checks that Verify never panics, that every failure matches
// exactly one sentinel, and that every success is a genuine, fresh
// delivery by an independent computation of the signature.
func FuzzVerify(f *testing.F) {
	vec := svixVectors(f)[0] // signed with testSecret
	vts := strconv.FormatInt(vec.Timestamp, 10)
	f.Add([]byte(vec.Payload), vec.ID, vts, vec.Signature, vec.Timestamp)
	f.Add([]byte(vec.Payload), vec.ID, "+"+vts, vec.Signature, vec.Timestamp)

	ts := strconv.FormatInt(testNow.Unix(), 10)
	good := sign(f, testSecret, "msg_1", ts, userCreated)
	f.Add(userCreated, "msg_1", ts, good, testNow.Unix())
	f.Add(userCreated, "msg_1", ts, "v1,bogus "+good, testNow.Unix()+300)
	f.Add(userCreated, "msg_1", ts, good, testNow.Unix()+301)
	f.Add(userCreated, "msg_1", ts, good[:10], testNow.Unix())
	f.Add(userCreated, "", ts, good, testNow.Unix())
	f.Add([]byte(`{"type":1}`), "msg_1", ts, sign(f, testSecret, "msg_1", ts, []byte(`{"type":1}`)), testNow.Unix())
	f.Add([]byte(`{"type":"x","timestamp":1e3}`), "msg_1", ts, sign(f, testSecret, "msg_1", ts, []byte(`{"type":"x","timestamp":1e3}`)), testNow.Unix())

	f.Fuzz(func(t *testing.T, payload []byte, id, ts, sig string, now int64) {
		clock := time.Unix(now, 0)
		v, err := webhooks.NewVerifier(testSecret, webhooks.WithClock(clockAt(clock)), webhooks.WithMaxPayloadSize(4<<10))
		if err != nil {
			t.Fatal(err)
		}
		header := http.Header{"Svix-Id": {id}, "Svix-Timestamp": {ts}, "Svix-Signature": {sig}}
		ev, err := v.Verify(payload, header)
		if err != nil {
			if ev != nil {
				t.Errorf("event and error: %+v, %v", ev, err)
			}
			n := 0
			for _, s := range sentinels {
				if errors.Is(err, s) {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%v matches %d sentinels", err, n)
			}
			return
		}
		if ev == nil || ev.ID != id || ev.Type == "" {
			t.Fatalf("success with %+v", ev)
		}
		want := sign(t, testSecret, id, ts, payload)
		if !strings.Contains(" "+sig+" ", " "+want+" ") && !strings.HasPrefix(sig, want+",") && !strings.Contains(sig, " "+want+",") {
			t.Errorf("accepted signature %q; the genuine one is %q", sig, want)
		}
		signedAt, err := strconv.ParseInt(ts, 10, 64)
		if err != nil || strconv.FormatInt(signedAt, 10) != ts {
			t.Errorf("accepted timestamp header %q", ts)
		}
		if d := clock.Sub(time.Unix(signedAt, 0)); d > webhooks.DefaultTolerance || d < -webhooks.DefaultTolerance {
			t.Errorf("accepted a timestamp %s from the clock", d)
		}
	})
}
