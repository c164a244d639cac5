// Command webhook-server receives Clerk's webhooks: it verifies each
// delivery's Svix signature, decodes the event into the SDK's models, and
// handles each delivery once, however often Svix retries it.
//
// With CLERK_WEBHOOK_SIGNING_SECRET (or CLERK_WEBHOOK_SECRET) set it serves
// POST /webhooks/clerk on ADDR (default :8080):
//
//	CLERK_WEBHOOK_SIGNING_SECRET=whsec_... go run ./examples/webhook-server
//
// Without it, it signs deliveries with clerktest (an in-memory Clerk),
// sends them to itself on a loopback port, prints what happened, and exits
// (non-zero if a delivery got an unexpected answer).
package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/clerktest"
	"github.com/go-clerk/clerk/users"
	"github.com/go-clerk/clerk/webhooks"
)

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context, w io.Writer) error {
	var srv *clerktest.Server
	if os.Getenv("CLERK_WEBHOOK_SIGNING_SECRET") == "" && os.Getenv("CLERK_WEBHOOK_SECRET") == "" {
		srv = clerktest.NewServer(nil)
		defer srv.Close()
		os.Setenv("CLERK_WEBHOOK_SIGNING_SECRET", srv.WebhookSecret)
	}

	// CLERK_WEBHOOK_SIGNING_SECRET, or CLERK_WEBHOOK_SECRET.
	wh, err := webhooks.NewVerifierFromEnv()
	if err != nil {
		return err
	}
	h := &handler{out: w, seen: map[string]bool{}}
	mux := http.NewServeMux()
	mux.Handle("POST /webhooks/clerk", webhooks.Handler(wh, h.onEvent, webhooks.WithLogger(slog.Default())))

	if srv == nil {
		addr := os.Getenv("ADDR")
		if addr == "" {
			addr = ":8080"
		}
		log.Println("listening on", addr)
		return (&http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second}).ListenAndServe()
	}
	return demo(ctx, w, srv, mux)
}

// handler handles verified events, each delivery once.
type handler struct {
	out  io.Writer
	mu   sync.Mutex
	seen map[string]bool // delivery IDs handled; a real service keeps them in its database
}

func (h *handler) onEvent(ctx context.Context, ev *webhooks.Event) error {
	h.mu.Lock()
	dup := h.seen[ev.ID]
	h.seen[ev.ID] = true
	h.mu.Unlock()
	if dup {
		fmt.Fprintf(h.out, "  %s again (a retry of %s): already handled\n", ev.Type, ev.ID)
		return nil
	}
	switch ev.Type {
	case webhooks.UserCreated:
		u, err := ev.User()
		if err != nil {
			return err
		}
		fmt.Fprintf(h.out, "  welcome %s <%s> (%s)\n", u.FullName(), u.PrimaryEmailAddress().EmailAddress, ev.ID)
	case webhooks.UserDeleted:
		d, err := ev.Deleted()
		if err != nil {
			return err
		}
		fmt.Fprintf(h.out, "  forget %s\n", d.ID)
	default:
		fmt.Fprintf(h.out, "  %s: not handled here\n", ev.Type)
	}
	return nil
}

// demo delivers events as Clerk's webhook service does, and a few it
// would not.
func demo(ctx context.Context, w io.Writer, srv *clerktest.Server, mux http.Handler) error {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(l) }()
	defer hs.Close()
	url := "http://" + l.Addr().String() + "/webhooks/clerk"

	u := srv.AddUser(users.User{FirstName: "Ada", LastName: "Lovelace",
		EmailAddresses: []users.EmailAddress{{EmailAddress: "ada@example.com"}}})
	created := srv.WebhookEvent(webhooks.UserCreated, u)
	createdHeaders := srv.SignWebhook(created)
	deleted := srv.WebhookEvent(webhooks.UserDeleted, clerk.DeletedObject{Object: "user", ID: u.ID, Deleted: true})
	other := srv.WebhookEvent(webhooks.SessionCreated, map[string]any{"id": "sess_1", "object": "session"})
	replayed := srv.SignWebhook(deleted)
	replayed.Set("svix-timestamp", fmt.Sprint(time.Now().Add(-time.Hour).Unix()))

	var failed []string
	for _, tt := range []struct {
		what    string
		payload []byte
		headers http.Header
		want    int
	}{
		{"user.created", created, createdHeaders, 204},
		{"user.created, retried by Svix", created, createdHeaders, 204},
		{"user.deleted", deleted, srv.SignWebhook(deleted), 204},
		{"session.created", other, srv.SignWebhook(other), 204},
		{"a body changed after signing", bytes.Replace(created, []byte("Ada"), []byte("Eve"), 1), createdHeaders, 400},
		{"its timestamp moved an hour back", deleted, replayed, 400},
		{"no signature", deleted, nil, 400},
	} {
		fmt.Fprintf(w, "%s:\n", tt.what)
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(tt.payload))
		if err != nil {
			return err
		}
		for k, v := range tt.headers {
			req.Header[k] = v
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		fmt.Fprintf(w, "  answered %d\n", resp.StatusCode)
		if resp.StatusCode != tt.want {
			failed = append(failed, fmt.Sprintf("%s: %d, want %d", tt.what, resp.StatusCode, tt.want))
		}
	}
	if len(failed) > 0 {
		return errors.New(strings.Join(failed, "; "))
	}
	return nil
}
