package clerk

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"testing"
)

// TestOrganizationSync: with WithOrganizationSync, a signed-in page request
// whose path names another organization than the active one (or the
// personal account while one is active) goes to the handshake with
// organization_id; the rest stay signed in. The expected states are
// @clerk/backend 3.25.0's: internal/clerkjs puts the br-org-sync-* cases
// to authenticateRequest with organizationSyncOptions.
func TestOrganizationSync(t *testing.T) {
	inOrg := mint(t, now, map[string]any{"o": map[string]any{"id": "org_1", "slg": "acme", "rol": "admin"}})
	noOrg := mint(t, now, nil)
	expired := mint(t, now.Add(-900e9), nil)
	uat := strconv.FormatInt(now.Unix()-3600, 10)
	sync := WithOrganizationSync(OrganizationSync{
		OrganizationPatterns:    []string{"/orgs/:slug", "/orgs/:slug/(.*)", "/by-id/:id/(.*)"},
		PersonalAccountPatterns: []string{"/me", "/me/(.*)"},
	})
	c := browserClient(t, livePK, nil, sync)

	const (
		none     = "-" // no organization_id parameter
		personal = ""  // organization_id= (the personal account)
	)
	for _, tt := range []struct {
		name, oracle, path string
		header             map[string]string
		token, loops       string
		status             AuthStatus
		orgParam           string
	}{
		{"the active organization's slug", "br-org-sync-same-slug", "/orgs/acme/settings", docHeaders, inOrg, "", SignedIn, ""},
		{"another organization's slug", "br-org-sync-other-slug", "/orgs/other/settings", docHeaders, inOrg, "", Handshake, "other"},
		{"the slug in other case", "br-org-sync-slug-case", "/orgs/ACME", docHeaders, inOrg, "", Handshake, "ACME"},
		{"no active organization", "br-org-sync-no-org", "/orgs/acme", docHeaders, noOrg, "", Handshake, "acme"},
		{"the active organization's ID", "br-org-sync-same-id", "/by-id/org_1/x", docHeaders, inOrg, "", SignedIn, ""},
		{"another organization's ID", "br-org-sync-other-id", "/by-id/org_2/x", docHeaders, inOrg, "", Handshake, "org_2"},
		{"an escaped slug is compared escaped", "br-org-sync-encoded", "/orgs/a%63me", docHeaders, inOrg, "", Handshake, "a%63me"},
		{"no pattern matches", "br-org-sync-no-match", "/orgsx/other", docHeaders, inOrg, "", SignedIn, ""},
		{"the personal account, an organization active", "br-org-sync-personal", "/me/profile", docHeaders, inOrg, "", Handshake, personal},
		{"the personal account, none active", "br-org-sync-personal-ok", "/me", docHeaders, noOrg, "", SignedIn, ""},
		{"an API request stays signed in", "br-org-sync-api", "/orgs/other", apiHeaders, inOrg, "", SignedIn, ""},
		{"the third handshake in a row", "br-org-sync-loop", "/orgs/other", docHeaders, inOrg, "2", Handshake, "other"},
		{"after three handshakes, as it is", "br-org-sync-loop-3", "/orgs/other", docHeaders, inOrg, "3", SignedIn, ""},
		{"an expired token's handshake carries it", "br-org-sync-expired", "/orgs/other", docHeaders, expired, "", Handshake, "other"},
		{"an expired token's handshake, personal", "br-org-sync-personal-expired", "/me", docHeaders, expired, "", Handshake, personal},
		{"an expired token's handshake off the patterns", "br-org-sync-expired-off", "/dashboard", docHeaders, expired, "", Handshake, none},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cookies := []string{"__session", tt.token, "__client_uat", uat}
			if tt.loops != "" {
				cookies = append(cookies, "__clerk_redirect_count", tt.loops)
			}
			st := c.Authenticate(browserReq(http.MethodGet, "https://app.example.com"+tt.path, tt.header, cookies...))
			if st.Status != tt.status {
				t.Fatalf("status %s (%s: %v), want %s", st.Status, st.Reason, st.Err, tt.status)
			}
			if st.Status != Handshake {
				if st.Auth == nil || st.Auth.UserID != "user_1" {
					t.Errorf("signed in as %+v", st.Auth)
				}
				return
			}
			if tt.token != expired && (st.Reason != "active-organization-mismatch" || !errors.Is(st.Err, ErrHandshakeRequired)) {
				t.Errorf("reason %q, err %v", st.Reason, st.Err)
			}
			loc, err := url.Parse(st.Location())
			if err != nil {
				t.Fatal(err)
			}
			got, ok := loc.Query()["organization_id"]
			switch {
			case tt.orgParam == none && ok:
				t.Errorf("organization_id=%q in %s", got, loc)
			case tt.orgParam != none && (!ok || len(got) != 1 || got[0] != tt.orgParam):
				t.Errorf("organization_id %q, want %q, in %s", got, tt.orgParam, loc)
			}
		})
	}

	t.Run("a bearer token never syncs", func(t *testing.T) {
		r := httptest.NewRequest(http.MethodGet, "https://app.example.com/orgs/other", nil)
		r.Header.Set("Sec-Fetch-Dest", "document")
		r.Header.Set("Authorization", "Bearer "+inOrg)
		if st := c.Authenticate(r); st.Status != SignedIn {
			t.Errorf("status %s (%v)", st.Status, st.Err)
		}
	})

	t.Run("RequireAuth answers the handshake", func(t *testing.T) {
		called := false
		h := c.RequireAuth()(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { called = true }))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, browserReq(http.MethodGet, "https://app.example.com/orgs/other", docHeaders, "__session", inOrg, "__client_uat", uat))
		if w.Code != http.StatusTemporaryRedirect || called {
			t.Errorf("%d, handler called: %v", w.Code, called)
		}
	})
}

