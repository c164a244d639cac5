package webhooks_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"time"

	svix "github.com/svix/svix-webhooks/go"

	"github.com/go-clerk/clerk/webhooks"
)

// A Clerk webhook endpoint, fed a delivery signed here as Svix signs them.
func Example() {
	const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" // os.Getenv("CLERK_WEBHOOK_SECRET")
	now := time.Date(2024, 5, 28, 8, 0, 0, 0, time.UTC)

	// WithClock pins the clock for the example; an endpoint leaves it out.
	wh, err := webhooks.NewVerifier(secret, webhooks.WithClock(func() time.Time { return now }))
	if err != nil {
		panic(err)
	}
	endpoint := webhooks.Handler(wh, func(ctx context.Context, ev *webhooks.Event) error {
		fmt.Println(ev.ID, ev.Type, ev.Timestamp.Format(time.RFC3339), ev.Attributes.HTTPRequest.ClientIP)
		if ev.Type == webhooks.UserCreated {
			u, err := ev.User()
			if err != nil {
				return err // 500: Svix delivers the event again later
			}
			fmt.Println("new user", u.ID, u.CreatedAt.Format(time.RFC3339))
		}
		return nil
	})

	// What Svix sends: the body, and headers signing it.
	body := []byte(`{"data":{"id":"user_29w83sxmDNGwOuEthce5gg56FcC","object":"user","created_at":1716883199000},` +
		`"event_attributes":{"http_request":{"client_ip":"192.0.2.1","user_agent":"curl/8"}},` +
		`"instance_id":"ins_123","object":"event","timestamp":1716883200000,"type":"user.created"}`)
	signer, err := svix.NewWebhook(secret)
	if err != nil {
		panic(err)
	}
	signature, err := signer.Sign("msg_2g7np7Hrk0SN6kj5EDMLDaKNL0S", now, body)
	if err != nil {
		panic(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/webhooks/clerk", bytes.NewReader(body))
	req.Header.Set("svix-id", "msg_2g7np7Hrk0SN6kj5EDMLDaKNL0S")
	req.Header.Set("svix-timestamp", strconv.FormatInt(now.Unix(), 10))
	req.Header.Set("svix-signature", signature)

	rec := httptest.NewRecorder()
	endpoint.ServeHTTP(rec, req)
	fmt.Println(rec.Code)

	// The same delivery replayed an hour later is refused.
	now = now.Add(time.Hour)
	_, err = wh.Verify(body, req.Header)
	fmt.Println(errors.Is(err, webhooks.ErrTimestampOutOfRange))
	// Output:
	// msg_2g7np7Hrk0SN6kj5EDMLDaKNL0S user.created 2024-05-28T08:00:00Z 192.0.2.1
	// new user user_29w83sxmDNGwOuEthce5gg56FcC 2024-05-28T07:59:59Z
	// 204
	// true
}

// A Router as the Handler's callback: one function per event type; other
// event types are acknowledged and ignored.
func ExampleRouter() {
	r := webhooks.NewRouter().
		On(webhooks.UserDeleted, func(ctx context.Context, ev *webhooks.Event) error {
			d, err := ev.Deleted()
			if err != nil {
				return err
			}
			fmt.Println("deleted", d.Object, d.ID)
			return nil
		}).
		On(webhooks.SessionCreated, func(ctx context.Context, ev *webhooks.Event) error {
			s, err := ev.Session()
			if err != nil {
				return err
			}
			fmt.Println("signed in", s.User.ID, "in", s.ID)
			return nil
		})

	// Events as Handler hands them over after verifying them.
	for _, ev := range []*webhooks.Event{
		{Type: webhooks.UserDeleted, Data: []byte(`{"object":"user","id":"user_123","deleted":true}`)},
		{Type: webhooks.SessionCreated, Data: []byte(`{"object":"session","id":"sess_456","user":{"id":"user_789"}}`)},
		{Type: webhooks.EmailCreated, Data: []byte(`{"object":"email","id":"ema_1"}`)},
	} {
		if err := r.Handle(context.Background(), ev); err != nil {
			fmt.Println(err)
		}
	}
	// Output:
	// deleted user user_123
	// signed in user_789 in sess_456
}
