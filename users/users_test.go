package users

import (
	"bytes"
	"context"
	"errors"
	"iter"
	"net/http"
	"net/url"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

func TestGet(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("GET /users/{user_id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "user_2g7np7Hrk0SN6kj5EDMLDaKNL0S", r.PathValue("user_id"), "path user_id")
		assert.Equal(t, "", r.URL.RawQuery, "query")
		assert.Equal(t, "Bearer "+spectest.SecretKey, r.Header.Get("Authorization"), "auth")
		spectest.WriteJSON(w, 200, spectest.UserJSON)
	})
	u, err := svc.Get(context.Background(), "user_2g7np7Hrk0SN6kj5EDMLDaKNL0S")
	require.NoError(t, err)
	assert.Equal(t, "user_2g7np7Hrk0SN6kj5EDMLDaKNL0S", u.ID)
	assert.Equal(t, "john@example.com", u.PrimaryEmailAddress().EmailAddress)
	assert.Equal(t, ms(1716883200000), u.CreatedAt)
	assert.Equal(t, 1, srv.Count("GET", "/v1/users/user_2g7np7Hrk0SN6kj5EDMLDaKNL0S"))
}

// TestGetEscapesID: an ID with characters a path must escape reaches the
// server intact, as one segment.
func TestGetEscapesID(t *testing.T) {
	svc, srv := setup(t)
	srv.Mux.HandleFunc("GET /users/{user_id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "user_ü:1@x;y", r.PathValue("user_id"), "path user_id")
		assert.Equal(t, "/users/user_%C3%BC:1@x%3By", r.URL.EscapedPath(), "escaped path (under /v1)")
		spectest.WriteJSON(w, 200, minimalUser(t, "user_ü:1@x;y", 1))
	})
	u, err := svc.Get(context.Background(), "user_ü:1@x;y")
	require.NoError(t, err)
	assert.Equal(t, "user_ü:1@x;y", u.ID)
}

func TestGetNotFound(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("GET /users/{user_id}", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteError(w, 404, "resource_not_found")
	})
	u, err := svc.Get(context.Background(), "user_missing")
	assert.Nil(t, u)
	assert.ErrorIs(t, err, internal.ErrNotFound)
	var apiErr *internal.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 404, apiErr.StatusCode)
	assert.Equal(t, "resource_not_found", apiErr.Errors[0].Code)
	assert.Equal(t, "trace_1", apiErr.TraceID)
	// A 404 is an answer, not a transient failure: one request only.
	assert.Equal(t, 1, srv.Count("GET", "/v1/users/user_missing"))
}

// TestGetEmptyAnswer (issue 9, item 2): a 2xx without a user (JSON null, an
// empty body, {}, a 204) is an error matching ErrInvalidResponse, never an
// empty User with a nil error; the same for every call that answers a user.
func TestGetEmptyAnswer(t *testing.T) {
	for _, body := range []string{"null", "", "{}"} {
		svc, srv := setup(t)
		srv.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			if body == "" {
				w.WriteHeader(http.StatusNoContent)
				return
			}
			_, _ = w.Write([]byte(body))
		})
		ctx := context.Background()
		for name, call := range map[string]func() (*User, error){
			"Get":    func() (*User, error) { return svc.Get(ctx, "user_1") },
			"Create": func() (*User, error) { return svc.Create(ctx, nil) },
			"Update": func() (*User, error) { return svc.Update(ctx, "user_1", nil) },
			"Ban":    func() (*User, error) { return svc.Ban(ctx, "user_1") },
		} {
			u, err := call()
			if u != nil || !errors.Is(err, internal.ErrInvalidResponse) {
				t.Errorf("%s on %q: got %+v, %v; want ErrInvalidResponse", name, body, u, err)
			}
		}
	}
}

