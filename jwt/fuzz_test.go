package jwt

import (
	"bytes"
	"context"
	"crypto"
	"encoding/base64"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	jsonv2 "github.com/go-json-experiment/json"
)

// claimsSeeds are claims JSON documents for the fuzzers' corpora.
var claimsSeeds = []string{
	`{"azp":"https://accounts.inspired.puma-74.lcl.dev","exp":1666648310,"iat":1666648250,"iss":"https://clerk.inspired.puma-74.lcl.dev","nbf":1666648240,"sid":"sess_2GbDB4enNdCa5vS1zpC3Xzg9tK9","sub":"user_2GIpXOEpVyJw51rkZn9Kmnc6Sxr"}`,
	`{"azp":"https://example.com","exp":1700000060,"fea":"o:dashboard,o:teams,u:export","fva":[7,-1],"iat":1699999990,"iss":"https://clerk.example.com","jti":"x","nbf":1699999980,"o":{"fpm":"3,2","id":"org_1","per":"manage,read","rol":"admin","slg":"acme"},"pla":"o:pro","sid":"sess_1","sts":"active","sub":"user_1","v":2}`,
	`{"sub":"u","sid":"s","exp":1.5e9,"org_id":"org_1","org_role":"org:admin","org_slug":"a","org_permissions":["org:a:b","org:c:d"],"act":{"sub":"user_x","iss":"https://dashboard.clerk.com","sid":"sess_y"}}`,
	`{"sub":"u","metadata":{"a":[1,2,{"b":null,"c":true,"d":false}],"e":"\u00e9\n\"\\/"},"exp":-0,"v":1}`,
	`{"Sub":"fold","sub":"exact"}`,
	`{"sub":"a","sub":"b","o":{"id":"x","rol":"y"},"o":{"id":"z"}}`,
	`{"o":null,"fva":[1,2,3],"org_permissions":[]}`,
	`{"sub":"caf\u00e9","exp":"1","v":2.0,"fva":[1]}`,
	` {"sub" : "héllo" , "exp" : 1e400 } `,
	`{"a":"\ud800","b":01}`,
	`[]`, `null`, `{}`, `{"a":1,}`, `{"a"}`, `"str"`, `{"sub":"a"} x`,
	`{"\u0073ub":"escaped","sub":"plain","s\u0069d":"x"}`, `{"ſub":"long s","sid":"K"}`, "\ufeff{\"sub\":\"bom\"}",
	`{"sub":"a","exp":1e3,"nbf":-0,"iat":1E+2,"v":2,"o":{"id":"x","fpm":"1","per":"p"},"fea":"o:f","o":{"rol":"r"}}`,
	`{"exp":9e9,"nbf":-9e9,"iat":9000000000.5}`, `{"exp":9.000000001e9}`, `{"fva":[1,2],"fva":[3]}`,
	`{"org_permissions":["a","b"],"org_permissions":["c"],"act":{"sub":"a"},"act":{"iss":"b"},"act":{"SID":"c"}}`,
	`{"v":2,"o":{"id":"x"},"o":null}`, `{"sub":"a"}` + "\x00", "{\"sub\":\"\xed\xa0\x80\",\"sid\":\"\xff\"}", `{"x":[[[[{"y":"\ud800"}]]]]}`,
}

