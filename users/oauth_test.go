package users

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

const oauthTokensJSON = `[
  {
    "object": "oauth_access_token",
    "external_account_id": "eac_google",
    "provider_user_id": "1234567890",
    "token": "ya29.SECRET-ACCESS-TOKEN",
    "expires_at": 1716887000000,
    "provider": "oauth_google",
    "public_metadata": {},
    "label": null,
    "scopes": ["email", "openid", "profile"],
    "id_token": "eyJ.SECRET-ID-TOKEN"
  },
  {
    "object": "oauth_access_token",
    "external_account_id": "eac_x",
    "provider_user_id": "42",
    "token": "x-SECRET-1",
    "expires_at": null,
    "provider": "oauth_x",
    "public_metadata": {"k": "v"},
    "label": "work",
    "token_secret": "SECRET-TOKEN-SECRET"
  }
]`

func TestListOAuthAccessTokens(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("GET /users/{user_id}/oauth_access_tokens/{provider}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "user_1", r.PathValue("user_id"))
		assert.Equal(t, "oauth_google", r.PathValue("provider"))
		assert.Equal(t, url.Values{"limit": {"5"}, "offset": {"1"}}, r.URL.Query(), "query")
		spectest.WriteJSON(w, 200, []byte(oauthTokensJSON))
	})
	page, err := svc.ListOAuthAccessTokens(context.Background(), "user_1", "oauth_google",
		&ListOAuthAccessTokensParams{Limit: new(5), Offset: new(1)})
	require.NoError(t, err)
	require.Len(t, page.Data, 2)
	tok := page.Data[0]
	assert.Equal(t, "ya29.SECRET-ACCESS-TOKEN", tok.Token.Reveal())
	assert.Equal(t, "eyJ.SECRET-ID-TOKEN", tok.IDToken.Reveal())
	assert.Equal(t, ms(1716887000000), *tok.ExpiresAt)
	assert.Equal(t, []string{"email", "openid", "profile"}, tok.Scopes)
	assert.Equal(t, "eac_google", tok.ExternalAccountID)
	assert.Nil(t, page.Data[1].ExpiresAt)
	assert.Equal(t, "work", page.Data[1].Label)
	assert.Equal(t, "SECRET-TOKEN-SECRET", page.Data[1].TokenSecret.Reveal())
}

func TestListOAuthAccessTokensPaginated(t *testing.T) {
	svc, srv := setup(t)
	srv.Mux.HandleFunc("GET /users/{user_id}/oauth_access_tokens/{provider}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, url.Values{"paginated": {"true"}}, r.URL.Query(), "query")
		spectest.WriteJSON(w, 200, []byte(`{"data":`+oauthTokensJSON+`,"total_count":7}`))
	})
	page, err := svc.ListOAuthAccessTokens(context.Background(), "user_1", "oauth_google", &ListOAuthAccessTokensParams{Paginated: new(true)})
	require.NoError(t, err)
	require.Len(t, page.Data, 2)
	assert.Equal(t, int64(7), page.TotalCount)
}

// TestOAuthAccessTokenRedacted (issue 9, item 6): the token's secrets never
// show through fmt, log/slog (text and JSON handlers) or encoding/json,
// whether the token is logged alone, behind a pointer, in a slice, in a
// map or in a struct field; Reveal gives them.
func TestOAuthAccessTokenRedacted(t *testing.T) {
	var toks []OAuthAccessToken
	require.NoError(t, internal.Unmarshal([]byte(oauthTokensJSON), &toks))
	for _, tok := range toks {
		for _, leak := range spectest.Leaks(tok, "SECRET") {
			t.Error(leak)
		}
		// The redacted forms still say what the value is.
		assert.Contains(t, fmt.Sprintf("%+v", tok), "Token:[redacted]")
		assert.Contains(t, fmt.Sprintf("%+v", tok), tok.ExternalAccountID)
		assert.Contains(t, tok.Token.Reveal(), "SECRET")
	}
	assert.Equal(t, "eyJ.SECRET-ID-TOKEN", toks[0].IDToken.Reveal())
	assert.True(t, toks[0].TokenSecret.IsZero())
	assert.Equal(t, "", fmt.Sprint(toks[0].TokenSecret), "an empty secret prints as empty")
}

// TestOAuthAccessTokenRoundTrip: marshalled tokens validate against the spec
// and decode to the same values.
func TestOAuthAccessTokenRoundTrip(t *testing.T) {
	var toks []OAuthAccessToken
	require.NoError(t, internal.Unmarshal([]byte(oauthTokensJSON), &toks))
	b, err := internal.MarshalAPI(toks)
	require.NoError(t, err)
	r, _ := http.NewRequest("GET", "/v1/users/user_1/oauth_access_tokens/oauth_google", nil)
	require.NoError(t, spectest.ValidateResponse(r, 200, http.Header{"Content-Type": {"application/json"}}, b))
	var back []OAuthAccessToken
	require.NoError(t, internal.Unmarshal(b, &back))
	assert.Equal(t, toks, back)
}

// TestAllOAuthAccessTokens: every list endpoint has an All (ARCHITECTURE.md). It
// walks the bare-array answer in pages of 500 by offset, stopping at a short
// page, with the caller's params on every page and unchanged after.
func TestAllOAuthAccessTokens(t *testing.T) {
	svc, srv := setup(t)
	var (
		mu      sync.Mutex
		offsets []string
	)
	srv.Mux.HandleFunc("GET /users/{user_id}/oauth_access_tokens/{provider}", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		assert.Equal(t, "500", q.Get("limit"))
		mu.Lock()
		offsets = append(offsets, q.Get("offset"))
		mu.Unlock()
		off, _ := strconv.Atoi(q.Get("offset"))
		var items []string
		for i := off; i < min(off+500, 1203); i++ {
			items = append(items, fmt.Sprintf(`{"object":"oauth_access_token","external_account_id":"eac_%d","provider_user_id":"1",
				"token":"t","expires_at":null,"provider":"oauth_google","public_metadata":{},"label":null}`, i))
		}
		spectest.WriteJSON(w, 200, []byte("["+strings.Join(items, ",")+"]"))
	})
	params := &ListOAuthAccessTokensParams{}
	n := 0
	for tok, err := range svc.AllOAuthAccessTokens(context.Background(), "user_1", "oauth_google", params) {
		require.NoError(t, err)
		assert.Equal(t, fmt.Sprintf("eac_%d", n), tok.ExternalAccountID)
		n++
	}
	assert.Equal(t, 1203, n)
	mu.Lock()
	assert.Equal(t, []string{"0", "500", "1000"}, offsets)
	mu.Unlock()
	assert.Equal(t, &ListOAuthAccessTokensParams{}, params, "params unchanged")
	assert.ErrorIs(t, firstErr(svc.AllOAuthAccessTokens(context.Background(), "user_1", "", nil)), internal.ErrInvalidParams)
}

// TestBackupCodesRedacted: a second-factor number's backup codes stand in
// for the second factor; no printer shows them, Reveal does.
func TestBackupCodesRedacted(t *testing.T) {
	var n PhoneNumber
	if err := internal.Unmarshal([]byte(`{"id":"idn_1","phone_number":"+15555550100","backup_codes":["CODE-ONE","CODE-TWO"]}`), &n); err != nil {
		t.Fatal(err)
	}
	for _, leak := range spectest.Leaks(n, "CODE-ONE", "CODE-TWO") {
		t.Error(leak)
	}
	if len(n.BackupCodes) != 2 || n.BackupCodes[1].Reveal() != "CODE-TWO" {
		t.Errorf("BackupCodes = %v", n.BackupCodes)
	}
}
