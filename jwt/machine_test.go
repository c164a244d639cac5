package jwt

import (
	"context"
	"crypto"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// m2mHeader is the header Clerk signs M2M JWTs with.
func m2mHeader() map[string]any {
	return map[string]any{"alg": "RS256", "kid": fixtureKID, "typ": "JWT", "cat": m2mCategory}
}

// oauthHeader is the header of an OAuth access token in JWT format.
func oauthHeader() map[string]any {
	return map[string]any{"alg": "RS256", "kid": fixtureKID, "typ": "at+jwt"}
}

// m2mClaims are valid M2M JWT claims at testNow.
func m2mClaims() map[string]any {
	return map[string]any{
		"iss": "https://api.clerk.com", "sub": "mch_2xhFjEI5X2qWRvtV13BzSj8H6Dk", "jti": "mt_0123",
		"iat": testNow.Unix() - 10, "nbf": testNow.Unix() - 10, "exp": testNow.Unix() + 3600,
		"aud": []string{"mch_target1", "mch_target2"}, "job": "sync",
	}
}

// oauthClaims are valid OAuth access-token claims at testNow.
func oauthClaims() map[string]any {
	return map[string]any{
		"iss": testIssuer, "sub": "user_123", "jti": "oat_0123", "client_id": "client_abc",
		"iat": testNow.Unix() - 10, "exp": testNow.Unix() + 600,
		"scope": "read write", "aud": "https://api.example.com",
	}
}

func mintMachine(t testing.TB, header, claims map[string]any) string {
	t.Helper()
	_, key := loadFixture(t)
	return mintRaw(key, header, claims)
}

// TestVerifyMachineReadsAsJSONParse: a machine JWT's claims are read as
// JSON.parse reads them in Clerk's JS SDK: member names match exactly (a
// custom "Sub" or "Scopes" claim is not sub or scopes) and the last of a
// repeated member wins. encoding/json, used before, let "Sub" replace sub.
func TestVerifyMachineReadsAsJSONParse(t *testing.T) {
	_, key := loadFixture(t)
	v := newPEMVerifier(t)
	claims := func(extra string) json.RawMessage {
		return json.RawMessage(fmt.Sprintf(`{"sub":"mch_real","jti":"mt_1","iat":%d,"exp":%d,"aud":["mch_target"],%s}`,
			testNow.Unix()-10, testNow.Unix()+3600, extra))
	}
	c, err := v.VerifyMachine(context.Background(), mintRaw(key, m2mHeader(), claims(`"Sub":"mch_evil","Scopes":"admin billing"`)))
	if err != nil || c.Subject != "mch_real" || !slices.Equal(c.Scopes, []string{"mch_target"}) {
		t.Errorf("case variants: %+v, %v; want sub mch_real and the audience as scopes", c, err)
	}
	c, err = v.VerifyMachine(context.Background(), mintRaw(key, m2mHeader(), claims(`"sub":"mch_last"`)))
	if err != nil || c.Subject != "mch_last" {
		t.Errorf("repeated sub: %+v, %v; want the last", c, err)
	}
	_, err = v.VerifyMachine(context.Background(), mintRaw(key, m2mHeader(), claims(fmt.Sprintf(`"NBF":%d`, testNow.Unix()+3000))))
	if err != nil {
		t.Errorf("a custom NBF claim is not nbf: %v", err)
	}
}

func TestVerifyMachineM2M(t *testing.T) {
	v := newPEMVerifier(t)
	tok := mintMachine(t, m2mHeader(), m2mClaims())
	c, err := v.VerifyMachine(context.Background(), tok)
	if err != nil {
		t.Fatal(err)
	}
	if c.Kind != KindM2M || c.Subject != "mch_2xhFjEI5X2qWRvtV13BzSj8H6Dk" || c.ID != "mt_0123" || c.ClientID != "" {
		t.Fatalf("claims %+v", c)
	}
	if got := strings.Join(c.Scopes, " "); got != "mch_target1 mch_target2" {
		t.Errorf("scopes %q, want the audience", got)
	}
	if !c.ExpiresAt.Equal(testNow.Add(time.Hour)) || !c.IssuedAt.Equal(testNow.Add(-10*time.Second)) || c.Issuer != "https://api.clerk.com" {
		t.Errorf("times or issuer: %+v", c)
	}
	// Custom claims: every claim but iss, sub, exp, nbf, iat and jti.
	var custom map[string]any
	if err := json.Unmarshal(c.Custom, &custom); err != nil {
		t.Fatal(err)
	}
	if len(custom) != 2 || custom["job"] != "sync" || custom["aud"] == nil {
		t.Errorf("custom claims %s", c.Custom)
	}
	var all map[string]any
	if err := c.Decode(&all); err != nil || all["jti"] != "mt_0123" {
		t.Errorf("Decode: %v %v", all, err)
	}

	// A scopes claim wins over aud; no custom claim gives nil; no typ and
	// no cat (tokens minted before categories) pass.
	claims := with(m2mClaims(), "scopes", "mch_a mch_b", "aud", nil, "job", nil)
	delete(claims, "job")
	c, err = v.VerifyMachine(context.Background(), mintMachine(t, with(m2mHeader(), "typ", nil, "cat", nil), claims))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(c.Scopes, " "); got != "mch_a mch_b" {
		t.Errorf("scopes %q", got)
	}
	if string(c.Custom) != `{"scopes":"mch_a mch_b"}` {
		t.Errorf("custom claims %s", c.Custom)
	}
	c, err = v.VerifyMachine(context.Background(), mintMachine(t, m2mHeader(), with(m2mClaims(), "aud", nil, "job", nil)))
	if err != nil {
		t.Fatal(err)
	}
	if c.Custom != nil || c.Scopes != nil {
		t.Errorf("no custom claims, no scopes: %+v", c)
	}
}

func TestVerifyMachineOAuth(t *testing.T) {
	v := newPEMVerifier(t)
	for _, typ := range []string{"at+jwt", "application/at+jwt"} {
		c, err := v.VerifyMachine(context.Background(), mintMachine(t, with(oauthHeader(), "typ", typ), oauthClaims()))
		if err != nil {
			t.Fatalf("typ %s: %v", typ, err)
		}
		if c.Kind != KindOAuth || c.Subject != "user_123" || c.ClientID != "client_abc" || c.ID != "oat_0123" {
			t.Fatalf("claims %+v", c)
		}
		if strings.Join(c.Scopes, ",") != "read,write" || strings.Join(c.Audience, ",") != "https://api.example.com" || c.Custom != nil {
			t.Errorf("scopes %q, audience %q, custom %s", c.Scopes, c.Audience, c.Custom)
		}
	}
	// scp wins over scope; a token's cat is not read for OAuth tokens, as
	// in Clerk's JS SDK.
	c, err := v.VerifyMachine(context.Background(), mintMachine(t, with(oauthHeader(), "cat", "cl_B7d4PD111AAA"),
		with(oauthClaims(), "scp", []string{"email", "profile"})))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(c.Scopes, ",") != "email,profile" {
		t.Errorf("scopes %q", c.Scopes)
	}
}

// TestVerifyMachineRejections: each defect alone, with the one sentinel it
// must match. Forgeries (another key, alg none or HS256, tampered claims)
// fail on the signature or the algorithm whatever the claims say.
func TestVerifyMachineRejections(t *testing.T) {
	f, key := loadFixture(t)
	m2m := mintMachine(t, m2mHeader(), m2mClaims())
	oauth := mintMachine(t, oauthHeader(), oauthClaims())
	tamper := func(tok string, claims map[string]any) string {
		p := strings.Split(tok, ".")
		return p[0] + "." + seg(claims) + "." + p[2]
	}
	for _, tc := range []struct {
		name  string
		token string
		want  error
	}{
		{"empty", "", ErrTokenMalformed},
		{"not a JWT", "mt_abc", ErrTokenMalformed},
		{"over the size limit", mintMachine(t, m2mHeader(), with(m2mClaims(), "pad", strings.Repeat("x", MaxTokenSize))), ErrTokenMalformed},
		{"line break", m2m[:20] + "\n" + m2m[20:], ErrTokenMalformed},
		{"a session token", mint(t, baseClaims()), ErrInvalidTokenType},
		{"a JWT-template token", mintRaw(key, with(rsHeader(), "cat", "cl_B7d4PD222AAA"), baseClaims()), ErrInvalidTokenType},
		{"M2M with the session category", mintMachine(t, with(m2mHeader(), "cat", "cl_B7d4PD111AAA"), m2mClaims()), ErrInvalidTokenType},
		{"M2M with the ignored category", mintMachine(t, with(m2mHeader(), "cat", "cl_I7d4PD111III"), m2mClaims()), ErrInvalidTokenType},
		{"M2M with typ at+jwt", mintMachine(t, with(m2mHeader(), "typ", "at+jwt"), m2mClaims()), ErrInvalidTokenType},
		{"M2M with typ jwt", mintMachine(t, with(m2mHeader(), "typ", "jwt"), m2mClaims()), ErrInvalidTokenType},
		{"M2M expired", mintMachine(t, m2mHeader(), with(m2mClaims(), "exp", testNow.Unix()-60, "iat", testNow.Unix()-120, "nbf", testNow.Unix()-120)), ErrTokenExpired},
		{"M2M not valid yet", mintMachine(t, m2mHeader(), with(m2mClaims(), "nbf", testNow.Unix()+600)), ErrTokenNotValidYet},
		{"M2M issued in the future", mintMachine(t, m2mHeader(), with(m2mClaims(), "iat", testNow.Unix()+600)), ErrTokenNotValidYet},
		{"M2M without exp", mintMachine(t, m2mHeader(), with(m2mClaims(), "exp", nil)), ErrTokenMalformed},
		{"M2M signed by another key", mintRaw(otherKey, m2mHeader(), m2mClaims()), ErrTokenSignatureInvalid},
		{"M2M alg none", seg(with(m2mHeader(), "alg", "none")) + "." + seg(m2mClaims()) + ".AAAA", ErrUnsupportedAlgorithm},
		{"M2M alg none, no signature", seg(with(m2mHeader(), "alg", "none")) + "." + seg(m2mClaims()) + ".", ErrTokenMalformed},
		{"M2M HS256 with the public key", mintHS256([]byte(f.PublicKeyPEM), with(m2mHeader(), "alg", "HS256"), m2mClaims()), ErrUnsupportedAlgorithm},
		{"M2M RS384", func() string {
			in := seg(with(m2mHeader(), "alg", "RS384")) + "." + seg(m2mClaims())
			return in + "." + signRS(key, crypto.SHA384, in)
		}(), ErrUnsupportedAlgorithm},
		{"M2M tampered claims", tamper(m2m, with(m2mClaims(), "sub", "mch_evil")), ErrTokenSignatureInvalid},
		{"M2M tampered expiry", tamper(m2m, with(m2mClaims(), "exp", testNow.Unix()+1e6)), ErrTokenSignatureInvalid},
		{"M2M unknown kid", mintMachine(t, with(m2mHeader(), "kid", "other"), m2mClaims()), nil}, // PEM: the kid is not consulted
		{"M2M crit header", mintMachine(t, with(m2mHeader(), "crit", []string{"b64"}), m2mClaims()), ErrTokenMalformed},
		{"OAuth expired", mintMachine(t, oauthHeader(), with(oauthClaims(), "exp", testNow.Unix()-60, "iat", testNow.Unix()-120)), ErrTokenExpired},
		{"OAuth signed by another key", mintRaw(otherKey, oauthHeader(), oauthClaims()), ErrTokenSignatureInvalid},
		{"OAuth alg none", seg(with(oauthHeader(), "alg", "none")) + "." + seg(oauthClaims()) + ".AAAA", ErrUnsupportedAlgorithm},
		{"OAuth tampered scope", tamper(oauth, with(oauthClaims(), "scope", "admin")), ErrTokenSignatureInvalid},
		{"OAuth without sub", mintMachine(t, oauthHeader(), with(oauthClaims(), "sub", nil)), ErrTokenMalformed},
		{"OAuth empty sub", mintMachine(t, oauthHeader(), with(oauthClaims(), "sub", "")), ErrTokenMalformed},
		{"OAuth sub not a string", mintMachine(t, oauthHeader(), with(oauthClaims(), "sub", 7)), ErrTokenMalformed},
		{"OAuth scope not a string", mintMachine(t, oauthHeader(), with(oauthClaims(), "scope", []string{"a"})), ErrTokenMalformed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := newPEMVerifier(t)
			c, err := v.VerifyMachine(context.Background(), tc.token)
			if tc.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if c != nil {
				t.Fatalf("claims %+v with error %v", c, err)
			}
			requireOnly(t, err, tc.want)
		})
	}
}