// FuzzClaims verifies and decodes tokens signed with the fixture key over
// arbitrary claims JSON: no panic, every error matching exactly one
// sentinel, Verify accepting only what Decode reads the same way, and the
// claims derived as the rules say.
func FuzzClaims(f *testing.F) {
	for _, s := range claimsSeeds {
		f.Add([]byte(s))
	}
	fx, key := loadFixture(f)
	v, err := NewVerifier(WithPublicKeyPEM(fx.PublicKeyPEM), WithClock(fixedClock(testNow)), WithIssuer(testIssuer), WithCacheSize(0))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { v.Close() })
	f.Fuzz(func(t *testing.T, data []byte) {
		input := seg(rsHeader()) + "." + base64.RawURLEncoding.EncodeToString(data)
		token := input + "." + signRS(key, crypto.SHA256, input)
		d, decodeErr := Decode(token)
		if decodeErr != nil && !matchesOneSentinel(decodeErr) {
			t.Fatalf("Decode error %v matches not exactly one sentinel", decodeErr)
		}
		c, err := v.Verify(context.Background(), token)
		switch {
		case err != nil && !matchesOneSentinel(err):
			t.Fatalf("Verify error %v matches not exactly one sentinel", err)
		case err == nil && decodeErr != nil:
			t.Fatalf("Verify accepted %q, Decode refused it: %v", data, decodeErr)
		case err == nil && !reflect.DeepEqual(c, d):
			t.Fatalf("on %q Verify gives %+v, Decode %+v", data, c, d)
		case err == nil && (c.UserID == "" || c.SessionID == "" || c.ExpiresAt.IsZero()):
			t.Fatalf("Verify accepted %q without sub, sid or exp", data)
		}
		if decodeErr != nil {
			return
		}
		if !bytes.Equal(d.Raw, data) {
			t.Fatalf("Raw %q, want %q", d.Raw, data)
		}
		// The expansion, against the naive reference on the same fields,
		// read as JSON.parse reads them (exact names, the last of a
		// repeated member whole): the JSON v2 library with the options of
		// the claims, whose replacing of repeated objects the reference
		// relies on (encoding/json would merge a repeated "o" into the
		// first, and match "FEA" as fea).
		type refOrg struct {
			Per string `json:"per"`
			Fpm string `json:"fpm"`
		}
		var w struct {
			V   int     `json:"v"`
			Fea string  `json:"fea"`
			O   *refOrg `json:"o"`
		}
		if err := jsonv2.Unmarshal(data, &w, claimsOptions, jsonv2.WithUnmarshalers(jsonv2.UnmarshalFromFunc(fresh[refOrg]))); err != nil {
			t.Fatalf("Decode accepted %q, the JSON v2 library: %v", data, err)
		}
		if !slices.Equal(d.Features, splitFeatures(w.Fea)) {
			t.Fatalf("features %q of fea %q", d.Features, w.Fea)
		}
		if w.V == 2 && w.O != nil {
			if want := referencePermissions(w.Fea, w.O.Per, w.O.Fpm); !slices.Equal(d.OrgPermissions, want) {
				t.Fatalf("permissions %q, reference %q", d.OrgPermissions, want)
			}
		}
		d.HasRole("admin")
		d.HasPermission("org:a:b")
		d.HasFeature("org:a")
		d.HasPlan("pro")
		d.IsReverified(MultiFactor, time.Minute)
	})
}

// FuzzPermissions compares the permission expansion with a naive reference
// implementation of the rules.
func FuzzPermissions(f *testing.F) {
	f.Add("o:dashboard,o:teams", "manage,read", "3,2")
	f.Add("u:a,o:b,ou:c", "x,y,z", "7,18446744073709551615,9007199254740993")
	f.Add("o:repositories,uo:projects,u:goldprofileborder", "read,create,update,delete,revoke", "7,21")
	f.Add("u:x,o:f", strings.Repeat("p,", 64)+"q", "1,18446744073709551616")
	f.Add("o:a", "x", "1invalid")
	f.Add("o:a,,o:b", " x , ,y", " 1, 2 ,-1")
	f.Fuzz(func(t *testing.T, fea, per, fpm string) {
		got := orgPermissions(splitFeatures(fea), per, fpm)
		if want := referencePermissions(fea, per, fpm); !reflect.DeepEqual(got, want) {
			t.Fatalf("orgPermissions(%q, %q, %q) = %q, reference %q", fea, per, fpm, got, want)
		}
	})
}

