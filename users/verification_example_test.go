package users_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/internal/spectest"
	"github.com/go-clerk/clerk/users"
)

// A verification flow your backend drives: add an address, send it a code,
// check what the user typed. A wrong code is no error: the verification's
// Status says so, and the user may try again.
func ExampleEmailAddressService_AttemptVerification() {
	srv := verificationFake()
	defer srv.Close()
	c, err := clerk.New("sk_test_example", clerk.WithBaseURL(srv.URL))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()
	ctx := context.Background()

	e, err := c.EmailAddresses.Create(ctx, &users.CreateEmailAddressParams{UserID: "user_ada", EmailAddress: "ada@example.com"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e.EmailAddress, "verified:", e.Verified())

	v, err := c.EmailAddresses.PrepareVerification(ctx, e.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, code := range []string{"111111", "424242"} { // what the user typed
		v, err = c.EmailAddresses.AttemptVerification(ctx, e.ID, &users.AttemptVerificationParams{VerificationID: v.ID, Code: code})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(code, v.Status, *v.Attempts)
	}

	e, err = c.EmailAddresses.Get(ctx, e.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e.EmailAddress, "verified:", e.Verified())
	// Output:
	// ada@example.com verified: false
	// 111111 unverified 1
	// 424242 verified 2
	// ada@example.com verified: true
}

// verificationFake serves the endpoints the example calls, for one address
// whose code is 424242, on spectest's example server: every request and
// answer is checked against the spec; a departure is printed, and so fails
// the example.
func verificationFake() *spectest.Server {
	var (
		mu    sync.Mutex
		addr  users.EmailAddress
		tries int
	)
	now := time.UnixMilli(1700000000000)
	verification := func(status users.VerificationStatus) *users.Verification {
		n, exp := tries, now.Add(10*time.Minute)
		return &users.Verification{ID: "ver_1", Object: "verification_otp", Status: status,
			Strategy: users.StrategyEmailCode, Attempts: &n, ExpireAt: &exp}
	}
	srv := spectest.NewExampleServer()
	mux := srv.Mux
	mux.HandleFunc("POST /email_addresses", func(w http.ResponseWriter, r *http.Request) {
		var p users.CreateEmailAddressParams
		_ = json.NewDecoder(r.Body).Decode(&p)
		mu.Lock()
		defer mu.Unlock()
		addr = users.EmailAddress{ID: "idn_1", Object: "email_address", EmailAddress: p.EmailAddress,
			LinkedTo: []users.IdentificationLink{}, CreatedAt: now, UpdatedAt: now}
		spectest.WriteJSON(w, 200, addr)
	})
	mux.HandleFunc("POST /email_addresses/idn_1/prepare_verification", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		tries = 0
		spectest.WriteJSON(w, 200, verification(users.VerificationUnverified))
	})
	mux.HandleFunc("POST /email_addresses/idn_1/attempt_verification", func(w http.ResponseWriter, r *http.Request) {
		var p users.AttemptVerificationParams
		_ = json.NewDecoder(r.Body).Decode(&p)
		mu.Lock()
		defer mu.Unlock()
		tries++
		if p.Code != "424242" {
			spectest.WriteJSON(w, 200, verification(users.VerificationUnverified))
			return
		}
		addr.Verification = verification(users.VerificationVerified)
		addr.Verification.ID = "" // an address's verification has no ID
		spectest.WriteJSON(w, 200, verification(users.VerificationVerified))
	})
	mux.HandleFunc("GET /email_addresses/idn_1", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		spectest.WriteJSON(w, 200, addr)
	})
	return srv
}
