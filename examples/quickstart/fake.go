package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-clerk/clerk/users"
)

// fakeSecretKey is what the quickstart's fake accepts as the secret key.
const fakeSecretKey = "sk_test_quickstart_fake_backend_api"

// fake is a small in-memory stand-in for the Users part of the Backend API,
// just enough for the quickstart: create, get, merge metadata, list (email
// filter, limit, offset), count, delete. Answers have Clerk's shapes and
// error bodies.
type fake struct {
	mu    sync.Mutex
	users []*users.User
	next  int
}

func newFake() *httptest.Server {
	f := &fake{}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/users", f.create)
	mux.HandleFunc("GET /v1/users", f.list)
	mux.HandleFunc("GET /v1/users/count", f.count)
	mux.HandleFunc("GET /v1/users/{id}", f.get)
	mux.HandleFunc("PATCH /v1/users/{id}/metadata", f.mergeMetadata)
	mux.HandleFunc("DELETE /v1/users/{id}", f.delete)
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+fakeSecretKey {
			clerkError(w, http.StatusUnauthorized, "authentication_invalid", "The secret key is invalid.")
			return
		}
		mux.ServeHTTP(w, r)
	}))
}

func (f *fake) create(w http.ResponseWriter, r *http.Request) {
	var p users.CreateParams
	if err := json.NewDecoder(r.Body).Decode(&p); err != nil {
		clerkError(w, http.StatusBadRequest, "request_body_invalid", err.Error())
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, e := range p.EmailAddresses {
		if f.byEmail(e) != nil {
			clerkError(w, http.StatusUnprocessableEntity, "form_identifier_exists", "That email address is taken. Please try another.")
			return
		}
	}
	f.next++
	now := time.Now().UTC().Truncate(time.Millisecond)
	u := &users.User{
		Object:          "user",
		ID:              fmt.Sprintf("user_fake%020d", f.next),
		PasswordEnabled: p.Password != nil,
		PublicMetadata:  users.Metadata{},
		PrivateMetadata: users.Metadata{},
		UnsafeMetadata:  users.Metadata{},
		CreatedAt:       now,
		UpdatedAt:       now,
	}
	if p.FirstName != nil {
		u.FirstName = *p.FirstName
	}
	for k, v := range p.PublicMetadata {
		u.PublicMetadata[k] = v
	}
	for i, e := range p.EmailAddresses {
		id := fmt.Sprintf("idn_fake%d_%d", f.next, i)
		u.EmailAddresses = append(u.EmailAddresses, users.EmailAddress{Object: "email_address", ID: id, EmailAddress: e})
		if i == 0 {
			u.PrimaryEmailAddressID = id
		}
	}
	f.users = append(f.users, u)
	writeJSON(w, http.StatusOK, u)
}

func (f *fake) get(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if u := f.byID(r.PathValue("id")); u != nil {
		writeJSON(w, http.StatusOK, u)
		return
	}
	clerkError(w, http.StatusNotFound, "resource_not_found", "Resource not found")
}

func (f *fake) mergeMetadata(w http.ResponseWriter, r *http.Request) {
	var p users.MetadataParams
	if err := json.NewDecoder(r.Body).Decode(&p); err != nil {
		clerkError(w, http.StatusBadRequest, "request_body_invalid", err.Error())
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	u := f.byID(r.PathValue("id"))
	if u == nil {
		clerkError(w, http.StatusNotFound, "resource_not_found", "Resource not found")
		return
	}
	for k, v := range p.Public {
		if v == nil {
			delete(u.PublicMetadata, k)
			continue
		}
		u.PublicMetadata[k] = v
	}
	u.UpdatedAt = time.Now().UTC().Truncate(time.Millisecond)
	writeJSON(w, http.StatusOK, u)
}

// filtered returns the users matching the email_address filter, newest
// first (Clerk's default order).
func (f *fake) filtered(r *http.Request) []*users.User {
	emails := r.URL.Query()["email_address"]
	var out []*users.User
	for i := len(f.users) - 1; i >= 0; i-- {
		u := f.users[i]
		if len(emails) == 0 || slices.ContainsFunc(u.EmailAddresses, func(e users.EmailAddress) bool { return slices.Contains(emails, e.EmailAddress) }) {
			out = append(out, u)
		}
	}
	return out
}

func (f *fake) list(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	all := f.filtered(r)
	q := r.URL.Query()
	limit, offset := 10, 0
	if v, err := strconv.Atoi(q.Get("limit")); err == nil {
		limit = v
	}
	if v, err := strconv.Atoi(q.Get("offset")); err == nil {
		offset = v
	}
	if after := q.Get("starting_after"); after != "" {
		offset = slices.IndexFunc(all, func(u *users.User) bool { return u.ID == after }) + 1
	}
	offset = min(offset, len(all))
	writeJSON(w, http.StatusOK, all[offset:min(offset+limit, len(all))])
}

func (f *fake) count(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"object": "total_count", "total_count": len(f.filtered(r))})
}

func (f *fake) delete(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	id := r.PathValue("id")
	i := slices.IndexFunc(f.users, func(u *users.User) bool { return u.ID == id })
	if i < 0 {
		clerkError(w, http.StatusNotFound, "resource_not_found", "Resource not found")
		return
	}
	f.users = slices.Delete(f.users, i, i+1)
	writeJSON(w, http.StatusOK, map[string]any{"object": "user", "id": id, "deleted": true})
}

func (f *fake) byID(id string) *users.User {
	for _, u := range f.users {
		if u.ID == id {
			return u
		}
	}
	return nil
}

func (f *fake) byEmail(email string) *users.User {
	for _, u := range f.users {
		for _, e := range u.EmailAddresses {
			if strings.EqualFold(e.EmailAddress, email) {
				return u
			}
		}
	}
	return nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func clerkError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, map[string]any{
		"errors": []map[string]string{{"code": code, "message": msg, "long_message": msg}},
	})
}
