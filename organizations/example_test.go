package organizations_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"time"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/organizations"
)

// The seed flow: create an organization with a creator, add a member with a
// role, list the members.
func Example() {
	srv := fakeClerk()
	defer srv.Close()
	c, err := clerk.New("sk_test_example", clerk.WithBaseURL(srv.URL+"/v1"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()
	orgs := c.Organizations
	ctx := context.Background()

	o, err := orgs.Create(ctx, &organizations.CreateParams{Name: "Acme Corp", Slug: clerk.String("acme-corp"), CreatedBy: clerk.String("user_ada")})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("created", o.Name, o.Slug)

	m, err := orgs.CreateMembership(ctx, o.ID, &organizations.CreateMembershipParams{UserID: "user_grace", Role: "org:member"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("added", m.PublicUserData.Identifier, "as", m.Role)

	for m, err := range orgs.AllMemberships(ctx, o.ID, nil) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(m.PublicUserData.Identifier, m.Role)
	}
	// Output:
	// created Acme Corp acme-corp
	// added grace@example.com as org:member
	// ada@example.com org:admin
	// grace@example.com org:member
}

// fakeClerk is a tiny in-memory stand-in for the Backend API: just the
// organization and membership endpoints the example calls.
func fakeClerk() *httptest.Server {
	var (
		mu      sync.Mutex
		orgs    = map[string]*organizations.Organization{}
		members = map[string][]*organizations.OrganizationMembership{}
		emails  = map[string]string{"user_ada": "ada@example.com", "user_grace": "grace@example.com"}
	)
	reply := func(w http.ResponseWriter, v any) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(v)
	}
	join := func(o *organizations.Organization, userID, role string) *organizations.OrganizationMembership {
		m := &organizations.OrganizationMembership{
			Object: "organization_membership", ID: "orgmem_" + strconv.Itoa(len(members[o.ID])+1),
			Role: role, Organization: *o, CreatedAt: time.Now(), UpdatedAt: time.Now(),
			PublicUserData: organizations.PublicUserData{UserID: userID, Identifier: emails[userID]},
		}
		members[o.ID] = append(members[o.ID], m)
		return m
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/organizations", func(w http.ResponseWriter, r *http.Request) {
		var p organizations.CreateParams
		_ = json.NewDecoder(r.Body).Decode(&p)
		mu.Lock()
		defer mu.Unlock()
		o := &organizations.Organization{Object: "organization", ID: "org_" + strconv.Itoa(len(orgs)+1),
			Name: p.Name, Slug: *p.Slug, CreatedBy: *p.CreatedBy, CreatedAt: time.Now(), UpdatedAt: time.Now()}
		orgs[o.ID] = o
		join(o, o.CreatedBy, "org:admin") // the creator becomes the first admin
		reply(w, o)
	})
	mux.HandleFunc("POST /v1/organizations/{id}/memberships", func(w http.ResponseWriter, r *http.Request) {
		var p organizations.CreateMembershipParams
		_ = json.NewDecoder(r.Body).Decode(&p)
		mu.Lock()
		defer mu.Unlock()
		reply(w, join(orgs[r.PathValue("id")], p.UserID, p.Role))
	})
	mux.HandleFunc("GET /v1/organizations/{id}/memberships", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		all := members[r.PathValue("id")]
		offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		page := all[min(offset, len(all)):min(offset+limit, len(all))]
		reply(w, organizations.Page[organizations.OrganizationMembership]{Data: page, TotalCount: int64(len(all))})
	})
	return httptest.NewServer(mux)
}
