package clerktest

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/users"
	"github.com/go-clerk/clerk/webhooks"
)

func TestWebhooks(t *testing.T) {
	srv := NewServer(t, validated(t))
	u := srv.AddUser(users.User{FirstName: "Ada", EmailAddresses: []users.EmailAddress{{EmailAddress: "ada@example.com"}}})
	payload := srv.WebhookEvent(webhooks.UserCreated, u)
	wh, err := webhooks.NewVerifier(srv.WebhookSecret)
	if err != nil {
		t.Fatal(err)
	}
	hdr := srv.SignWebhook(payload)
	ev, err := wh.Verify(payload, hdr)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ev.User()
	if err != nil || ev.Type != webhooks.UserCreated || ev.InstanceID != srv.InstanceID || ev.ID != hdr.Get("svix-id") ||
		got.ID != u.ID || got.FirstName != "Ada" || !got.CreatedAt.Equal(u.CreatedAt) || ev.Timestamp.IsZero() {
		t.Fatalf("event %+v, user %+v, %v", ev, got, err)
	}
	if _, err := wh.Verify(append(bytes.Clone(payload), ' '), hdr); !errors.Is(err, webhooks.ErrInvalidSignature) {
		t.Errorf("a changed body: %v", err)
	}

	var seen []webhooks.EventType
	h := webhooks.Handler(wh, func(_ context.Context, ev *webhooks.Event) error {
		seen = append(seen, ev.Type)
		return nil
	})
	deleted := srv.WebhookEvent(webhooks.UserDeleted, clerk.DeletedObject{Object: "user", ID: u.ID, Deleted: true})
	for _, tt := range []struct {
		body []byte
		hdr  http.Header
		want int
	}{
		{payload, srv.SignWebhook(payload), 204},
		{deleted, srv.SignWebhook(deleted), 204},
		{deleted, srv.SignWebhook(payload), 400},
	} {
		req := httptest.NewRequest(http.MethodPost, "/webhooks/clerk", bytes.NewReader(tt.body))
		for k, v := range tt.hdr {
			req.Header[k] = v
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != tt.want {
			t.Errorf("delivery: %d, want %d", rec.Code, tt.want)
		}
	}
	if len(seen) != 2 || seen[1] != webhooks.UserDeleted {
		t.Errorf("handled %v", seen)
	}
}
