package jwt

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
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

// FuzzClaims decodes arbitrary claims JSON. The fast decoder must agree with
// encoding/json whenever it accepts the input, and decoding must never panic.
func FuzzClaims(f *testing.F) {
	for _, s := range claimsSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var fast, ref wireClaims
		ok := fastDecodeClaims(data, &fast)
		err := json.Unmarshal(data, &ref)
		if ok {
			if err != nil {
				t.Fatalf("fast decoder accepted %q, encoding/json: %v", data, err)
			}
			if !reflect.DeepEqual(fast, ref) {
				t.Fatalf("fast decoder disagrees on %q:\nfast %+v\njson %+v", data, fast, ref)
			}
		}

		// The whole Claims, Raw included, must be what json.Unmarshal
		// followed by fill and expand gives, and parseClaims must fail
		// exactly when that fails.
		var got, want Claims
		gotErr := parseClaims(data, &got)
		wantErr := err
		if wantErr == nil {
			if wantErr = ref.fill(data, &want); wantErr == nil {
				ref.expand(&want)
			}
		}
		if (gotErr == nil) != (wantErr == nil) {
			t.Fatalf("on %q: parseClaims error %v, encoding/json path error %v", data, gotErr, wantErr)
		}
		if gotErr == nil {
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("claims differ on %q:\nparseClaims %+v\njson        %+v", data, got, want)
			}
			if !bytes.Equal(got.Raw, data) {
				t.Fatalf("Raw %q, want %q", got.Raw, data)
			}
			// Verify's two steps (fill before the signature, expand after)
			// give the same Claims.
			var w wireClaims
			var split Claims
			if err := decodeClaims(data, &w); err != nil {
				t.Fatalf("decodeClaims: %v", err)
			}
			if err := w.fill(data, &split); err != nil {
				t.Fatalf("fill: %v", err)
			}
			w.expand(&split)
			if !reflect.DeepEqual(split, got) {
				t.Fatalf("Verify's path differs on %q:\n%+v\n%+v", data, split, got)
			}
		}

		var c Claims
		if err := parseClaims(data, &c); err == nil {
			for _, p := range c.OrgPermissions {
				if c.Version == 2 && (!strings.HasPrefix(p, "org:") || strings.Count(p, ":") < 2) {
					t.Fatalf("permission %q", p)
				}
			}
			c.HasRole("admin")
			c.HasPermission("org:a:b")
			c.HasFeature("org:a")
			c.HasPlan("pro")
		}
	})
}

// FuzzPermissions compares the permission expansion with a naive reference
// implementation of the rules.
func FuzzPermissions(f *testing.F) {
	f.Add("o:dashboard,o:teams", "manage,read", "3,2")
	f.Add("u:a,o:b,ou:c", "x,y,z", "7,18446744073709551615,9007199254740993")
	f.Add("o:a", "x", "1invalid")
	f.Add("o:a,,o:b", " x , ,y", " 1, 2 ,-1")
	f.Fuzz(func(t *testing.T, fea, per, fpm string) {
		got := orgPermissions(fea, per, fpm)
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
	f.Fuzz(func(t *testing.T, token string) {
		c, err := v.Verify(context.Background(), token)
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
