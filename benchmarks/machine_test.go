package benchmarks

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"

	clerkv2 "github.com/clerk/clerk-sdk-go/v2"
	clerkv2m2m "github.com/clerk/clerk-sdk-go/v2/m2m_token"
)

// Machine tokens: one op is 1,000 verifications of one token (a new token
// for each op, so that every op starts as a server would on a new caller):
//
//   - ours: c.APIKeys.Verify / c.M2MTokens.Verify, whose cache of verified
//     tokens (5 s by default) answers all but the first;
//   - official: clerk-sdk-go v2.4.2 has no API-key verification at all, so
//     its side calls POST /api_keys/verify through the SDK's own generic
//     Backend.Call, as its user would have to; for M2M tokens it is
//     m2m_token.Client.Verify. It has no verification cache: every call goes
//     to the Backend API;
//   - floor: net/http POST + encoding/json per verification.
const verifyRepeats = 1000

// machineServer answers the verify endpoint with a valid key or token and
// counts the requests.
type machineServer struct {
	*httptest.Server
	requests atomic.Int64
}

func newMachineServer(tb testing.TB, path string, answer []byte) *machineServer {
	s := &machineServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		_, _ = io.Copy(io.Discard, r.Body)
		if r.Method != http.MethodPost || r.URL.Path != path {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(answer)
	}))
	tb.Cleanup(s.Close)
	return s
}

// The answers, as in the spec: an API key and an M2M token, valid.
var (
	apiKeyAnswer = []byte(`{"object":"api_key","id":"ak_3beecc9c60adb5f9b850e91a8ee1e992","type":"api_key",` +
		`"subject":"user_2xhFjEI5X2qWRvtV13BzSj8H6Dk","name":"Production API Key","description":"for the billing service",` +
		`"claims":{"tier":"gold"},"scopes":["users:read","users:write"],"revoked":false,"revocation_reason":null,` +
		`"expired":false,"expiration":null,"created_by":"user_2yGkLpQ7Y3rXSwtU24CzTk9I7Em","last_used_at":1700000002000,` +
		`"created_at":1700000000000,"updated_at":1700000001000}`)
	m2mAnswer = []byte(`{"object":"machine_to_machine_token","id":"mt_f7f0ba8c3b4843ce7d85fcdd5e71853e",` +
		`"subject":"mch_2xhFjEI5X2qWRvtV13BzSj8H6Dk","claims":{"tier":"gold"},"scopes":["mch_2yGkLpQ7Y3rXSwtU24CzTk9I7Em"],` +
		`"revoked":false,"revocation_reason":null,"expired":false,"expiration":null,"last_used_at":1700000002000,` +
		`"created_at":1700000000000,"updated_at":1700000001000}`)
)

// officialAPIKey is what the official side decodes the answer into: the
// fields a caller checks.
type officialAPIKey struct {
	clerkv2.APIResource
	ID      string   `json:"id"`
	Subject string   `json:"subject"`
	Scopes  []string `json:"scopes"`
	Revoked bool     `json:"revoked"`
	Expired bool     `json:"expired"`
}

type officialVerifyAPIKeyParams struct {
	clerkv2.APIParams
	Secret string `json:"secret"`
}

// floorToken is the floor's decoding target, the same fields.
type floorToken struct {
	ID      string   `json:"id"`
	Subject string   `json:"subject"`
	Scopes  []string `json:"scopes"`
	Revoked bool     `json:"revoked"`
	Expired bool     `json:"expired"`
}

// postJSON is the floor's POST: net/http and encoding/json.
func postJSON(ctx context.Context, hc *http.Client, url string, body, into any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(b))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+benchKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	err = json.NewDecoder(resp.Body).Decode(into)
	_, _ = io.Copy(io.Discard, resp.Body)
	return err
}

// machineCase builds a verify-1000 comparison; verify[s](token) is one
// verification by side s, returning the subject it found.
func machineCase(tb testing.TB, what string, srv *machineServer, prefix string, verify [nSides]func(token string) (string, error)) *comparison {
	var counter [nSides]int
	var ops [nSides]func()
	for s := range nSides {
		ops[s] = func() {
			counter[s]++
			token := fmt.Sprintf("%s%s_%032d", prefix, sideName(s), counter[s])
			for range verifyRepeats {
				if subject, err := verify[s](token); err != nil || subject == "" {
					tb.Fatal(subject, err)
				}
			}
		}
	}
	c := &comparison{what: what, ops: ops}
	c.extra = func() []row {
		r := row{what: "… requests to the Backend API per " + thousands(verifyRepeats)}
		for s := range nSides {
			n0 := srv.requests.Load()
			ops[s]()
			r.cells[s] = strconv.FormatInt(srv.requests.Load()-n0, 10)
		}
		return []row{r}
	}
	return c
}

func buildAPIKeyVerify(tb testing.TB) *comparison {
	const path = "/v1/api_keys/verify"
	srv := newMachineServer(tb, path, apiKeyAnswer)
	ctx := context.Background()
	c := newClient(tb, srv.URL)
	backend := clerkv2.NewBackend(&officialConfig(srv.URL).BackendConfig)
	hc := newHTTPClient()
	tb.Cleanup(hc.CloseIdleConnections)
	return machineCase(tb, fmt.Sprintf("API key verified %s times (official: no API-key helper in v2.4.2)", thousands(verifyRepeats)), srv, "ak_",
		[nSides]func(string) (string, error){
			ours: func(token string) (string, error) {
				k, err := c.APIKeys.Verify(ctx, token)
				if err != nil {
					return "", err
				}
				return k.Subject, nil
			},
			official: func(token string) (string, error) {
				req := clerkv2.NewAPIRequest(http.MethodPost, "/api_keys/verify")
				req.SetParams(&officialVerifyAPIKeyParams{Secret: token})
				k := &officialAPIKey{}
				if err := backend.Call(ctx, req, k); err != nil || k.Revoked || k.Expired {
					return "", err
				}
				return k.Subject, nil
			},
			floor: func(token string) (string, error) {
				var k floorToken
				if err := postJSON(ctx, hc, srv.URL+path, map[string]string{"secret": token}, &k); err != nil || k.Revoked || k.Expired {
					return "", err
				}
				return k.Subject, nil
			},
		})
}

func buildM2MVerify(tb testing.TB) *comparison {
	const path = "/v1/m2m_tokens/verify"
	srv := newMachineServer(tb, path, m2mAnswer)
	ctx := context.Background()
	c := newClient(tb, srv.URL)
	oc := clerkv2m2m.NewClient(officialConfig(srv.URL))
	hc := newHTTPClient()
	tb.Cleanup(hc.CloseIdleConnections)
	return machineCase(tb, fmt.Sprintf("M2M token verified %s times", thousands(verifyRepeats)), srv, "mt_",
		[nSides]func(string) (string, error){
			ours: func(token string) (string, error) {
				t, err := c.M2MTokens.Verify(ctx, token)
				if err != nil {
					return "", err
				}
				return t.Subject, nil
			},
			official: func(token string) (string, error) {
				t, err := oc.Verify(ctx, &clerkv2m2m.VerifyParams{Token: token})
				if err != nil || t.Revoked || t.Expired {
					return "", err
				}
				return t.Subject, nil
			},
			floor: func(token string) (string, error) {
				var t floorToken
				if err := postJSON(ctx, hc, srv.URL+path, map[string]string{"token": token}, &t); err != nil || t.Revoked || t.Expired {
					return "", err
				}
				return t.Subject, nil
			},
		})
}
