package users

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/go-clerk/clerk/internal/spectest"
	"github.com/go-clerk/clerk/organizations"
)

// userJSON is a User that sets every field of the spec's schema, in all its
// nested variants (OTP, OAuth, web3, passkey, SAML, ticket verifications).
func userJSON(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/user.json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// validateUser checks a body against the spec's 200 answer to GET /users/{id}.
func validateUser(t *testing.T, body []byte) {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, "/v1/users/user_1", nil)
	h := http.Header{"Content-Type": {"application/json"}}
	if err := spectest.ValidateResponse(r, 200, h, body); err != nil {
		t.Fatal(err)
	}
}

func ms(n int64) time.Time { return time.UnixMilli(n).UTC() }

func TestUserFixtureIsSpecShaped(t *testing.T) {
	validateUser(t, userJSON(t))
}

func TestUserDecode(t *testing.T) {
	var u User
	must(t, json.Unmarshal(userJSON(t), &u))

	eq(t, "user_2g7np7Hrk0SN6kj5EDMLDaKNL0S", u.ID)
	eq(t, "user", u.Object)
	eq(t, "ext_42", u.ExternalID)
	eq(t, "jdoe", u.Username)
	eq(t, "en-US", u.Locale)
	eq(t, "https://img.clerk.com/image", u.ImageURL)
	truef(t, u.HasImage)
	eq(t, "admin", u.PublicMetadata["role"])
	eq(t, "cus_123", u.PrivateMetadata["stripe_customer"])
	eq(t, "dark", u.UnsafeMetadata["theme"])
	eq(t, ms(1716883200000), u.CreatedAt)
	eq(t, ms(1716886000000), u.UpdatedAt)
	notNil(t, u.MFAEnabledAt)
	eq(t, ms(1716883400000), *u.MFAEnabledAt)
	isNil(t, u.MFADisabledAt)
	eq(t, ms(1716883500000), *u.PasswordLastUpdatedAt)
	eq(t, ms(1716885000000), *u.LastSignInAt)
	eq(t, ms(1716854400000), *u.LastActiveAt)
	eq(t, ms(1716883250000), *u.LegalAcceptedAt)
	truef(t, u.PasswordEnabled && u.TwoFactorEnabled && u.TOTPEnabled)
	truef(t, !u.BackupCodeEnabled)
	truef(t, u.Locked)
	eq(t, int64(3600), *u.LockoutExpiresInSeconds)
	eq(t, int64(0), *u.VerificationAttemptsRemaining)
	eq(t, 3, *u.CreateOrganizationsLimit)
	eq(t, &SCIMUserMetadata{DirectoryID: "dir_1", DirectoryEnabled: true}, u.SCIM)

	lenIs(t, u.EmailAddresses, 2)
	e := u.EmailAddresses[1]
	eq(t, "john@example.com", e.EmailAddress)
	eq(t, VerificationVerified, e.Verification.Status)
	eq(t, VerificationStrategy("from_oauth_google"), e.Verification.Strategy)
	isNil(t, e.Verification.Attempts)
	isNil(t, e.Verification.ExpireAt)
	eq(t, []IdentificationLink{{Type: "oauth_google", ID: "idn_google"}}, e.LinkedTo)
	eq(t, ms(1716883300000), e.UpdatedAt)
	isNil(t, u.EmailAddresses[0].Verification)
	truef(t, u.EmailAddresses[0].Reserved)

	p := u.PhoneNumbers[0]
	eq(t, "+15555550100", p.PhoneNumber)
	truef(t, p.ReservedForSecondFactor && p.DefaultSecondFactor)
	eq(t, StrategyPhoneCode, p.Verification.Strategy)
	eq(t, 1, *p.Verification.Attempts)
	eq(t, ms(1716883800000), *p.Verification.ExpireAt)
	eq(t, "sms", p.Verification.Channel)

	w := u.Web3Wallets[0]
	eq(t, StrategyWeb3MetamaskSignature, w.Verification.Strategy)
	eq(t, "nonce-1", w.Verification.Nonce)

	pk := u.Passkeys[0]
	eq(t, "MacBook Touch ID", pk.Name)
	eq(t, ms(1716890000000), pk.LastUsedAt)
	eq(t, StrategyPasskey, pk.Verification.Strategy)

	ea := u.ExternalAccounts[0]
	eq(t, "oauth_google", ea.Provider)
	eq(t, "1234567890", ea.ProviderUserID)
	eq(t, []string{"email", "openid", "profile"}, ea.Scopes())
	truef(t, *ea.EmailAddressVerified)
	truef(t, ea.Verified())
	eq(t, "https://lh3.googleusercontent.com/a", ea.AvatarURL)

	sa := u.SAMLAccounts[0]
	eq(t, "saml_okta", sa.Provider)
	eq(t, ms(1716884000000), *sa.LastAuthenticatedAt)
	eq(t, StrategySAML, sa.Verification.Strategy)
	eq(t, []string{"corp.example"}, sa.SAMLConnection.Domains)
	truef(t, sa.SAMLConnection.AllowIDPInitiated)
	eq(t, ms(1716000000001), sa.SAMLConnection.UpdatedAt)

	en := u.EnterpriseAccounts[0]
	eq(t, EnterpriseProtocolSAML, en.Protocol)
	eq(t, "entc_1", en.EnterpriseConnectionID)
	eq(t, StrategyTicket, en.Verification.Strategy)
	eq(t, "", en.EnterpriseConnection.LogoPublicURL)
	truef(t, en.EnterpriseConnection.DisableAdditionalIdentifications)
	eq(t, ms(1716000000002), en.EnterpriseConnection.UpdatedAt)
	isNil(t, en.LastAuthenticatedAt)

	m := u.OrganizationMemberships[0]
	eq(t, "org:admin", m.Role)
	eq(t, "acme-corp", m.Organization.Slug)
	eq(t, ms(1716000000000), m.Organization.CreatedAt)
	eq(t, "john@example.com", m.PublicUserData.Identifier)
}