func TestList(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	before := time.Date(2024, 10, 29, 0, 0, 0, 0, time.UTC)
	after := before.Add(-48 * time.Hour)
	params := &ListParams{
		EmailAddresses:     []string{"a@b.co", "c@d.co"},
		PhoneNumbers:       []string{"+15555550100"},
		ExternalIDs:        []string{"ext_1", "-ext_2"},
		Usernames:          []string{"jdoe"},
		Web3Wallets:        []string{"0xabc"},
		UserIDs:            []string{"user_1", "-user_2"},
		OrganizationIDs:    []string{"org_1"},
		Query:              new("john"),
		EmailAddressQuery:  new("ello"),
		PhoneNumberQuery:   new("555"),
		UsernameQuery:      new("cool"),
		NameQuery:          new("Doe"),
		Banned:             new(false),
		LastActiveAtBefore: &before,
		LastActiveAtAfter:  &after,
		LastActiveAtSince:  &after,
		CreatedAtBefore:    &before,
		CreatedAtAfter:     &after,
		LastSignInAtBefore: &before,
		LastSignInAtAfter:  &after,
		Provider:           new("oauth_google"),
		ProviderUserIDs:    []string{"123", "456"},
		Limit:              new(10),
		Offset:             new(20),
		OrderBy:            new("-created_at"),
	}
	want := url.Values{
		"email_address":          {"a@b.co", "c@d.co"},
		"phone_number":           {"+15555550100"},
		"external_id":            {"ext_1", "-ext_2"},
		"username":               {"jdoe"},
		"web3_wallet":            {"0xabc"},
		"user_id":                {"user_1", "-user_2"},
		"organization_id":        {"org_1"},
		"query":                  {"john"},
		"email_address_query":    {"ello"},
		"phone_number_query":     {"555"},
		"username_query":         {"cool"},
		"name_query":             {"Doe"},
		"banned":                 {"false"},
		"last_active_at_before":  {"1730160000000"},
		"last_active_at_after":   {"1729987200000"},
		"last_active_at_since":   {"1729987200000"},
		"created_at_before":      {"1730160000000"},
		"created_at_after":       {"1729987200000"},
		"last_sign_in_at_before": {"1730160000000"},
		"last_sign_in_at_after":  {"1729987200000"},
		"provider":               {"oauth_google"},
		"provider_user_id":       {"123", "456"},
		"limit":                  {"10"},
		"offset":                 {"20"},
		"order_by":               {"-created_at"},
	}
	srv.Mux.HandleFunc("GET /users", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, want, r.URL.Query(), "query")
		spectest.WriteJSON(w, 200, []byte("["+string(spectest.UserJSON)+","+string(minimalUser(t, "user_2", 5))+"]"))
	})
	page, err := svc.List(context.Background(), params)
	require.NoError(t, err)
	require.Len(t, page.Data, 2)
	assert.Equal(t, "user_2g7np7Hrk0SN6kj5EDMLDaKNL0S", page.Data[0].ID)
	assert.Equal(t, "user_2", page.Data[1].ID)
	assert.Equal(t, ms(5), page.Data[1].CreatedAt)
	assert.Equal(t, int64(0), page.TotalCount, "GET /users reports no total")
}

func TestListNilParams(t *testing.T) {
	svc, srv := setup(t)
	srv.Mux.HandleFunc("GET /users", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "", r.URL.RawQuery, "query")
		spectest.WriteJSON(w, 200, []byte("[]"))
	})
	page, err := svc.List(context.Background(), nil)
	require.NoError(t, err)
	require.Len(t, page.Data, 0)
}

func TestCount(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	created := time.UnixMilli(1730160000000)
	srv.Mux.HandleFunc("GET /users/count", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, url.Values{
			"email_address":    {"a@b.co"},
			"organization_id":  {"-org_1"},
			"banned":           {"true"},
			"created_at_after": {"1730160000000"},
			"provider":         {"oauth_github"},
			"provider_user_id": {"9"},
			"name_query":       {"Ada"},
		}, r.URL.Query(), "query")
		spectest.WriteJSON(w, 200, []byte(`{"object":"total_count","total_count":4242}`))
	})
	limit := 10
	n, err := svc.Count(context.Background(), &ListParams{
		// Paging and ordering are dropped: /users/count declares none of
		// them, and the spec server would refuse them.
		Limit: &limit, Offset: &limit, OrderBy: new("-created_at"), StartingAfter: new("user_1"),
		EmailAddresses:  []string{"a@b.co"},
		OrganizationIDs: []string{"-org_1"},
		Banned:          new(true),
		CreatedAtAfter:  &created,
		Provider:        new("oauth_github"),
		ProviderUserIDs: []string{"9"},
		NameQuery:       new("Ada"),
	})
	require.NoError(t, err)
	assert.Equal(t, int64(4242), n)
}

