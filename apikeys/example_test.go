package apikeys_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/apikeys"
)

// Example runs the seed's flow against a small in-memory stand-in for the
// Backend API: create a key with scopes, list the subject's keys, revoke
// one, and authenticate requests with keys.
func Example() {
	api := httptest.NewServer(newFakeAPIKeys())
	defer api.Close()
	c, err := clerk.New("sk_test_example", clerk.WithBaseURL(api.URL+"/v1"))
	if err != nil {
		panic(err)
	}
	defer c.Close()
	keys := c.APIKeys
	ctx := context.Background()
	const userID = "user_2xhFjEI5X2qWRvtV13BzSj8H6Dk"

	// Create a key with scopes. Its secret comes back once, and never prints.
	prod, err := keys.Create(ctx, &apikeys.CreateParams{
		Name: "Production API Key", Subject: userID, Scopes: []string{"users:read"},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println("created:", prod.Name, prod.Scopes, "secret printed:", strings.Contains(fmt.Sprint(prod), prod.Secret.Reveal()))
	ci, err := keys.Create(ctx, &apikeys.CreateParams{Name: "CI key", Subject: userID})
	if err != nil {
		panic(err)
	}

	// List the user's keys.
	for k, err := range keys.All(ctx, &apikeys.ListParams{Subject: userID}) {
		if err != nil {
			panic(err)
		}
		fmt.Println("listed:", k.Name)
	}

	// Revoke one.
	reason := "rotated"
	revoked, err := keys.Revoke(ctx, ci.ID, &apikeys.RevokeParams{RevocationReason: &reason})
	if err != nil {
		panic(err)
	}
	fmt.Println("revoked:", revoked.Name, revoked.Revoked, revoked.RevocationReason)

	// Authenticate requests with a key: RequireAuth accepts API keys when
	// told to, verifies them with Clerk (caching successes for a few
	// seconds) and checks the scope.
	handler := c.RequireAuth(clerk.AcceptsToken(clerk.APIKeyToken), clerk.RequireScope("users:read"))(
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			a, _ := clerk.AuthFromContext(r.Context())
			fmt.Fprintf(w, "hello %s", a.UserID)
		}))
	for _, secret := range []string{prod.Secret.Reveal(), ci.Secret.Reveal(), "ak_not_a_key"} {
		req := httptest.NewRequest(http.MethodGet, "/reports", nil)
		req.Header.Set("Authorization", "Bearer "+secret)
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, req)
		fmt.Println(rec.Code, strings.TrimSpace(rec.Body.String()))
	}

	// Output:
	// created: Production API Key [users:read] secret printed: false
	// listed: Production API Key
	// listed: CI key
	// revoked: CI key true rotated
	// 200 hello user_2xhFjEI5X2qWRvtV13BzSj8H6Dk
	// 401 {"error":"unauthorized"}
	// 401 {"error":"unauthorized"}
}

// fakeAPIKeys is an in-memory stand-in for the API key endpoints the
// example calls, with the API's shapes and status codes.
type fakeAPIKeys struct {
	*http.ServeMux
	mu      sync.Mutex
	keys    []*apikeys.APIKey          // in creation order, without secrets
	secrets map[string]*apikeys.APIKey // secret -> key
}

func newFakeAPIKeys() *fakeAPIKeys {
	f := &fakeAPIKeys{ServeMux: http.NewServeMux(), secrets: map[string]*apikeys.APIKey{}}
	now := time.UnixMilli(1700000000000).UTC()
	f.HandleFunc("POST /v1/api_keys", func(w http.ResponseWriter, r *http.Request) {
		var p apikeys.CreateParams
		if err := json.NewDecoder(r.Body).Decode(&p); err != nil || len(p.Name) < 3 || p.Subject == "" {
			reply(w, http.StatusBadRequest, apiErr("bad_request", "name and subject are required"))
			return
		}
		f.mu.Lock()
		defer f.mu.Unlock()
		n := len(f.keys) + 1
		k := &apikeys.APIKey{Object: "api_key", ID: fmt.Sprintf("ak_%032x", n), Type: "api_key",
			Subject: p.Subject, Name: p.Name, Scopes: append([]string{}, p.Scopes...), CreatedAt: now, UpdatedAt: now}
		secret := fmt.Sprintf("ak_example_secret_%04d", n)
		f.keys = append(f.keys, k)
		f.secrets[secret] = k
		reply(w, http.StatusOK, created{k, secret})
	})
	f.HandleFunc("GET /v1/api_keys", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		defer f.mu.Unlock()
		data := []*apikeys.APIKey{}
		for _, k := range f.keys {
			if k.Subject == r.URL.Query().Get("subject") && !k.Revoked {
				data = append(data, k)
			}
		}
		reply(w, http.StatusOK, map[string]any{"data": data, "total_count": len(data)})
	})
	f.HandleFunc("POST /v1/api_keys/{id}/revoke", func(w http.ResponseWriter, r *http.Request) {
		var p apikeys.RevokeParams
		_ = json.NewDecoder(r.Body).Decode(&p)
		f.mu.Lock()
		defer f.mu.Unlock()
		for _, k := range f.keys {
			if k.ID == r.PathValue("id") {
				k.Revoked = true
				if p.RevocationReason != nil {
					k.RevocationReason = *p.RevocationReason
				}
				reply(w, http.StatusOK, k)
				return
			}
		}
		reply(w, http.StatusNotFound, apiErr("resource_not_found", "no such API key"))
	})
	f.HandleFunc("POST /v1/api_keys/verify", func(w http.ResponseWriter, r *http.Request) {
		var body struct{ Secret string }
		_ = json.NewDecoder(r.Body).Decode(&body)
		f.mu.Lock()
		defer f.mu.Unlock()
		if k, ok := f.secrets[body.Secret]; ok && !k.Revoked {
			reply(w, http.StatusOK, k)
			return
		}
		reply(w, http.StatusNotFound, apiErr("resource_not_found", "API key not found"))
	})
	return f
}

// created is a key as Create answers it: with its secret in clear (an
// APIKey's own JSON form redacts it).
type created struct {
	*apikeys.APIKey
	Secret string `json:"secret"`
}

func apiErr(code, msg string) map[string]any {
	return map[string]any{"errors": []map[string]string{{"code": code, "message": msg, "long_message": msg}}}
}

func reply(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