// TestVerifyMachineWrongKeySet: a key set that lacks the token's kid, the
// signature checked against a key set.
func TestVerifyMachineWrongKeySet(t *testing.T) {
	_, key := loadFixture(t)
	v, err := NewVerifier(WithJWKS(jwksOf([]string{fixtureKID}, &otherKey.PublicKey)), WithClock(fixedClock(testNow)))
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	_, err = v.VerifyMachine(context.Background(), mintRaw(key, m2mHeader(), m2mClaims()))
	requireOnly(t, err, ErrTokenSignatureInvalid)
	_, err = v.VerifyMachine(context.Background(), mintRaw(key, with(oauthHeader(), "kid", "unknown"), oauthClaims()))
	requireOnly(t, err, ErrKeyNotFound)
	_, err = v.VerifyMachine(context.Background(), mintRaw(key, with(oauthHeader(), "kid", nil), oauthClaims()))
	requireOnly(t, err, ErrKeyNotFound)
}

// TestSessionPathRefusesMachineJWTs: Verify, the session-token check,
// refuses both kinds of machine JWT, which VerifyMachine accepts.
func TestSessionPathRefusesMachineJWTs(t *testing.T) {
	v := newPEMVerifier(t)
	for name, tok := range map[string]string{
		"M2M":              mintMachine(t, m2mHeader(), m2mClaims()),
		"M2M without cat":  mintMachine(t, with(m2mHeader(), "cat", nil), m2mClaims()),
		"OAuth":            mintMachine(t, oauthHeader(), oauthClaims()),
		"OAuth with a sid": mintMachine(t, oauthHeader(), with(oauthClaims(), "sid", "sess_1")),
	} {
		if _, err := v.VerifyMachine(context.Background(), tok); err != nil {
			t.Fatalf("%s: VerifyMachine: %v", name, err)
		}
		_, err := v.Verify(context.Background(), tok)
		requireOnly(t, err, ErrInvalidTokenType)
	}
}

