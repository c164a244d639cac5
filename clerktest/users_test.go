package clerktest

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/users"
)

func TestUserLifecycle(t *testing.T) {
	_, c := newTestServer(t)
	ctx := context.Background()
	u := must[*users.User](t)(c.Users.Create(ctx, &users.CreateParams{
		EmailAddresses: []string{"ada@example.com", "ada@work.example"},
		PhoneNumbers:   []string{"+15555550100"},
		Username:       clerk.String("ada"),
		FirstName:      clerk.String("Ada"),
		LastName:       clerk.String("Lovelace"),
		ExternalID:     clerk.String("ext-1"),
		Password:       clerk.String("correct-horse-battery"),
		PublicMetadata: clerk.Metadata{"role": "member"},
	}))
	if !strings.HasPrefix(u.ID, "user_") || u.Object != "user" || u.FullName() != "Ada Lovelace" ||
		u.PrimaryEmailAddress().EmailAddress != "ada@example.com" || !u.PrimaryEmailAddress().Verified() ||
		u.PrimaryPhoneNumber().PhoneNumber != "+15555550100" || !u.PasswordEnabled || u.CreatedAt.IsZero() ||
		u.PublicMetadata["role"] != "member" || u.PrivateMetadata == nil {
		t.Fatalf("created %+v", u)
	}
	got := must[*users.User](t)(c.Users.Get(ctx, u.ID))
	if got.ID != u.ID || got.Username != "ada" || got.ExternalID != "ext-1" {
		t.Errorf("Get = %+v", got)
	}

	second := u.EmailAddresses[1].ID
	upd := must[*users.User](t)(c.Users.Update(ctx, u.ID, &users.UpdateParams{
		FirstName: clerk.String("Augusta"), Username: clerk.String("augusta"), PrimaryEmailAddressID: &second,
	}))
	if upd.FirstName != "Augusta" || upd.LastName != "Lovelace" || upd.Username != "augusta" ||
		upd.PrimaryEmailAddress().EmailAddress != "ada@work.example" || !upd.UpdatedAt.After(u.UpdatedAt.Add(-time.Millisecond)) {
		t.Errorf("Update = %+v", upd)
	}
	_, err := c.Users.Update(ctx, u.ID, &users.UpdateParams{PrimaryEmailAddressID: clerk.String("idn_not_hers")})
	wantAPIError(t, err, 422, "form_param_value_invalid")

	if err := c.Users.Delete(ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	_, err = c.Users.Get(ctx, u.ID)
	if !errors.Is(err, clerk.ErrNotFound) {
		t.Fatalf("Get after Delete: %v", err)
	}
	wantAPIError(t, err, 404, "resource_not_found")
	wantAPIError(t, c.Users.Delete(ctx, u.ID), 404, "resource_not_found")
}

func TestUserIdentifiersAreUnique(t *testing.T) {
	_, c := newTestServer(t)
	ctx := context.Background()
	must[*users.User](t)(c.Users.Create(ctx, &users.CreateParams{
		EmailAddresses: []string{"ada@example.com"}, PhoneNumbers: []string{"+15555550100"}, Username: clerk.String("ada"),
	}))
	for name, p := range map[string]*users.CreateParams{
		"email_address": {EmailAddresses: []string{"ADA@example.com"}},
		"phone_number":  {PhoneNumbers: []string{"+15555550100"}},
		"username":      {Username: clerk.String("Ada")},
	} {
		_, err := c.Users.Create(ctx, p)
		ae := wantAPIError(t, err, 422, "form_identifier_exists")
		if !errors.Is(err, clerk.ErrUnprocessable) || ae.Errors[0].Meta["param_name"] != name {
			t.Errorf("%s: %v, meta %v", name, err, ae.Errors[0].Meta)
		}
	}
	other := must[*users.User](t)(c.Users.Create(ctx, &users.CreateParams{EmailAddresses: []string{"grace@example.com"}}))
	_, err := c.Users.Update(ctx, other.ID, &users.UpdateParams{Username: clerk.String("ADA")})
	wantAPIError(t, err, 422, "form_identifier_exists")

	_, err = c.Users.Create(ctx, &users.CreateParams{EmailAddresses: []string{"not-an-email"}})
	wantAPIError(t, err, 422, "form_param_format_invalid")
	_, err = c.Users.Create(ctx, &users.CreateParams{PhoneNumbers: []string{"555"}})
	wantAPIError(t, err, 422, "form_param_format_invalid")
	_, err = c.Users.Create(ctx, &users.CreateParams{EmailAddresses: []string{"x@example.com"}, Password: clerk.String("short")})
	wantAPIError(t, err, 422, "form_password_length_too_short")
}

// seedUsers creates users through the API, oldest first, a millisecond
// apart on the server's clock.
func seedUsers(t *testing.T, c *clerk.Client, clock *fakeClock, names ...string) []*users.User {
	t.Helper()
	var out []*users.User
	for _, n := range names {
		out = append(out, must[*users.User](t)(c.Users.Create(context.Background(), &users.CreateParams{
			EmailAddresses: []string{strings.ToLower(n) + "@example.com"},
			FirstName:      clerk.String(n),
			Username:       clerk.String(strings.ToLower(n)),
		})))
		clock.advance(time.Millisecond)
	}
	return out
}

func names(us []*users.User) string {
	var out []string
	for _, u := range us {
		out = append(out, u.FirstName)
	}
	return strings.Join(out, ",")
}

func TestUsersListFiltersOrderAndCount(t *testing.T) {
	clock := newFakeClock()
	srv, c := newTestServer(t, WithClock(clock.now))
	ctx := context.Background()
	us := seedUsers(t, c, clock, "Ada", "Grace", "Barbara", "Edsger", "Alan")
	o := srv.AddOrganization(organizationFor(us[1].ID))
	srv.AddMembership(o.ID, us[3].ID, "org:member")
	must[*users.User](t)(c.Users.Ban(ctx, us[4].ID))

	for _, tt := range []struct {
		name   string
		params *users.ListParams
		want   string
	}{
		{"default: newest first", nil, "Alan,Edsger,Barbara,Grace,Ada"},
		{"oldest first", &users.ListParams{OrderBy: clerk.String("+created_at")}, "Ada,Grace,Barbara,Edsger,Alan"},
		{"by first name", &users.ListParams{OrderBy: clerk.String("first_name")}, "Ada,Alan,Barbara,Edsger,Grace"},
		{"by first name, descending", &users.ListParams{OrderBy: clerk.String("-first_name")}, "Grace,Edsger,Barbara,Alan,Ada"},
		{"limit and offset", &users.ListParams{Limit: clerk.Int(2), Offset: clerk.Int(1)}, "Edsger,Barbara"},
		{"email addresses, any case", &users.ListParams{EmailAddresses: []string{"ADA@example.com", "alan@example.com", "nobody@example.com"}}, "Alan,Ada"},
		{"usernames", &users.ListParams{Usernames: []string{"grace"}}, "Grace"},
		{"user IDs", &users.ListParams{UserIDs: []string{us[0].ID, us[2].ID}}, "Barbara,Ada"},
		{"excluded user IDs", &users.ListParams{UserIDs: []string{"-" + us[0].ID, "-" + us[2].ID}}, "Alan,Edsger,Grace"},
		{"organization", &users.ListParams{OrganizationIDs: []string{o.ID}}, "Edsger,Grace"},
		{"query", &users.ListParams{Query: clerk.String("bar")}, "Barbara"},
		{"name query", &users.ListParams{NameQuery: clerk.String("a")}, "Alan,Barbara,Grace,Ada"},
		{"email query", &users.ListParams{EmailAddressQuery: clerk.String("ED")}, "Edsger"},
		{"banned", &users.ListParams{Banned: clerk.Bool(true)}, "Alan"},
		{"created after", &users.ListParams{CreatedAtAfter: &us[2].CreatedAt}, "Alan,Edsger"},
		{"created before", &users.ListParams{CreatedAtBefore: &us[1].CreatedAt}, "Ada"},
		{"last active (never)", &users.ListParams{LastActiveAtAfter: &us[0].CreatedAt}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			page := must[*users.Page[users.User]](t)(c.Users.List(ctx, tt.params))
			if got := names(page.Data); got != tt.want {
				t.Errorf("List = %s, want %s", got, tt.want)
			}
			if tt.params != nil && tt.params.Limit != nil {
				return
			}
			n := must[int64](t)(c.Users.Count(ctx, tt.params))
			if int(n) != len(page.Data) {
				t.Errorf("Count = %d, List has %d", n, len(page.Data))
			}
		})
	}
	_, err := c.Users.List(ctx, &users.ListParams{OrderBy: clerk.String("-shoe_size")})
	wantAPIError(t, err, 422, "form_param_value_invalid")
	_, err = c.Users.List(ctx, &users.ListParams{Limit: clerk.Int(501)})
	wantAPIError(t, err, 422, "form_param_value_invalid")
}

