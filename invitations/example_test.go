package invitations_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
	"github.com/go-clerk/clerk/invitations"
)

// Invite someone, then work through the waitlist: invite every pending
// entry. The invitation link is a credential, printed redacted.
func Example() {
	c, done := exampleClient()
	defer done()
	ctx := context.Background()

	inv, err := c.Invitations.Create(ctx, &invitations.CreateParams{
		EmailAddress:   "ada@example.com",
		PublicMetadata: invitations.Metadata{"plan": "pro"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(inv.ID, inv.EmailAddress, inv.Status, inv.URL)

	pending := invitations.WaitlistPending
	for e, err := range c.Waitlist.All(ctx, &invitations.WaitlistListParams{Status: &pending}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		e, err = c.Waitlist.Invite(ctx, e.ID, nil)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(e.EmailAddress, e.Status, e.Invitation.ID)
	}
	// Output:
	// inv_1 ada@example.com pending [redacted]
	// grace@example.com invited inv_2
	// alan@example.com invited inv_3
}

// exampleClient is a Client of spectest's spec-checking server (requests
// and answers checked against Clerk's spec), which serves the example's
// invitations and waitlist from memory; done closes both.
func exampleClient() (c *clerk.Client, done func()) {
	srv := spectest.NewExampleServer()
	var (
		mu      sync.Mutex
		invites []*invitations.Invitation
		waiting = []*invitations.WaitlistEntry{
			{Object: "waitlist_entry", ID: "wle_1", EmailAddress: "grace@example.com", Status: invitations.WaitlistPending},
			{Object: "waitlist_entry", ID: "wle_2", EmailAddress: "alan@example.com", Status: invitations.WaitlistPending},
		}
	)
	invite := func(email string) *invitations.Invitation {
		id := "inv_" + strconv.Itoa(len(invites)+1)
		i := &invitations.Invitation{Object: "invitation", ID: id, EmailAddress: email, Status: invitations.StatusPending,
			URL: internal.NewSecret("https://accounts.example.com/sign-up?__clerk_ticket=t_" + id), CreatedAt: time.Now(), UpdatedAt: time.Now()}
		invites = append(invites, i)
		return i
	}
	srv.Mux.HandleFunc("POST /invitations", func(w http.ResponseWriter, r *http.Request) {
		var p invitations.CreateParams
		_ = json.NewDecoder(r.Body).Decode(&p)
		mu.Lock()
		defer mu.Unlock()
		i := invite(p.EmailAddress)
		i.PublicMetadata = p.PublicMetadata
		spectest.WriteJSON(w, 200, i)
	})
	srv.Mux.HandleFunc("GET /waitlist_entries", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		page := &invitations.Page[invitations.WaitlistEntry]{Data: []*invitations.WaitlistEntry{}}
		for _, e := range waiting {
			if string(e.Status) == r.URL.Query().Get("status") {
				page.Data = append(page.Data, e)
			}
		}
		page.TotalCount = int64(len(page.Data))
		spectest.WriteJSON(w, 200, page)
	})
	srv.Mux.HandleFunc("POST /waitlist_entries/{id}/invite", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		for _, e := range waiting {
			if e.ID == r.PathValue("id") {
				e.Status, e.Invitation = invitations.WaitlistInvited, invite(e.EmailAddress)
				spectest.WriteJSON(w, 200, e)
				return
			}
		}
		spectest.WriteError(w, 404, "resource_not_found")
	})
	c, err := clerk.New("sk_test_example", clerk.WithBaseURL(srv.URL))
	if err != nil {
		panic(err)
	}
	return c, func() { c.Close(); srv.Close() }
}