// TestVerifyMachineAudience: with WithAudience, an OAuth access token's aud
// must name an audience (Clerk's JS assertOAuthAudienceClaim); an M2M
// token's aud must when it is a string or a list of strings
// (assertAudienceClaim). Without audiences, aud is not checked.
func TestVerifyMachineAudience(t *testing.T) {
	const api = "https://api.example.com"
	for _, tc := range []struct {
		name   string
		oauth  bool
		aud    any // nil: no aud claim
		accept bool
	}{
		{"OAuth string", true, api, true},
		{"OAuth list", true, []any{"other", api}, true},
		{"OAuth other", true, "https://other.example", false},
		{"OAuth missing", true, nil, false},
		{"OAuth empty string", true, "", false},
		{"OAuth empty list", true, []any{}, false},
		{"OAuth list with an empty string", true, []any{api, ""}, false},
		{"OAuth number", true, 7, false},
		{"M2M string", false, api, true},
		{"M2M list", false, []any{api, "mch_x"}, true},
		{"M2M other", false, "mch_x", false},
		{"M2M other list", false, []any{"mch_x", "mch_y"}, false},
		{"M2M missing", false, nil, true},
		{"M2M empty string", false, "", true},
		{"M2M empty list", false, []any{}, true},
		{"M2M list of empty strings", false, []any{""}, true},
		{"M2M number", false, 7, true},
		{"M2M mixed list", false, []any{"mch_x", 7}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, c := m2mHeader(), m2mClaims()
			if tc.oauth {
				h, c = oauthHeader(), oauthClaims()
			}
			c = with(c, "aud", tc.aud)
			if tc.aud == nil {
				delete(c, "aud")
			}
			tok := mintMachine(t, h, c)
			if _, err := newPEMVerifier(t).VerifyMachine(context.Background(), tok); err != nil {
				t.Fatalf("without audiences: %v", err)
			}
			_, err := newPEMVerifier(t, WithAudience(api, "")).VerifyMachine(context.Background(), tok)
			if tc.accept {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			requireOnly(t, err, ErrInvalidAudience)
		})
	}
}