func TestUsersStartingAfter(t *testing.T) {
	clock := newFakeClock()
	_, c := newTestServer(t, WithClock(clock.now))
	ctx := context.Background()
	us := seedUsers(t, c, clock, "A", "B", "C", "D", "E", "F", "G")

	page := must[*users.Page[users.User]](t)(c.Users.List(ctx, &users.ListParams{Limit: clerk.Int(3), StartingAfter: &us[4].ID}))
	if got := names(page.Data); got != "D,C,B" {
		t.Errorf("after E, newest first: %s", got)
	}
	page = must[*users.Page[users.User]](t)(c.Users.List(ctx, &users.ListParams{Limit: clerk.Int(3), StartingAfter: &us[4].ID, OrderBy: clerk.String("+created_at")}))
	if got := names(page.Data); got != "F,G" {
		t.Errorf("after E, oldest first: %s", got)
	}

	// All pages with starting_after; deleting what it yields does not
	// lose its place.
	var seen []*users.User
	for u, err := range c.Users.All(ctx, &users.ListParams{Limit: clerk.Int(2)}) {
		if err != nil {
			t.Fatal(err)
		}
		seen = append(seen, u)
		if err := c.Users.Delete(ctx, u.ID); err != nil {
			t.Fatal(err)
		}
	}
	if got := names(seen); got != "G,F,E,D,C,B,A" {
		t.Errorf("All while deleting = %s", got)
	}
	_, err := c.Users.List(ctx, &users.ListParams{StartingAfter: clerk.String("user_never")})
	wantAPIError(t, err, 422, "form_param_value_invalid")
}