func TestCountNil(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("GET /users/count", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "", r.URL.RawQuery, "query")
		spectest.WriteJSON(w, 200, []byte(`{"object":"total_count","total_count":0}`))
	})
	n, err := svc.Count(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, int64(0), n)
}

func TestCreate(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	legal := time.Date(2024, 5, 28, 8, 0, 50, 902_000_000, time.UTC)
	srv.Mux.HandleFunc("POST /users", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
		assert.Equal(t, map[string]any{
			"external_id":                         "ext_42",
			"first_name":                          "John",
			"last_name":                           "Doe",
			"locale":                              "en-US",
			"email_address":                       []any{"john@example.com", "john.other@example.com"},
			"email_address_identification_status": []any{"verified", "reserved"},
			"phone_number":                        []any{"+15555550100"},
			"web3_wallet":                         []any{"0x0123456789abcdef0123456789abcdef01234567"},
			"username":                            "jdoe",
			"password":                            "correct horse battery staple",
			"skip_password_checks":                false,
			"totp_secret":                         "JBSWY3DPEHPK3PXP",
			"backup_codes":                        []any{"c1", "c2"},
			"public_metadata":                     map[string]any{"role": "member"},
			"private_metadata":                    map[string]any{},
			"legal_accepted_at":                   "2024-05-28T08:00:50.902Z",
			"create_organizations_limit":          0.0,
			"banned":                              true,
		}, spectest.ReadJSON(t, r), "body")
		spectest.WriteJSON(w, 200, spectest.UserJSON)
	})
	u, err := svc.Create(context.Background(), &CreateParams{
		ExternalID:                       new("ext_42"),
		FirstName:                        new("John"),
		LastName:                         new("Doe"),
		Locale:                           new("en-US"),
		EmailAddresses:                   []string{"john@example.com", "john.other@example.com"},
		EmailAddressIdentificationStatus: []IdentificationStatus{IdentificationVerified, IdentificationReserved},
		PhoneNumbers:                     []string{"+15555550100"},
		Web3Wallets:                      []string{"0x0123456789abcdef0123456789abcdef01234567"},
		Username:                         new("jdoe"),
		Password:                         new("correct horse battery staple"),
		SkipPasswordChecks:               new(false),
		TOTPSecret:                       new("JBSWY3DPEHPK3PXP"),
		BackupCodes:                      []string{"c1", "c2"},
		PublicMetadata:                   Metadata{"role": "member"},
		PrivateMetadata:                  Metadata{},
		LegalAcceptedAt:                  &legal,
		CreateOrganizationsLimit:         new(0),
		Banned:                           new(true),
	})
	require.NoError(t, err)
	assert.Equal(t, "jdoe", u.Username)
	assert.Equal(t, "admin", u.PublicMetadata["role"])
}

func TestCreateNilParamsSendsEmptyObject(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("POST /users", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, map[string]any{}, spectest.ReadJSON(t, r), "body")
		spectest.WriteJSON(w, 200, minimalUser(t, "user_new", 1))
	})
	u, err := svc.Create(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, "user_new", u.ID)
}

func TestCreateRejectsMismatchedStatuses(t *testing.T) {
	svc, srv := setup(t)
	for _, p := range []*CreateParams{
		{EmailAddresses: []string{"a@b.co"}, EmailAddressIdentificationStatus: []IdentificationStatus{"verified", "reserved"}},
		{PhoneNumberIdentificationStatus: []IdentificationStatus{"reserved"}},
	} {
		_, err := svc.Create(context.Background(), p)
		assert.ErrorIs(t, err, internal.ErrInvalidParams)
	}
	assert.Empty(t, srv.Operations())
}

func TestUpdate(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("PATCH /users/{user_id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "user_1", r.PathValue("user_id"))
		assert.Equal(t, map[string]any{
			"first_name":                           "Jane",
			"username":                             "",
			"primary_email_address_id":             "idn_2",
			"notify_primary_email_address_changed": true,
			"password":                             "s3cret-s3cret",
			"sign_out_of_other_sessions":           true,
			"created_at":                           "2020-01-02T03:04:05Z",
			"create_organization_enabled":          false,
		}, spectest.ReadJSON(t, r), "body")
		spectest.WriteJSON(w, 200, spectest.UserJSON)
	})
	created := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	u, err := svc.Update(context.Background(), "user_1", &UpdateParams{
		FirstName:                        new("Jane"),
		Username:                         new(""),
		PrimaryEmailAddressID:            new("idn_2"),
		NotifyPrimaryEmailAddressChanged: new(true),
		Password:                         new("s3cret-s3cret"),
		SignOutOfOtherSessions:           new(true),
		CreatedAt:                        &created,
		CreateOrganizationEnabled:        new(false),
	})
	require.NoError(t, err)
	assert.Equal(t, "user_2g7np7Hrk0SN6kj5EDMLDaKNL0S", u.ID)
}

