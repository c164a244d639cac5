package clerktest

import (
	"net/http"
	"strconv"

	svix "github.com/svix/svix-webhooks/go"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/webhooks"
)

// Webhooks: deliveries signed as Svix signs Clerk's.

// SignWebhook returns the headers of a delivery of payload, signed with
// WebhookSecret as Svix signs Clerk's: svix-id (a new message ID),
// svix-timestamp (the server's clock) and svix-signature. Send payload as
// the body, unchanged: the signature covers its exact bytes.
func (s *Server) SignWebhook(payload []byte) http.Header {
	if s.t != nil {
		s.t.Helper()
	}
	wh, err := svix.NewWebhook(s.WebhookSecret)
	if err != nil {
		s.fatalf("clerktest: SignWebhook: %v", err)
		return nil
	}
	id, at := "msg_clerktest"+randomHex(9), s.now()
	sig, err := wh.Sign(id, at, payload)
	if err != nil {
		s.fatalf("clerktest: SignWebhook: %v", err)
		return nil
	}
	h := http.Header{}
	h.Set("svix-id", id)
	h.Set("svix-timestamp", strconv.FormatInt(at.Unix(), 10))
	h.Set("svix-signature", sig)
	return h
}

// WebhookEvent returns the payload of a Clerk webhook event: the envelope
// (type, object "event", the server's InstanceID, a timestamp in Unix
// milliseconds) around data, written as Clerk writes it (a model such as
// *users.User with its times in Unix milliseconds; internal.DeletedObject
// for *.deleted events). A value that does not encode fails the test, or
// panics without one.
func (s *Server) WebhookEvent(typ webhooks.EventType, data any) []byte {
	if s.t != nil {
		s.t.Helper()
	}
	b, err := internal.MarshalAPI(struct {
		Type       webhooks.EventType `json:"type"`
		Object     string             `json:"object"`
		InstanceID string             `json:"instance_id"`
		Timestamp  int64              `json:"timestamp"`
		Data       any                `json:"data"`
	}{typ, "event", s.InstanceID, s.now().UnixMilli(), data})
	if err != nil {
		s.fatalf("clerktest: WebhookEvent: %v", err)
		return nil
	}
	return b
}