func TestUserMetadataMergeAndReplace(t *testing.T) {
	_, c := newTestServer(t)
	ctx := context.Background()
	u := must[*users.User](t)(c.Users.Create(ctx, &users.CreateParams{
		EmailAddresses:  []string{"ada@example.com"},
		PublicMetadata:  clerk.Metadata{"role": "member", "prefs": map[string]any{"theme": "dark", "lang": "en"}, "gone": 1},
		PrivateMetadata: clerk.Metadata{"plan": "pro"},
	}))
	u = must[*users.User](t)(c.Users.UpdateMetadata(ctx, u.ID, &users.MetadataParams{
		Public: clerk.Metadata{"role": "admin", "prefs": map[string]any{"lang": nil, "tz": "UTC"}, "gone": nil},
	}))
	want := `{"prefs":{"theme":"dark","tz":"UTC"},"role":"admin"}`
	if got := jsonOf(t, u.PublicMetadata); got != want {
		t.Errorf("merged public metadata = %s, want %s", got, want)
	}
	if u.PrivateMetadata["plan"] != "pro" {
		t.Errorf("private metadata not sent was changed: %v", u.PrivateMetadata)
	}
	u = must[*users.User](t)(c.Users.ReplaceMetadata(ctx, u.ID, &users.MetadataParams{Private: clerk.Metadata{"tier": 2}}))
	if jsonOf(t, u.PrivateMetadata) != `{"tier":2}` || jsonOf(t, u.PublicMetadata) != want {
		t.Errorf("replace: public %s private %s", jsonOf(t, u.PublicMetadata), jsonOf(t, u.PrivateMetadata))
	}
	u = must[*users.User](t)(c.Users.ReplaceMetadata(ctx, u.ID, &users.MetadataParams{Public: clerk.Metadata{}}))
	if len(u.PublicMetadata) != 0 {
		t.Errorf("replaced with {}: %v", u.PublicMetadata)
	}
}