func TestUpdateNilParams(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("PATCH /users/{user_id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, map[string]any{}, spectest.ReadJSON(t, r), "body")
		spectest.WriteJSON(w, 200, minimalUser(t, "user_1", 1))
	})
	_, err := svc.Update(context.Background(), "user_1", nil)
	require.NoError(t, err)
}

// TestUpdateParamsHaveNoMetadata: since 2026-05-12, PATCH /users/{id} takes
// no metadata, and UpdateParams must not offer it.
func TestUpdateParamsHaveNoMetadata(t *testing.T) {
	typ := reflect.TypeOf(UpdateParams{})
	for i := 0; i < typ.NumField(); i++ {
		if strings.Contains(strings.ToLower(typ.Field(i).Name), "metadata") {
			t.Errorf("UpdateParams.%s: metadata belongs to UpdateMetadata/ReplaceMetadata", typ.Field(i).Name)
		}
	}
}

func TestDelete(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("DELETE /users/{user_id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "user_1", r.PathValue("user_id"))
		spectest.WriteJSON(w, 200, []byte(`{"object":"user","id":"user_1","deleted":true}`))
	})
	require.NoError(t, svc.Delete(context.Background(), "user_1"))
	assert.Equal(t, 1, srv.Count("DELETE", "/v1/users/user_1"))
}

func TestListProviderNeedsIDs(t *testing.T) {
	svc, srv := setup(t)
	_, err := svc.List(context.Background(), &ListParams{Provider: new("oauth_google")})
	assert.ErrorIs(t, err, internal.ErrInvalidParams)
	_, err = svc.Count(context.Background(), &ListParams{ProviderUserIDs: []string{"1"}})
	assert.ErrorIs(t, err, internal.ErrInvalidParams)
	assert.Empty(t, srv.Operations())
}

// TestListStartingAfterNeedsCreationOrder: the spec answers 422 to a
// starting_after cursor with an order other than created_at, or with a
// non-zero offset; List refuses both before any request.
func TestListStartingAfterNeedsCreationOrder(t *testing.T) {
	svc, srv := setup(t)
	srv.Mux.HandleFunc("GET /users", func(w http.ResponseWriter, r *http.Request) { spectest.WriteJSON(w, 200, []byte(`[]`)) })
	ctx := context.Background()
	for _, p := range []*ListParams{
		{StartingAfter: new("user_1"), OrderBy: new("-username")},
		{StartingAfter: new("user_1"), Offset: new(10)},
	} {
		_, err := svc.List(ctx, p)
		assert.ErrorIs(t, err, internal.ErrInvalidParams, "%+v", p)
		assert.ErrorIs(t, firstErr(svc.All(ctx, p)), internal.ErrInvalidParams, "All %+v", p)
	}
	assert.Empty(t, srv.Operations())
	for _, p := range []*ListParams{
		{StartingAfter: new("user_1")},
		{StartingAfter: new("user_1"), OrderBy: new("+created_at"), Offset: new(0)},
		{OrderBy: new("-username"), Offset: new(10)},
	} {
		_, err := svc.List(ctx, p)
		assert.NoError(t, err, "%+v", p)
	}
}

