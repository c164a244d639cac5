package organizations

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

func TestCreateMembership(t *testing.T) {
	tests := []struct {
		name     string
		params   *CreateMembershipParams
		wantBody string
	}{
		{"user and role", &CreateMembershipParams{UserID: "user_7", Role: "org:member"}, `{"user_id":"user_7","role":"org:member"}`},
		{"with metadata", &CreateMembershipParams{UserID: "user_7", Role: "org:member", PublicMetadata: Metadata{"team": "blue"}, PrivateMetadata: Metadata{}},
			`{"user_id":"user_7","role":"org:member","public_metadata":{"team":"blue"},"private_metadata":{}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, srv := setup(t, spectest.WithResponseValidation())
			srv.Mux.HandleFunc("POST /organizations/{organization_id}/memberships", func(w http.ResponseWriter, r *http.Request) {
				assert.JSONEq(t, tt.wantBody, readBody(r))
				spectest.WriteJSON(w, 200, membershipJSON(7, r.PathValue("organization_id"), "org:member"))
			})
			m, err := svc.CreateMembership(context.Background(), "org_1", tt.params)
			require.NoError(t, err)
			assert.Equal(t, "org:member", m.Role)
			assert.Equal(t, "user_7", m.PublicUserData.UserID)
			assert.Equal(t, "user7@example.com", m.PublicUserData.Identifier)
			assert.Equal(t, "org_1", m.Organization.ID)
			assert.Equal(t, 1, srv.Count("POST", "/v1/organizations/org_1/memberships"))
		})
	}
}

func TestListMemberships(t *testing.T) {
	before := time.UnixMilli(1730160000000)
	after := time.UnixMilli(1700690400000)
	tests := []struct {
		name      string
		params    *ListMembershipsParams
		wantQuery url.Values
	}{
		{"nil params", nil, url.Values{}},
		{
			name: "every filter",
			params: &ListMembershipsParams{
				UserIDs: []string{"user_1", "-user_2"}, EmailAddresses: []string{"a@b.co", "c@d.co"},
				PhoneNumbers: []string{"+15555550100"}, Usernames: []string{"ada"}, Web3Wallets: []string{"0xabc"},
				Roles: []string{"org:admin", "org:member"}, Query: new("ada"), EmailAddressQuery: new("example"),
				PhoneNumberQuery: new("555"), UsernameQuery: new("ad"), NameQuery: new("Lovelace"),
				LastActiveAtBefore: &before, LastActiveAtAfter: &after, CreatedAtBefore: &before, CreatedAtAfter: &after,
				OrderBy: new("-created_at"), Limit: new(50), Offset: new(100),
			},
			wantQuery: url.Values{
				"user_id": {"user_1", "-user_2"}, "email_address": {"a@b.co", "c@d.co"},
				"phone_number": {"+15555550100"}, "username": {"ada"}, "web3_wallet": {"0xabc"},
				"role": {"org:admin", "org:member"}, "query": {"ada"}, "email_address_query": {"example"},
				"phone_number_query": {"555"}, "username_query": {"ad"}, "name_query": {"Lovelace"},
				"last_active_at_before": {"1730160000000"}, "last_active_at_after": {"1700690400000"},
				"created_at_before": {"1730160000000"}, "created_at_after": {"1700690400000"},
				"order_by": {"-created_at"}, "limit": {"50"}, "offset": {"100"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, srv := setup(t, spectest.WithResponseValidation())
			srv.Mux.HandleFunc("GET /organizations/{organization_id}/memberships", func(w http.ResponseWriter, r *http.Request) {
				assert.Equal(t, tt.wantQuery, r.URL.Query())
				spectest.WriteJSON(w, 200, `{"data":[`+membershipJSON(1, "org_1", "org:admin")+`,`+membershipJSON(2, "org_1", "org:member")+`],"total_count":2}`)
			})
			page, err := svc.ListMemberships(context.Background(), "org_1", tt.params)
			require.NoError(t, err)
			assert.Equal(t, int64(2), page.TotalCount)
			require.Len(t, page.Data, 2)
			assert.Equal(t, "org:admin", page.Data[0].Role)
			assert.Equal(t, "user2@example.com", page.Data[1].PublicUserData.Identifier)
		})
	}
}

func TestAllMemberships(t *testing.T) {
	tests := []struct {
		name      string
		n         int
		params    *ListMembershipsParams
		wantPages []string
		wantFirst int
		wantCount int
	}{
		{"thousands in pages of 500", 3456, nil,
			[]string{"500@0", "500@500", "500@1000", "500@1500", "500@2000", "500@2500", "500@3000"}, 0, 3456},
		{"exact multiple, no extra request", 2000, nil,
			[]string{"500@0", "500@500", "500@1000", "500@1500"}, 0, 2000},
		{"caller's page size and start", 2500, &ListMembershipsParams{Roles: []string{"org:member"}, Limit: new(400), Offset: new(1000)},
			[]string{"400@1000", "400@1400", "400@1800", "400@2200"}, 1000, 1500},
		{"empty organization", 0, nil, []string{"500@0"}, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, srv := setup(t)
			store := newPageStore(tt.n, memberN)
			srv.Mux.Handle("GET /organizations/{organization_id}/memberships", store)
			var before ListMembershipsParams
			if tt.params != nil {
				before = *tt.params
			}
			next := tt.wantFirst
			for m, err := range svc.AllMemberships(context.Background(), "org_1", tt.params) {
				require.NoError(t, err)
				if m.PublicUserData.UserID != "user_"+strconv.Itoa(next) {
					t.Fatalf("got %s, want user_%d", m.PublicUserData.UserID, next)
				}
				next++
			}
			assert.Equal(t, tt.wantCount, next-tt.wantFirst)
			assert.Equal(t, tt.wantPages, store.pages)
			if tt.params != nil {
				assert.Equal(t, before, *tt.params, "params unchanged")
			}
		})
	}
}

func TestAllMembershipsStops(t *testing.T) {
	t.Run("break", func(t *testing.T) {
		svc, srv := setup(t)
		store := newPageStore(5000, memberN)
		srv.Mux.Handle("GET /organizations/{organization_id}/memberships", store)
		n := 0
		for range svc.AllMemberships(context.Background(), "org_1", nil) {
			if n++; n == 10 {
				break
			}
		}
		assert.Equal(t, []string{"500@0"}, store.pages)
	})
	t.Run("error mid-way is yielded once", func(t *testing.T) {
		svc, srv := setup(t)
		store := newPageStore(5000, memberN)
		store.failAt = 500
		srv.Mux.Handle("GET /organizations/{organization_id}/memberships", store)
		n, errs := 0, 0
		for m, err := range svc.AllMemberships(context.Background(), "org_1", nil) {
			if err != nil {
				errs++
				assert.Nil(t, m)
				var apiErr *internal.APIError
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, 503, apiErr.StatusCode)
				continue
			}
			n++
		}
		assert.Equal(t, 500, n)
		assert.Equal(t, 1, errs)
		// A GET is retried on 503 (3 retries by default), then given up.
		assert.Equal(t, []string{"500@0", "500@500", "500@500", "500@500", "500@500"}, store.pages)
	})
	t.Run("cancelled context", func(t *testing.T) {
		svc, srv := setup(t)
		store := newPageStore(5000, memberN)
		srv.Mux.Handle("GET /organizations/{organization_id}/memberships", store)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		n, errs := 0, 0
		for _, err := range svc.AllMemberships(ctx, "org_1", nil) {
			if err != nil {
				errs++
				assert.ErrorIs(t, err, context.Canceled)
				continue
			}
			if n++; n == 500 {
				cancel()
			}
		}
		assert.Equal(t, 1, errs)
		assert.Equal(t, []string{"500@0"}, store.pages)
	})
}

func TestInstanceMemberships(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("GET /organization_memberships", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, url.Values{"order_by": {"+email_address"}, "limit": {"2"}, "offset": {"0"}}, r.URL.Query())
		spectest.WriteJSON(w, 200, `{"data":[`+membershipJSON(1, "org_1", "org:admin")+`,`+membershipJSON(2, "org_2", "org:member")+`],"total_count":9}`)
	})
	page, err := svc.ListInstanceMemberships(context.Background(), &ListInstanceMembershipsParams{OrderBy: new("+email_address"), Limit: new(2), Offset: new(0)})
	require.NoError(t, err)
	assert.Equal(t, int64(9), page.TotalCount)
	assert.Equal(t, "org_2", page.Data[1].Organization.ID)

	svc, srv = setup(t)
	store := newPageStore(1201, memberN)
	srv.Mux.Handle("GET /organization_memberships", store)
	n := 0
	for m, err := range svc.AllInstanceMemberships(context.Background(), nil) {
		require.NoError(t, err)
		assert.Equal(t, "orgmem_"+strconv.Itoa(n), m.ID)
		n++
	}
	assert.Equal(t, 1201, n)
	assert.Equal(t, []string{"500@0", "500@500", "500@1000"}, store.pages)
}

func TestUpdateMembership(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("PATCH /organizations/{organization_id}/memberships/{user_id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "user_7", r.PathValue("user_id"))
		assert.JSONEq(t, `{"role":"org:admin"}`, readBody(r))
		spectest.WriteJSON(w, 200, membershipJSON(7, r.PathValue("organization_id"), "org:admin"))
	})
	m, err := svc.UpdateMembership(context.Background(), "org_1", "user_7", &UpdateMembershipParams{Role: "org:admin"})
	require.NoError(t, err)
	assert.Equal(t, "org:admin", m.Role)
	assert.Equal(t, 1, srv.Count("PATCH", "/v1/organizations/org_1/memberships/user_7"))
}

func TestUpdateMembershipMetadata(t *testing.T) {
	tests := []struct {
		name     string
		params   *MetadataParams
		wantBody string
	}{
		{"nil", nil, `{}`},
		{"merge and delete a key", &MetadataParams{Public: Metadata{"team": "red", "old": nil}, Private: Metadata{"n": 1}},
			`{"public_metadata":{"team":"red","old":null},"private_metadata":{"n":1}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, srv := setup(t, spectest.WithResponseValidation())
			srv.Mux.HandleFunc("PATCH /organizations/{organization_id}/memberships/{user_id}/metadata", func(w http.ResponseWriter, r *http.Request) {
				assert.JSONEq(t, tt.wantBody, readBody(r))
				spectest.WriteJSON(w, 200, membershipJSON(7, r.PathValue("organization_id"), "org:member"))
			})
			m, err := svc.UpdateMembershipMetadata(context.Background(), "org_1", "user_7", tt.params)
			require.NoError(t, err)
			assert.Equal(t, Metadata{"team": "blue"}, m.PublicMetadata)
			assert.Equal(t, 1, srv.Count("PATCH", "/v1/organizations/org_1/memberships/user_7/metadata"))
		})
	}
}

func TestDeleteMembership(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("DELETE /organizations/{organization_id}/memberships/{user_id}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("user_id") != "user_7" {
			spectest.WriteError(w, 404, "resource_not_found")
			return
		}
		// The API answers the removed membership, not a DeletedObject.
		spectest.WriteJSON(w, 200, membershipJSON(7, r.PathValue("organization_id"), "org:member"))
	})
	require.NoError(t, svc.DeleteMembership(context.Background(), "org_1", "user_7"))
	assert.Equal(t, 1, srv.Count("DELETE", "/v1/organizations/org_1/memberships/user_7"))
	assert.ErrorIs(t, svc.DeleteMembership(context.Background(), "org_1", "user_8"), internal.ErrNotFound)
}
