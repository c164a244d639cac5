package jwt_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/go-clerk/clerk/jwt"
)

// clerkFixture reads Clerk's public test fixtures: a key and tokens it signed.
func clerkFixture() (pem string, tokens map[string]string, validAt time.Time) {
	data, err := os.ReadFile("testdata/clerk-session-tokens.json")
	if err != nil {
		panic(err)
	}
	var f struct {
		ValidAtUnix  int64             `json:"valid_at_unix"`
		PublicKeyPEM string            `json:"public_key_pem"`
		Tokens       map[string]string `json:"tokens"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		panic(err)
	}
	return f.PublicKeyPEM, f.Tokens, time.Unix(f.ValidAtUnix, 0)
}

func Example() {
	pem, tokens, validAt := clerkFixture()

	v, err := jwt.NewVerifier(
		jwt.WithPublicKeyPEM(pem), // CLERK_JWT_KEY: no network at all
		jwt.WithAuthorizedParties("https://accounts.inspired.puma-74.lcl.dev"),
		jwt.WithClock(func() time.Time { return validAt }), // the fixtures' time; omit in real code
	)
	if err != nil {
		panic(err)
	}
	defer v.Close()

	claims, err := v.Verify(context.Background(), tokens["valid"])
	if err != nil {
		panic(err)
	}
	fmt.Println(claims.UserID, claims.SessionID)

	_, err = v.Verify(context.Background(), tokens["expired"])
	fmt.Println(errors.Is(err, jwt.ErrTokenExpired))

	_, err = v.Verify(context.Background(), tokens["invalid_signature"])
	fmt.Println(errors.Is(err, jwt.ErrTokenSignatureInvalid))
	// Output:
	// user_2GIpXOEpVyJw51rkZn9Kmnc6Sxr sess_2GbDB4enNdCa5vS1zpC3Xzg9tK9
	// true
	// true
}

func ExampleClaims_Decode() {
	pem, tokens, validAt := clerkFixture()
	v, err := jwt.NewVerifier(jwt.WithPublicKeyPEM(pem), jwt.WithClock(func() time.Time { return validAt }))
	if err != nil {
		panic(err)
	}
	defer v.Close()
	claims, err := v.Verify(context.Background(), tokens["valid"])
	if err != nil {
		panic(err)
	}
	// Custom session-token claims decode from the raw claims JSON.
	var custom struct {
		AuthorizedParty string `json:"azp"`
	}
	if err := claims.Decode(&custom); err != nil {
		panic(err)
	}
	fmt.Println(custom.AuthorizedParty)
	// Output: https://accounts.inspired.puma-74.lcl.dev
}

func ExampleDecode() {
	_, tokens, _ := clerkFixture()
	// Decode verifies nothing: the tampered token decodes just fine.
	claims, err := jwt.Decode(tokens["invalid_signature"])
	if err != nil {
		panic(err)
	}
	fmt.Println(claims.AuthorizedParty)
	// Output: https://accounts.tampered-domain.dev
}