func TestUserHelpers(t *testing.T) {
	var u User
	must(t, json.Unmarshal(userJSON(t), &u))

	eq(t, "John Doe", u.FullName())
	eq(t, "john@example.com", u.PrimaryEmailAddress().EmailAddress)
	truef(t, u.PrimaryEmailAddress().Verified())
	truef(t, !u.EmailAddressByID("idn_email_other").Verified())
	eq(t, "+15555550100", u.PrimaryPhoneNumber().PhoneNumber)
	truef(t, u.PrimaryPhoneNumber().Verified())
	eq(t, "0x0123456789abcdef0123456789abcdef01234567", u.PrimaryWeb3Wallet().Web3Wallet)
	truef(t, u.PrimaryWeb3Wallet().Verified())
	eq(t, "eac_google", u.ExternalAccountByProvider("oauth_google").ID)
	isNil(t, u.ExternalAccountByProvider("oauth_github"))

	// The helpers return pointers into the user, not copies.
	u.PrimaryEmailAddress().EmailAddress = "changed@example.com"
	eq(t, "changed@example.com", u.EmailAddresses[1].EmailAddress)

	var none User
	isNil(t, none.PrimaryEmailAddress())
	isNil(t, none.PrimaryPhoneNumber())
	isNil(t, none.PrimaryWeb3Wallet())
	truef(t, !none.PrimaryEmailAddress().Verified())
	eq(t, "", none.FullName())
	var nilUser *User
	isNil(t, nilUser.PrimaryEmailAddress())
	eq(t, "", nilUser.FullName())

	eq(t, "Ada", (&User{FirstName: "Ada"}).FullName())
	eq(t, "Lovelace", (&User{LastName: " Lovelace "}).FullName())
	// An ID that names no address of the user gives nil, not a wrong one.
	isNil(t, (&User{PrimaryEmailAddressID: "idn_gone", EmailAddresses: []EmailAddress{{ID: "idn_x"}}}).PrimaryEmailAddress())
}

// TestUserRoundTrip marshals a decoded user back: the JSON must be spec-valid
// and decode to the same value, so a User can be served (clerktest) or
// stored and read back.
func TestUserRoundTrip(t *testing.T) {
	var u User
	must(t, json.Unmarshal(userJSON(t), &u))
	b, err := json.Marshal(u)
	must(t, err)
	validateUser(t, b)
	var back User
	must(t, json.Unmarshal(b, &back))
	eq(t, u, back)

	// A pointer marshals the same way.
	bp, err := json.Marshal(&u)
	must(t, err)
	jsonEq(t, string(b), string(bp))

	// Timestamps are Unix milliseconds on the wire.
	var raw map[string]any
	must(t, json.Unmarshal(b, &raw))
	eq(t, 1716883200000.0, raw["created_at"])
	eq(t, nil, raw["mfa_disabled_at"])
}

