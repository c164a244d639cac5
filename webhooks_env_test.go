package clerk_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-clerk/clerk/webhooks"
)

// svixHeaders signs payload with a whsec_ secret as Svix does.
func svixHeaders(t *testing.T, secret string, at time.Time, payload []byte) http.Header {
	t.Helper()
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil {
		t.Fatal(err)
	}
	ts := strconv.FormatInt(at.Unix(), 10)
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte("msg_1." + ts + "."))
	mac.Write(payload)
	h := http.Header{}
	h.Set("svix-id", "msg_1")
	h.Set("svix-timestamp", ts)
	h.Set("svix-signature", "v1,"+base64.StdEncoding.EncodeToString(mac.Sum(nil)))
	return h
}

// TestNewVerifierFromEnv: CLERK_WEBHOOK_SIGNING_SECRET (Clerk's SDKs' name)
// wins over CLERK_WEBHOOK_SECRET (Clerk's guides'), either works alone, and
// neither is ErrInvalidSecret.
func TestNewVerifierFromEnv(t *testing.T) {
	const signing, guides = "whsec_c2lnbmluZy1zZWNyZXQtMDEyMzQ1Njc4OQ==", "whsec_Z3VpZGVzLXNlY3JldC0wMTIzNDU2Nzg5MDE="
	payload := []byte(`{"type":"user.created","object":"event","data":{"id":"user_1"}}`)
	at := time.Unix(1_800_000_000, 0)
	clock := webhooks.WithClock(func() time.Time { return at })
	for _, tt := range []struct {
		signingEnv, guidesEnv, signedWith string
	}{
		{signing, guides, signing},
		{signing, "", signing},
		{"", guides, guides},
	} {
		t.Setenv("CLERK_WEBHOOK_SIGNING_SECRET", tt.signingEnv)
		t.Setenv("CLERK_WEBHOOK_SECRET", tt.guidesEnv)
		wh, err := webhooks.NewVerifierFromEnv(clock)
		if err != nil {
			t.Fatalf("signing %q, guides %q: %v", tt.signingEnv, tt.guidesEnv, err)
		}
		if ev, err := wh.Verify(payload, svixHeaders(t, tt.signedWith, at, payload)); err != nil || ev.Type != webhooks.UserCreated {
			t.Errorf("signing %q, guides %q: %+v, %v", tt.signingEnv, tt.guidesEnv, ev, err)
		}
	}
	t.Setenv("CLERK_WEBHOOK_SIGNING_SECRET", "")
	t.Setenv("CLERK_WEBHOOK_SECRET", "")
	if _, err := webhooks.NewVerifierFromEnv(); !errors.Is(err, webhooks.ErrInvalidSecret) {
		t.Errorf("neither set: %v", err)
	}
	t.Setenv("CLERK_WEBHOOK_SECRET", "whsec_!!not-base64!!")
	if _, err := webhooks.NewVerifierFromEnv(); !errors.Is(err, webhooks.ErrInvalidSecret) || !strings.Contains(err.Error(), "CLERK_WEBHOOK_SECRET") ||
		strings.Contains(err.Error(), "not-base64") {
		t.Errorf("bad secret: %v", err)
	}
}