// TestMachineKindOf: the classification of Clerk's JS SDK (isM2MJwt, then
// isOAuthJwt), which reads the claims and the header of any three-segment
// base64url string of JSON without verifying it.
func TestMachineKindOf(t *testing.T) {
	enc := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	for _, tc := range []struct {
		name  string
		token string
		want  MachineKind
	}{
		{"session", mint(t, baseClaims()), ""},
		{"M2M", mintMachine(t, m2mHeader(), m2mClaims()), KindM2M},
		{"M2M sub with typ at+jwt", mintMachine(t, oauthHeader(), m2mClaims()), KindM2M},
		{"OAuth", mintMachine(t, oauthHeader(), oauthClaims()), KindOAuth},
		{"OAuth application/at+jwt", mintMachine(t, with(oauthHeader(), "typ", "application/at+jwt"), oauthClaims()), KindOAuth},
		{"typ AT+JWT", mintMachine(t, with(oauthHeader(), "typ", "AT+JWT"), oauthClaims()), ""},
		{"unsigned", enc(`{"typ":"at+jwt"}`) + "." + enc(`{}`) + ".x", KindOAuth},
		{"header array, machine sub", enc(`[]`) + "." + enc(`{"sub":"mch_1"}`) + ".x", KindM2M},
		{"claims array", enc(`{"typ":"at+jwt"}`) + "." + enc(`[1]`) + ".x", KindOAuth},
		{"sub not a string", enc(`{}`) + "." + enc(`{"sub":["mch_1"]}`) + ".x", ""},
		{"Sub is not sub", enc(`{}`) + "." + enc(`{"Sub":"mch_1"}`) + ".x", ""},
		{"the last sub", enc(`{}`) + "." + enc(`{"sub":"user_1","sub":"mch_1"}`) + ".x", KindM2M},
		{"the last sub, a user", enc(`{}`) + "." + enc(`{"sub":"mch_1","sub":"user_1"}`) + ".x", ""},
		{"empty signature", enc(`{"typ":"at+jwt"}`) + "." + enc(`{}`) + ".", ""},
		{"padded", enc(`{"typ":"at+jwt"}`) + "=." + enc(`{}`) + ".x", ""},
		{"header not JSON", enc(`{typ}`) + "." + enc(`{"sub":"mch_1"}`) + ".x", ""},
		{"opaque", "oat_0123456789", ""},
		{"four segments", mintMachine(t, oauthHeader(), oauthClaims()) + ".x", ""},
		{"empty", "", ""},
	} {
		if got := MachineKindOf(tc.token); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestVerifyMachineSharesKeys: machine and session tokens are verified
// against one key set, fetched once however the calls interleave.
func TestVerifyMachineSharesKeys(t *testing.T) {
	srv := newJWKSServer(t, fixtureJWKS(t))
	v := newRemoteVerifier(t, srv.URL+"/jwks", newFakeClock(testNow))
	tokens := []string{
		mintMachine(t, m2mHeader(), m2mClaims()),
		mintMachine(t, oauthHeader(), oauthClaims()),
		mint(t, baseClaims()),
	}
	var wg sync.WaitGroup
	errs := make(chan error, 300)
	for i := range 300 {
		wg.Go(func() {
			tok := tokens[i%len(tokens)]
			var err error
			if i%len(tokens) == 2 {
				_, err = v.Verify(context.Background(), tok)
			} else {
				_, err = v.VerifyMachine(context.Background(), tok)
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := srv.fetches.Load(); n != 1 {
		t.Errorf("%d key-set fetches, want 1", n)
	}
}