// TestZeroUserMarshalsSpecValid: a User built by hand, with nil slices and
// maps, still marshals as a valid User ([] and {} instead of null).
func TestZeroUserMarshalsSpecValid(t *testing.T) {
	b, err := json.Marshal(User{ID: "user_1", CreatedAt: ms(1), UpdatedAt: ms(2)})
	must(t, err)
	validateUser(t, b)
	var back User
	must(t, json.Unmarshal(b, &back))
	eq(t, "user", back.Object)
	eq(t, ms(1), back.CreatedAt)
	isNil(t, back.LastSignInAt)

	b, err = json.Marshal(User{
		ID:               "user_1",
		EmailAddresses:   []EmailAddress{{ID: "idn_1", EmailAddress: "a@b.co"}},
		PhoneNumbers:     []PhoneNumber{{ID: "idn_2", PhoneNumber: "+15555550100"}},
		ExternalAccounts: []ExternalAccount{{ID: "eac_1", Provider: "oauth_github"}},
		OrganizationMemberships: []OrganizationMembership{{Object: "organization_membership", ID: "orgmem_1", Role: "org:member",
			Organization: organizations.Organization{Object: "organization", ID: "org_1", Name: "A", Slug: "a"}}},
	})
	must(t, err)
	validateUser(t, b)
}

// TestWebhookUserPayload decodes the data of the user.created example in
// Clerk's webhook spec, which the webhooks package hands to users.User.
func TestWebhookUserPayload(t *testing.T) {
	b, err := os.ReadFile("../webhooks/testdata/spec-examples.json")
	if err != nil {
		t.Skipf("webhook examples not present: %v", err)
	}
	var ex map[string]struct {
		Data json.RawMessage `json:"data"`
	}
	must(t, json.Unmarshal(b, &ex))
	data := ex["user.created"].Data
	lenIs(t, data, len(data), "data")
	if len(data) == 0 {
		t.Fatal("no user.created example")
	}
	var u User
	must(t, json.Unmarshal(data, &u))
	eq(t, "user_2g7np7Hrk0SN6kj5EDMLDaKNL0S", u.ID)
	eq(t, "John Doe", u.FullName())
	eq(t, ms(1716883200000), u.CreatedAt)
	isNil(t, u.PrivateMetadata)
	isNil(t, u.PrimaryEmailAddress()) // the example lists no addresses
	isNil(t, u.CreateOrganizationsLimit)
}

// TestModelsHaveEveryField compares each model's JSON names with the
// properties of its schema in the spec, so that a field the spec adds is
// noticed.
func TestModelsHaveEveryField(t *testing.T) {
	doc, err := spectest.Doc()
	must(t, err)
	models := map[string]any{
		"User":                            User{},
		"EmailAddress":                    EmailAddress{},
		"PhoneNumber":                     PhoneNumber{},
		"Web3Wallet":                      Web3Wallet{},
		"Passkey":                         Passkey{},
		"IdentificationLink":              IdentificationLink{},
		"ExternalAccountWithVerification": ExternalAccount{},
		"SAMLAccount":                     SAMLAccount{},
		"SAMLAccountConnection":           SAMLAccountConnection{},
		"EnterpriseAccount":               EnterpriseAccount{},
		"EnterpriseAccountConnection":     EnterpriseAccountConnection{},
		"SCIMUserMetadata":                SCIMUserMetadata{},
	}
	for name, model := range models {
		s := doc.Components.Schemas[name]
		notNil(t, s, name)
		want := map[string]bool{}
		for p := range s.Value.Properties {
			want[p] = true
		}
		eq(t, want, jsonNames(reflect.TypeOf(model)), name)
	}

	want := map[string]bool{}
	// Verification holds the union of the variants' fields.
	for name, s := range doc.Components.Schemas {
		if len(name) > 13 && name[:13] == "verification_" {
			for p := range s.Value.Properties {
				want[p] = true
			}
		}
	}
	eq(t, want, jsonNames(reflect.TypeOf(Verification{})), "Verification")
}

func jsonNames(t reflect.Type) map[string]bool {
	out := map[string]bool{}
	for i := 0; i < t.NumField(); i++ {
		tag := t.Field(i).Tag.Get("json")
		name := tag
		for j := 0; j < len(tag); j++ {
			if tag[j] == ',' {
				name = tag[:j]
				break
			}
		}
		if name != "" && name != "-" {
			out[name] = true
		}
	}
	return out
}
