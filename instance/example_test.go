package instance_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/instance"
	"github.com/go-clerk/clerk/internal/spectest"
	"github.com/go-clerk/clerk/jwt"
)

// Restrict sign-ups to an allow-list: add the people who may sign up, then
// turn the restriction on.
func Example() {
	c, done := exampleClient()
	defer done()
	ctx := context.Background()

	for _, email := range []string{"ada@example.com", "grace@example.com"} {
		if _, err := c.AllowList.Create(ctx, &instance.CreateAllowListIdentifierParams{Identifier: email}); err != nil {
			fmt.Println(err)
			return
		}
	}
	r, err := c.Instance.UpdateRestrictions(ctx, &instance.UpdateRestrictionsParams{Allowlist: clerk.Bool(true)})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("allow-list on:", r.Allowlist)

	for id, err := range c.AllowList.All(ctx, nil) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(id.IdentifierType, id.Identifier)
	}
	// Output:
	// allow-list on: true
	// email_address ada@example.com
	// email_address grace@example.com
}

// Fetch the instance's key set and verify session tokens against it with
// package jwt. (clerk.Client.VerifyToken does this by itself; this is for
// a verifier of your own, or one configured apart from the client.)
func ExampleService_JWKS() {
	c, done := exampleClient()
	defer done()
	ctx := context.Background()
	fx := fixture() // Clerk's test fixture: a token its key signed, and when

	set, err := c.Instance.JWKS(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, k := range set.Keys {
		fmt.Println(k.KID, k.Kty, k.Alg)
	}
	doc, err := set.JSON()
	if err != nil {
		fmt.Println(err)
		return
	}
	v, err := jwt.NewVerifier(jwt.WithJWKS(doc),
		jwt.WithClock(func() time.Time { return fx.validAt })) // the fixture's time; omit in real code
	if err != nil {
		fmt.Println(err)
		return
	}
	defer v.Close()
	claims, err := v.Verify(ctx, fx.tokens["valid"])
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(claims.UserID)
	// Output:
	// ins_2GIoQhbUpy0hX7B2cVkuTMinXoD RSA RS256
	// user_2GIpXOEpVyJw51rkZn9Kmnc6Sxr
}

// Switch a domain from a proxy back to DNS: proxy_url is sent as null.
func ExampleDomainService_Update() {
	c, done := exampleClient()
	defer done()

	d, err := c.Domains.Update(context.Background(), "dmn_example", &instance.UpdateDomainParams{
		ProxyURL: instance.Null[string](),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s proxy=%q\n", d.Name, d.ProxyURL)
	// Output: example.com proxy=""
}

// The Svix dashboard link logs whoever opens it in: it prints redacted,
// and Reveal gives it.
func ExampleService_SvixDashboardURL() {
	c, done := exampleClient()
	defer done()

	u, err := c.Instance.SvixDashboardURL(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%+v\n", u)
	fmt.Println(len(u.SvixURL.Reveal()) > 0)
	// Output:
	// &{SvixURL:[redacted]}
	// true
}

// exampleClient is a Client of the fake below; done closes both.
func exampleClient() (c *clerk.Client, done func()) {
	srv := fakeClerk()
	c, err := clerk.New("sk_test_example", clerk.WithBaseURL(srv.URL))
	if err != nil {
		panic(err)
	}
	return c, func() { c.Close(); srv.Close() }
}

// exampleFixture is Clerk's public test fixture (from Clerk's JavaScript
// SDK, kept in package jwt's testdata): a key set, session tokens signed
// with its key, and a time at which the valid one is valid.
type exampleFixture struct {
	jwks    json.RawMessage
	tokens  map[string]string // "valid", "invalid_signature", ...
	validAt time.Time
}

func fixture() exampleFixture {
	data, err := os.ReadFile("../jwt/testdata/clerk-session-tokens.json")
	if err != nil {
		panic(err)
	}
	var f struct {
		ValidAtUnix int64             `json:"valid_at_unix"`
		JWKS        json.RawMessage   `json:"jwks"`
		Tokens      map[string]string `json:"tokens"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		panic(err)
	}
	return exampleFixture{jwks: f.JWKS, tokens: f.Tokens, validAt: time.Unix(f.ValidAtUnix, 0)}
}

// fakeClerk is a tiny in-memory stand-in for the Backend API, just the
// endpoints the examples call, on spectest's example server: every request
// and answer is checked against Clerk's OpenAPI spec, and a departure is
// printed, which fails the example.
func fakeClerk() *spectest.Server {
	var (
		mu        sync.Mutex
		allowList []*instance.Identifier
	)
	srv := spectest.NewExampleServer()
	mux := srv.Mux
	mux.HandleFunc("POST /allowlist_identifiers", func(w http.ResponseWriter, r *http.Request) {
		var p instance.CreateAllowListIdentifierParams
		_ = json.NewDecoder(r.Body).Decode(&p)
		mu.Lock()
		defer mu.Unlock()
		id := &instance.Identifier{Object: "allowlist_identifier", ID: "alid_" + strconv.Itoa(len(allowList)+1),
			Identifier: p.Identifier, IdentifierType: "email_address", CreatedAt: time.Now(), UpdatedAt: time.Now()}
		allowList = append(allowList, id)
		spectest.WriteJSON(w, http.StatusOK, id)
	})
	mux.HandleFunc("GET /allowlist_identifiers", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		spectest.WriteJSON(w, http.StatusOK, allowList) // the spec's shape: a bare array
	})
	mux.HandleFunc("PATCH /instance/restrictions", func(w http.ResponseWriter, r *http.Request) {
		var p instance.UpdateRestrictionsParams
		_ = json.NewDecoder(r.Body).Decode(&p)
		spectest.WriteJSON(w, http.StatusOK, instance.Restrictions{Object: "instance_restrictions", Allowlist: p.Allowlist != nil && *p.Allowlist})
	})
	mux.HandleFunc("GET /jwks", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteJSON(w, http.StatusOK, []byte(fixture().jwks))
	})
	mux.HandleFunc("PATCH /domains/{domain_id}", func(w http.ResponseWriter, r *http.Request) {
		var p struct {
			ProxyURL *string `json:"proxy_url"`
		}
		_ = json.NewDecoder(r.Body).Decode(&p)
		d := instance.Domain{Object: "domain", ID: r.PathValue("domain_id"), Name: "example.com", FrontendAPIURL: "https://clerk.example.com"}
		if p.ProxyURL != nil {
			d.ProxyURL = *p.ProxyURL
		}
		spectest.WriteJSON(w, http.StatusOK, d)
	})
	mux.HandleFunc("POST /webhooks/svix_url", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteJSON(w, http.StatusOK, `{"svix_url":"https://app.svix.com/login#key=example"}`)
	})
	return srv
}