// TestInvalidIDsMakeNoRequest runs every method that takes a path ID with an
// empty or unsafe one: each fails with ErrInvalidParams, and the server sees
// nothing.
func TestInvalidIDsMakeNoRequest(t *testing.T) {
	svc, srv := setup(t)
	srv.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("unexpected request %s %s", r.Method, r.URL)
	})
	ctx := context.Background()
	calls := map[string]func(id string) error{
		"Get":               func(id string) error { _, err := svc.Get(ctx, id); return err },
		"Update":            func(id string) error { _, err := svc.Update(ctx, id, nil); return err },
		"Delete":            func(id string) error { return svc.Delete(ctx, id) },
		"UpdateMetadata":    func(id string) error { _, err := svc.UpdateMetadata(ctx, id, nil); return err },
		"ReplaceMetadata":   func(id string) error { _, err := svc.ReplaceMetadata(ctx, id, nil); return err },
		"Ban":               func(id string) error { _, err := svc.Ban(ctx, id); return err },
		"Unban":             func(id string) error { _, err := svc.Unban(ctx, id); return err },
		"Lock":              func(id string) error { _, err := svc.Lock(ctx, id); return err },
		"Unlock":            func(id string) error { _, err := svc.Unlock(ctx, id); return err },
		"VerifyPassword":    func(id string) error { _, err := svc.VerifyPassword(ctx, id, "pw"); return err },
		"VerifyTOTP":        func(id string) error { _, err := svc.VerifyTOTP(ctx, id, "123456"); return err },
		"DisableMFA":        func(id string) error { return svc.DisableMFA(ctx, id) },
		"DeleteTOTP":        func(id string) error { return svc.DeleteTOTP(ctx, id) },
		"DeleteBackupCodes": func(id string) error { return svc.DeleteBackupCodes(ctx, id) },
		"SetProfileImage": func(id string) error {
			_, err := svc.SetProfileImage(ctx, id, bytes.NewReader([]byte("x")), "a.png")
			return err
		},
		"DeleteProfileImage":    func(id string) error { return svc.DeleteProfileImage(ctx, id) },
		"ListOAuthAccessTokens": func(id string) error { _, err := svc.ListOAuthAccessTokens(ctx, id, "oauth_google", nil); return err },
		"ListOAuthAccessTokens(provider)": func(id string) error {
			_, err := svc.ListOAuthAccessTokens(ctx, "user_1", id, nil)
			return err
		},
		"ListOrganizationMemberships": func(id string) error { _, err := svc.ListOrganizationMemberships(ctx, id, nil); return err },
		"AllOrganizationMemberships": func(id string) error {
			return firstErr(svc.AllOrganizationMemberships(ctx, id, nil))
		},
		"ListOrganizationInvitations": func(id string) error { _, err := svc.ListOrganizationInvitations(ctx, id, nil); return err },
		"AllOrganizationInvitations": func(id string) error {
			return firstErr(svc.AllOrganizationInvitations(ctx, id, nil))
		},
	}
	names := make([]string, 0, len(calls))
	for n := range calls {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		for _, id := range []string{"", ".", "..", "../users", "user_1/ban", "user_1?x=1", "user#1", "user 1", "user%2F1", "user\\1", "user\n1"} {
			err := calls[name](id)
			if !errors.Is(err, internal.ErrInvalidParams) {
				t.Errorf("%s(%q): err = %v, want ErrInvalidParams", name, id, err)
			}
		}
	}
	assert.Empty(t, srv.Operations(), "requests")
}

// firstErr is the error of an All iterator's first yield.
func firstErr[T any](seq iter.Seq2[*T, error]) error {
	for _, err := range seq {
		return err
	}
	return nil
}

// TestParamsMatchSpec compares the query and body names of every params
// type with the operation's parameters in the spec, both ways: a misspelt
// name, or a parameter the spec has that we lack, fails.
func TestParamsMatchSpec(t *testing.T) {
	spectest.CheckQuery(t, "GET", "/users", ListParams{})
	// Count takes ListParams: their paging fields are the ones GET
	// /users/count does not take.
	e := spectest.Expect(t, `"limit" is in the params`, `"offset" is in the params`, `"starting_after" is in the params`, `"order_by" is in the params`)
	spectest.CheckQuery(e, "GET", "/users/count", ListParams{})
	e.Done()
	spectest.CheckQuery(t, "GET", "/users/{user_id}/oauth_access_tokens/{provider}", ListOAuthAccessTokensParams{})
	spectest.CheckQuery(t, "GET", "/users/{user_id}/organization_memberships", ListOrganizationMembershipsParams{})
	spectest.CheckQuery(t, "GET", "/users/{user_id}/organization_invitations", ListOrganizationInvitationsParams{})
	spectest.CheckBody(t, "POST", "/users", CreateParams{})
	spectest.CheckBody(t, "PATCH", "/users/{user_id}", UpdateParams{})
	spectest.CheckBody(t, "PATCH", "/users/{user_id}/metadata", MetadataParams{})
	spectest.CheckBody(t, "PUT", "/users/{user_id}/metadata", MetadataParams{})
}