func TestBanLockAndPassword(t *testing.T) {
	srv, c := newTestServer(t)
	ctx := context.Background()
	u := must[*users.User](t)(c.Users.Create(ctx, &users.CreateParams{
		EmailAddresses: []string{"ada@example.com"}, Password: clerk.String("correct-horse-battery"),
	}))
	tok := srv.SessionToken(u.ID)
	a := must[*clerk.Auth](t)(c.VerifyToken(ctx, tok))

	if b := must[*users.User](t)(c.Users.Ban(ctx, u.ID)); !b.Banned {
		t.Error("Ban: not banned")
	}
	if s := must[*sessionModel](t)(c.Sessions.Get(ctx, a.SessionID)); s.Status != "revoked" {
		t.Errorf("a banned user's session is %s", s.Status)
	}
	if b := must[*users.User](t)(c.Users.Unban(ctx, u.ID)); b.Banned {
		t.Error("Unban: still banned")
	}
	if l := must[*users.User](t)(c.Users.Lock(ctx, u.ID)); !l.Locked {
		t.Error("Lock: not locked")
	}
	if l := must[*users.User](t)(c.Users.Unlock(ctx, u.ID)); l.Locked {
		t.Error("Unlock: still locked")
	}
	if v := must[*users.PasswordVerification](t)(c.Users.VerifyPassword(ctx, u.ID, "correct-horse-battery")); !v.Verified {
		t.Error("VerifyPassword: the right password is refused")
	}
	_, err := c.Users.VerifyPassword(ctx, u.ID, "wrong")
	wantAPIError(t, err, 422, "incorrect_password")
	nopass := srv.AddUser(users.User{})
	_, err = c.Users.VerifyPassword(ctx, nopass.ID, "anything")
	wantAPIError(t, err, 400, "no_password_set")
	many := must[[]*users.User](t)(c.Users.BanMany(ctx, []string{u.ID, nopass.ID, "user_nobody"}))
	if len(many) != 2 || !many[0].Banned || !many[1].Banned {
		t.Errorf("BanMany = %+v", many)
	}
	if many = must[[]*users.User](t)(c.Users.UnbanMany(ctx, []string{nopass.ID})); len(many) != 1 || many[0].Banned {
		t.Errorf("UnbanMany = %+v", many)
	}
	_, err = c.Users.Ban(ctx, "user_nobody")
	wantAPIError(t, err, 404, "resource_not_found")
}

func TestAddUser(t *testing.T) {
	srv, c := newTestServer(t)
	u := srv.AddUser(users.User{
		FirstName:      "Ada",
		EmailAddresses: []users.EmailAddress{{EmailAddress: "ada@example.com"}},
		PublicMetadata: users.Metadata{"role": "admin"},
	})
	if u.ID == "" || u.PrimaryEmailAddress() == nil || u.PrimaryEmailAddress().ID == "" || u.CreatedAt.IsZero() {
		t.Fatalf("AddUser = %+v", u)
	}
	u.PublicMetadata["role"] = "changed by the test" // the copy is the test's own
	got := must[*users.User](t)(c.Users.Get(context.Background(), u.ID))
	if got.PublicMetadata["role"] != "admin" || got.FirstName != "Ada" {
		t.Errorf("stored user = %+v", got)
	}
	fake := &fakeTB{}
	s2 := NewServer(fake, validated(t))
	defer s2.Close()
	s2.AddUser(users.User{EmailAddresses: []users.EmailAddress{{EmailAddress: "x@example.com"}}})
	if s2.AddUser(users.User{EmailAddresses: []users.EmailAddress{{EmailAddress: "X@example.com"}}}); !strings.Contains(fake.failed, "form_identifier_exists") {
		t.Errorf("a taken email address: %q", fake.failed)
	}
	if s := slices.Clone(fake.cleanups); len(s) != 1 {
		t.Errorf("NewServer registered %d cleanups", len(s))
	}
}
