package users_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/internal/spectest"
	"github.com/go-clerk/clerk/users"
)

// The Users flow: create users, merge metadata, walk them all, count them.
// (Against a tiny in-memory fake of the API that checks every request and
// answer against Clerk's spec.)
func Example() {
	srv := fakeClerk()
	defer srv.Close()
	c, err := clerk.New("sk_test_example", clerk.WithBaseURL(srv.URL))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()
	us := c.Users
	ctx := context.Background()

	u, err := us.Create(ctx, &users.CreateParams{
		EmailAddresses: []string{"john@example.com"},
		FirstName:      clerk.String("John"),
		PublicMetadata: users.Metadata{"role": "member"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("created", u.ID, u.FullName(), u.PrimaryEmailAddress().EmailAddress)

	u, err = us.UpdateMetadata(ctx, u.ID, &users.MetadataParams{Public: users.Metadata{"role": "admin"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("role", u.PublicMetadata["role"])

	if _, err := us.Create(ctx, &users.CreateParams{EmailAddresses: []string{"jane@example.com"}, FirstName: clerk.String("Jane")}); err != nil {
		fmt.Println(err)
		return
	}
	for u, err := range us.All(ctx, nil) { // newest first
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(u.ID, u.PrimaryEmailAddress().EmailAddress, u.PublicMetadata["role"])
	}
	n, err := us.Count(ctx, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("count", n)
	// Output:
	// created user_1 John john@example.com
	// role admin
	// user_2 jane@example.com <nil>
	// user_1 john@example.com admin
	// count 2
}

// fakeClerk serves just the endpoints the example calls, from memory, on
// spectest's example server.
func fakeClerk() *spectest.Server {
	var (
		mu  sync.Mutex
		all []*users.User // oldest first
	)
	srv := spectest.NewExampleServer()
	mux := srv.Mux
	mux.HandleFunc("POST /users", func(w http.ResponseWriter, r *http.Request) {
		var p users.CreateParams
		_ = json.NewDecoder(r.Body).Decode(&p)
		mu.Lock()
		defer mu.Unlock()
		id := "user_" + strconv.Itoa(len(all)+1)
		now := time.Now()
		u := &users.User{Object: "user", ID: id, PublicMetadata: p.PublicMetadata, CreatedAt: now, UpdatedAt: now}
		if p.FirstName != nil {
			u.FirstName = *p.FirstName
		}
		for i, e := range p.EmailAddresses {
			idn := "idn_" + id + "_" + strconv.Itoa(i)
			u.EmailAddresses = append(u.EmailAddresses, users.EmailAddress{Object: "email_address", ID: idn, EmailAddress: e})
			if i == 0 {
				u.PrimaryEmailAddressID = idn
			}
		}
		all = append(all, u)
		spectest.WriteJSON(w, http.StatusOK, u)
	})
	mux.HandleFunc("PATCH /users/{user_id}/metadata", func(w http.ResponseWriter, r *http.Request) {
		var p users.MetadataParams
		_ = json.NewDecoder(r.Body).Decode(&p)
		mu.Lock()
		defer mu.Unlock()
		for _, u := range all {
			if u.ID == r.PathValue("user_id") {
				for k, v := range p.Public { // a shallow merge is enough here
					if u.PublicMetadata == nil {
						u.PublicMetadata = users.Metadata{}
					}
					u.PublicMetadata[k] = v
				}
				spectest.WriteJSON(w, http.StatusOK, u)
				return
			}
		}
		spectest.WriteError(w, http.StatusNotFound, "resource_not_found")
	})
	mux.HandleFunc("GET /users", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		out := []*users.User{}
		for i := len(all) - 1; i >= 0; i-- {
			out = append(out, all[i])
		}
		spectest.WriteJSON(w, http.StatusOK, out) // one page: the example has fewer users than a page
	})
	mux.HandleFunc("GET /users/count", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		spectest.WriteJSON(w, http.StatusOK, map[string]any{"object": "total_count", "total_count": len(all)})
	})
	return srv
}