// FuzzParse verifies arbitrary tokens: no panic, no acceptance of anything
// but the seeds' valid tokens, and every error matching exactly one
// sentinel.
func FuzzParse(f *testing.F) {
	fx, key := loadFixture(f)
	valid := map[string]bool{}
	for _, tok := range fx.Tokens {
		f.Add(tok)
	}
	good := mint(f, baseClaims())
	valid[good] = true
	f.Add(good)
	withOrg := mint(f, with(baseClaims(), "fea", "o:a", "o", map[string]any{"id": "org_1", "per": "x", "fpm": "1"}))
	valid[withOrg] = true
	f.Add(withOrg)
	f.Add(mintRaw(key, with(rsHeader(), "alg", "none"), baseClaims()))
	f.Add(mintHS256([]byte(fx.PublicKeyPEM), with(rsHeader(), "alg", "HS256"), baseClaims()))
	for _, s := range claimsSeeds {
		f.Add(seg(rsHeader()) + "." + b64url(s) + "." + strings.Split(good, ".")[2])
	}
	f.Add("")
	f.Add("..")
	f.Add("a.b.c")

	v, err := NewVerifier(WithPublicKeyPEM(fx.PublicKeyPEM), WithClock(fixedClock(testNow)), WithIssuer(testIssuer))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { v.Close() })
	// cold knows no header: every token goes through golang-jwt's parser
	// alone. It must reach the verdict v reaches with good's header known.
	cold, err := NewVerifier(WithPublicKeyPEM(fx.PublicKeyPEM), WithClock(fixedClock(testNow)), WithIssuer(testIssuer), WithCacheSize(0))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { cold.Close() })
	if _, err := v.Verify(context.Background(), good); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, token string) {
		cold.forgetHeaders()
		coldClaims, coldErr := cold.Verify(context.Background(), token)
		c, err := v.Verify(context.Background(), token)
		if errorKind(err) != errorKind(coldErr) || !reflect.DeepEqual(c, coldClaims) {
			t.Fatalf("on %q: %v, %+v with a known header; %v, %+v without", token, err, c, coldErr, coldClaims)
		}
		if err == nil {
			if !valid[token] {
				t.Fatalf("token %q verified", token)
			}
			if c.UserID == "" || c.ExpiresAt.Before(testNow.Add(-time.Minute)) {
				t.Fatalf("claims %+v", c)
			}
			if d, err := Decode(token); err != nil || !reflect.DeepEqual(c, d) {
				t.Fatalf("Verify gives %+v, Decode %+v (%v)", c, d, err)
			}
		} else if !matchesOneSentinel(err) {
			t.Fatalf("error %v matches not exactly one sentinel", err)
		}
		Decode(token)
	})
}

func b64url(s string) string {
	return strings.TrimRight(strings.NewReplacer("+", "-", "/", "_").Replace(b64std(s)), "=")
}

// FuzzMachine: VerifyMachine on any string never panics, accepts nothing
// but the seeds' valid machine tokens (and their kind is MachineKindOf's),
// and every error matches exactly one sentinel.
func FuzzMachine(f *testing.F) {
	fx, key := loadFixture(f)
	valid := map[string]bool{}
	for _, tok := range []string{
		mintRaw(key, m2mHeader(), m2mClaims()),
		mintRaw(key, oauthHeader(), oauthClaims()),
	} {
		valid[tok] = true
		f.Add(tok)
	}
	f.Add(mint(f, baseClaims()))
	f.Add(mintRaw(key, with(m2mHeader(), "alg", "none"), m2mClaims()))
	f.Add(mintHS256([]byte(fx.PublicKeyPEM), with(oauthHeader(), "alg", "HS256"), oauthClaims()))
	f.Add(mintRaw(otherKey, oauthHeader(), oauthClaims()))
	f.Add("a.b.c")
	f.Add("")
	v, err := NewVerifier(WithPublicKeyPEM(fx.PublicKeyPEM), WithClock(fixedClock(testNow)), WithAudience("https://api.example.com"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { v.Close() })
	f.Fuzz(func(t *testing.T, token string) {
		c, err := v.VerifyMachine(context.Background(), token)
		if err != nil {
			if !matchesOneSentinel(err) {
				t.Fatalf("error %v matches not exactly one sentinel", err)
			}
			return
		}
		if !valid[token] || c.Kind != MachineKindOf(token) || c.Subject == "" {
			t.Fatalf("token %q verified: %+v", token, c)
		}
	})
}
