package benchmarks

import (
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	clerkv2 "github.com/clerk/clerk-sdk-go/v2"
	officialjwt "github.com/clerk/clerk-sdk-go/v2/jwt"

	"github.com/go-clerk/clerk/jwt"
)

// Session tokens: ours is jwt.Verifier (keys from the PEM, so no network,
// default cache of jwt.DefaultCacheSize tokens); official is
// clerk-sdk-go/v2/jwt.Verify given the same key as a JSONWebKey (its
// documented way to verify without fetching the JWKS), the same clock,
// leeway and authorized-party check; floor is what any verifier must do:
// decode the signature, sha256 of the signing input, rsa.VerifyPKCS1v15.
// The tokens are v2 session tokens with an active organization, features,
// plan and fva, signed with the key of Clerk's public fixtures
// (jwt/testdata).

// tokenFixture is what the session-token cases share.
type tokenFixture struct {
	pub            *rsa.PublicKey
	pem            string
	issuer         string
	azp            string
	at             time.Time
	sign           func(claims map[string]any) string
	ours           *jwt.Verifier
	jwk            *clerkv2.JSONWebKey
	officialVerify func(token string) (*clerkv2.SessionClaims, error)
}

// fixedClock is the official SDK's clock at a fixed time.
type fixedClock time.Time

func (c fixedClock) Now() time.Time { return time.Time(c) }

func newTokenFixture(tb testing.TB) *tokenFixture {
	tb.Helper()
	raw, err := os.ReadFile("../jwt/testdata/clerk-session-tokens.json")
	if err != nil {
		tb.Fatal(err)
	}
	var fx struct {
		Issuer          string          `json:"issuer"`
		AuthorizedParty string          `json:"authorized_party"`
		JWKS            json.RawMessage `json:"jwks"`
		PublicKeyPEM    string          `json:"public_key_pem"`
		PrivateKeyPEM   string          `json:"private_key_pem_test_only"`
	}
	if err := json.Unmarshal(raw, &fx); err != nil {
		tb.Fatal(err)
	}
	block, _ := pem.Decode([]byte(fx.PrivateKeyPEM))
	if block == nil {
		tb.Fatal("no private key in the fixture")
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		tb.Fatal(err)
	}
	priv := k.(*rsa.PrivateKey)
	var jwks struct {
		Keys []struct {
			Kid string `json:"kid"`
		} `json:"keys"`
	}
	if err := json.Unmarshal(fx.JWKS, &jwks); err != nil || len(jwks.Keys) == 0 {
		tb.Fatal("no kid in the fixture's JWKS", err)
	}
	header := b64(fmt.Sprintf(`{"alg":"RS256","kid":%q,"typ":"JWT"}`, jwks.Keys[0].Kid))
	f := &tokenFixture{
		pub:    &priv.PublicKey,
		pem:    fx.PublicKeyPEM,
		issuer: fx.Issuer,
		azp:    fx.AuthorizedParty,
		at:     time.Unix(1_700_000_000, 0),
	}
	f.sign = func(claims map[string]any) string {
		body, err := json.Marshal(claims)
		if err != nil {
			tb.Fatal(err)
		}
		input := header + "." + b64(string(body))
		h := sha256.Sum256([]byte(input))
		sig, err := rsa.SignPKCS1v15(nil, priv, crypto.SHA256, h[:])
		if err != nil {
			tb.Fatal(err)
		}
		return input + "." + base64.RawURLEncoding.EncodeToString(sig)
	}
	f.ours, err = jwt.NewVerifier(jwt.WithPublicKeyPEM(f.pem), jwt.WithIssuer(f.issuer),
		jwt.WithAuthorizedParties(f.azp), jwt.WithClock(func() time.Time { return f.at }))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.ours.Close() })
	if f.jwk, err = clerkv2.JSONWebKeyFromPEM(f.pem); err != nil {
		tb.Fatal(err)
	}
	clock := fixedClock(f.at)
	f.officialVerify = func(token string) (*clerkv2.SessionClaims, error) {
		return officialjwt.Verify(context.Background(), &officialjwt.VerifyParams{
			Token:                  token,
			JWK:                    f.jwk,
			Clock:                  clock,
			Leeway:                 jwt.DefaultLeeway,
			AuthorizedPartyHandler: func(azp string) bool { return azp == f.azp },
		})
	}
	return f
}