// TestOrganizationSyncOptions: patterns are checked by New.
func TestOrganizationSyncOptions(t *testing.T) {
	for _, tt := range []struct {
		name string
		sync OrganizationSync
		ok   bool
	}{
		{"none", OrganizationSync{}, true},
		{"slug and personal", OrganizationSync{OrganizationPatterns: []string{"/o/:slug/(.*)"}, PersonalAccountPatterns: []string{"/me(.*)"}}, true},
		{"id in a group", OrganizationSync{OrganizationPatterns: []string{"/o{/:id}?"}}, true},
		{"no :id or :slug", OrganizationSync{OrganizationPatterns: []string{"/teams/:any"}}, false},
		{"not a pattern", OrganizationSync{OrganizationPatterns: []string{"/o/:slug("}}, false},
		{"personal not a pattern", OrganizationSync{PersonalAccountPatterns: []string{"/me/(("}}, false},
		{"a capturing group inside a parameter", OrganizationSync{OrganizationPatterns: []string{"/o/:slug((?P<x>a))"}}, false},
	} {
		_, err := New(testKey, WithPublishableKey(livePK), WithOrganizationSync(tt.sync))
		if (err == nil) != tt.ok || err != nil && !errors.Is(err, ErrInvalidParams) {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
}

// TestOrgTarget: which pattern names what, as @clerk/backend's
// OrganizationMatcher reads them (organization patterns first, in order;
// the ID before the slug).
func TestOrgTarget(t *testing.T) {
	m, err := compileOrgSync(OrganizationSync{
		OrganizationPatterns:    []string{"/a/:id/:slug", "/a/:slug", "/b/:slug/(.*)"},
		PersonalAccountPatterns: []string{"/a/(.*)", "/b/(.*)"},
	})
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]orgTarget{
		"/a/org_1/acme": {id: "org_1"},
		"/a/acme":       {slug: "acme"},
		"/A/acme/":      {slug: "acme"},
		"/b/acme/x/y":   {slug: "acme"},
		"/a/x/y/z":      {personal: true},
		"/b/acme":       {personal: true},
	} {
		got, ok := m.target(path)
		if !ok || got != want {
			t.Errorf("%s: %+v %v, want %+v", path, got, ok, want)
		}
	}
	if got, ok := m.target("/c"); ok {
		t.Errorf("/c: %+v", got)
	}
	if _, ok := (*orgMatcher)(nil).target("/a/acme"); ok {
		t.Error("a nil matcher names a target")
	}
}