func b64(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

// claims are realistic v2 session-token claims; i makes them unique.
func (f *tokenFixture) claims(i int) map[string]any {
	at := f.at.Unix()
	return map[string]any{
		"azp": f.azp, "exp": at + 60, "iat": at - 10, "nbf": at - 20, "iss": f.issuer,
		"jti": fmt.Sprintf("%020d", i), "sid": "sess_2GbDB4enNdCa5vS1zpC3Xzg9tK9", "sub": "user_2GIpXOEpVyJw51rkZn9Kmnc6Sxr",
		"sts": "active", "v": 2, "fva": []int{7, -1}, "fea": "o:dashboard,o:teams,u:export", "pla": "o:pro",
		"o": map[string]any{"id": "org_2GIpXOEpVyJw51rkZn9Kmnc6Sxr", "slg": "acme", "rol": "admin", "per": "manage,read", "fpm": "3,2"},
	}
}

// mint signs n distinct tokens, on every core.
func (f *tokenFixture) mint(n int) []string {
	tokens := make([]string, n)
	var wg sync.WaitGroup
	workers := 4
	for w := range workers {
		wg.Go(func() {
			for i := w; i < n; i += workers {
				tokens[i] = f.sign(f.claims(i))
			}
		})
	}
	wg.Wait()
	return tokens
}

// bareCheck is the floor: the cost of RSA itself on a token string.
func bareCheck(token string, key *rsa.PublicKey) error {
	i := strings.LastIndexByte(token, '.')
	sig, err := base64.RawURLEncoding.DecodeString(token[i+1:])
	if err != nil {
		return err
	}
	h := sha256.Sum256([]byte(token[:i]))
	return rsa.VerifyPKCS1v15(key, crypto.SHA256, h[:], sig)
}

// tokenOps returns the three sides verifying next(side)'s token.
func (f *tokenFixture) tokenOps(tb testing.TB, next func(side int) string) [nSides]func() {
	ctx := context.Background()
	return [nSides]func(){
		ours: func() {
			if _, err := f.ours.Verify(ctx, next(ours)); err != nil {
				tb.Fatal(err)
			}
		},
		official: func() {
			if _, err := f.officialVerify(next(official)); err != nil {
				tb.Fatal(err)
			}
		},
		floor: func() {
			if err := bareCheck(next(floor), f.pub); err != nil {
				tb.Fatal(err)
			}
		},
	}
}

// buildTokenNew: every verification is of a token the verifier has not seen
// (keys known): the three sides walk the same jwt.DefaultCacheSize + 64
// tokens in a cycle, in the same order, so ours' LRU cache, one cycle too
// small, misses every time and pays its insertion and eviction.
func buildTokenNew(tb testing.TB) *comparison {
	f := newTokenFixture(tb)
	tokens := f.mint(jwt.DefaultCacheSize + 64)
	var next [nSides]int
	c := &comparison{
		what: "session token, new (keys cached, cache miss)",
		ops: f.tokenOps(tb, func(s int) string {
			t := tokens[next[s]%len(tokens)]
			next[s]++
			return t
		}),
		goal: &goal{"≤ 1.3x floor; ≥ 1.5x faster than official", func(r *result) bool {
			return r.ratio[floor] <= 1.3 && r.ratio[official] <= 1/1.5
		}},
	}
	c.check = func(t *testing.T) { f.agree(t, tokens[0]) }
	return c
}

// buildTokenRepeated: the same token again and again; ours answers from
// its cache (exp and nbf still checked against the clock). The official SDK
// has no cache: it verifies the token in full every time.
func buildTokenRepeated(tb testing.TB) *comparison {
	f := newTokenFixture(tb)
	token := f.sign(f.claims(0))
	c := &comparison{
		what: "session token, repeated (ours: cache hit; official has no cache)",
		ops:  f.tokenOps(tb, func(int) string { return token }),
		goal: &goal{"ours < 2 µs, ≤ 3 allocs", func(r *result) bool {
			return r.ns[ours] < 2000 && r.allocs[ours] <= 3
		}},
	}
	c.check = func(t *testing.T) { f.agree(t, token) }
	return c
}

// agree checks that both SDKs read the token alike.
func (f *tokenFixture) agree(t *testing.T, token string) {
	cl, err := f.ours.Verify(context.Background(), token)
	if err != nil {
		t.Fatal(err)
	}
	oc, err := f.officialVerify(token)
	if err != nil {
		t.Fatal(err)
	}
	if cl.UserID != oc.Subject || cl.SessionID != oc.SessionID || cl.OrgID != oc.ActiveOrganizationID ||
		cl.OrgRole != oc.ActiveOrganizationRole || !slices.Equal(cl.OrgPermissions, oc.ActiveOrganizationPermissions) ||
		cl.ExpiresAt.Unix() != *oc.Expiry {
		t.Errorf("ours %+v, official %+v", cl, oc)
	}
}
