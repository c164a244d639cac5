package users

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
	"github.com/go-clerk/clerk/organizations"
)

// validateUser checks a body against the spec's 200 answer to GET /users/{id}.
func validateUser(t *testing.T, body []byte) {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, "/v1/users/user_1", nil)
	h := http.Header{"Content-Type": {"application/json"}}
	require.NoError(t, spectest.ValidateResponse(r, 200, h, body))
}

func TestUserFixtureIsSpecShaped(t *testing.T) {
	validateUser(t, spectest.UserJSON)
}

func TestUserDecode(t *testing.T) {
	var u User
	require.NoError(t, internal.Unmarshal(spectest.UserJSON, &u))

	assert.Equal(t, "user_2g7np7Hrk0SN6kj5EDMLDaKNL0S", u.ID)
	assert.Equal(t, "user", u.Object)
	assert.Equal(t, "ext_42", u.ExternalID)
	assert.Equal(t, "jdoe", u.Username)
	assert.Equal(t, "en-US", u.Locale)
	assert.Equal(t, "https://img.clerk.com/image", u.ImageURL)
	assert.True(t, u.HasImage)
	assert.Equal(t, "admin", u.PublicMetadata["role"])
	assert.Equal(t, "cus_123", u.PrivateMetadata["stripe_customer"])
	assert.Equal(t, "dark", u.UnsafeMetadata["theme"])
	assert.Equal(t, ms(1716883200000), u.CreatedAt)
	assert.Equal(t, ms(1716886000000), u.UpdatedAt)
	require.NotNil(t, u.MFAEnabledAt)
	assert.Equal(t, ms(1716883400000), *u.MFAEnabledAt)
	assert.Nil(t, u.MFADisabledAt)
	assert.Equal(t, ms(1716883500000), *u.PasswordLastUpdatedAt)
	assert.Equal(t, ms(1716885000000), *u.LastSignInAt)
	assert.Equal(t, ms(1716854400000), *u.LastActiveAt)
	assert.Equal(t, ms(1716883250000), *u.LegalAcceptedAt)
	assert.True(t, u.PasswordEnabled)
	assert.True(t, u.TwoFactorEnabled)
	assert.True(t, u.TOTPEnabled)
	assert.False(t, u.BackupCodeEnabled)
	assert.True(t, u.Locked)
	assert.Equal(t, int64(3600), *u.LockoutExpiresInSeconds)
	assert.Equal(t, int64(0), *u.VerificationAttemptsRemaining)
	assert.Equal(t, 3, *u.CreateOrganizationsLimit)
	assert.Equal(t, &SCIMUserMetadata{DirectoryID: "dir_1", DirectoryEnabled: true}, u.SCIM)

	require.Len(t, u.EmailAddresses, 2)
	e := u.EmailAddresses[1]
	assert.Equal(t, "john@example.com", e.EmailAddress)
	assert.Equal(t, VerificationVerified, e.Verification.Status)
	assert.Equal(t, VerificationStrategy("from_oauth_google"), e.Verification.Strategy)
	assert.Nil(t, e.Verification.Attempts)
	assert.Nil(t, e.Verification.ExpireAt)
	assert.Equal(t, []IdentificationLink{{Type: "oauth_google", ID: "idn_google"}}, e.LinkedTo)
	assert.Equal(t, ms(1716883300000), e.UpdatedAt)
	assert.Nil(t, u.EmailAddresses[0].Verification)
	assert.True(t, u.EmailAddresses[0].Reserved)

	p := u.PhoneNumbers[0]
	assert.Equal(t, "+15555550100", p.PhoneNumber)
	assert.True(t, p.ReservedForSecondFactor)
	assert.True(t, p.DefaultSecondFactor)
	assert.Equal(t, StrategyPhoneCode, p.Verification.Strategy)
	assert.Equal(t, 1, *p.Verification.Attempts)
	assert.Equal(t, ms(1716883800000), *p.Verification.ExpireAt)
	assert.Equal(t, "sms", p.Verification.Channel)

	w := u.Web3Wallets[0]
	assert.Equal(t, StrategyWeb3MetamaskSignature, w.Verification.Strategy)
	assert.Equal(t, "nonce-1", w.Verification.Nonce)

	pk := u.Passkeys[0]
	assert.Equal(t, "MacBook Touch ID", pk.Name)
	assert.Equal(t, ms(1716890000000), pk.LastUsedAt)
	assert.Equal(t, StrategyPasskey, pk.Verification.Strategy)

	ea := u.ExternalAccounts[0]
	assert.Equal(t, "oauth_google", ea.Provider)
	assert.Equal(t, "1234567890", ea.ProviderUserID)
	assert.Equal(t, []string{"email", "openid", "profile"}, ea.Scopes())
	assert.True(t, *ea.EmailAddressVerified)
	assert.True(t, ea.Verified())
	assert.Equal(t, "https://lh3.googleusercontent.com/a", ea.AvatarURL)

	sa := u.SAMLAccounts[0]
	assert.Equal(t, "saml_okta", sa.Provider)
	assert.Equal(t, ms(1716884000000), *sa.LastAuthenticatedAt)
	assert.Equal(t, StrategySAML, sa.Verification.Strategy)
	assert.Equal(t, []string{"corp.example"}, sa.SAMLConnection.Domains)
	assert.True(t, sa.SAMLConnection.AllowIDPInitiated)
	assert.Equal(t, ms(1716000000001), sa.SAMLConnection.UpdatedAt)

	en := u.EnterpriseAccounts[0]
	assert.Equal(t, EnterpriseProtocolSAML, en.Protocol)
	assert.Equal(t, "entc_1", en.EnterpriseConnectionID)
	assert.Equal(t, StrategyTicket, en.Verification.Strategy)
	assert.Equal(t, "", en.EnterpriseConnection.LogoPublicURL)
	assert.True(t, en.EnterpriseConnection.DisableAdditionalIdentifications)
	assert.Equal(t, ms(1716000000002), en.EnterpriseConnection.UpdatedAt)
	assert.Nil(t, en.LastAuthenticatedAt)

	m := u.OrganizationMemberships[0]
	assert.Equal(t, "org:admin", m.Role)
	assert.Equal(t, "acme-corp", m.Organization.Slug)
	assert.Equal(t, ms(1716000000000), m.Organization.CreatedAt)
	assert.Equal(t, "john@example.com", m.PublicUserData.Identifier)
}

func TestUserHelpers(t *testing.T) {
	var u User
	require.NoError(t, internal.Unmarshal(spectest.UserJSON, &u))

	assert.Equal(t, "John Doe", u.FullName())
	assert.Equal(t, "john@example.com", u.PrimaryEmailAddress().EmailAddress)
	assert.True(t, u.PrimaryEmailAddress().Verified())
	assert.False(t, u.EmailAddressByID("idn_email_other").Verified())
	assert.Equal(t, "+15555550100", u.PrimaryPhoneNumber().PhoneNumber)
	assert.True(t, u.PrimaryPhoneNumber().Verified())
	assert.Equal(t, "0x0123456789abcdef0123456789abcdef01234567", u.PrimaryWeb3Wallet().Web3Wallet)
	assert.True(t, u.PrimaryWeb3Wallet().Verified())
	assert.Equal(t, "eac_google", u.ExternalAccountByProvider("oauth_google").ID)
	assert.Nil(t, u.ExternalAccountByProvider("oauth_github"))

	// The helpers return pointers into the user, not copies.
	u.PrimaryEmailAddress().EmailAddress = "changed@example.com"
	assert.Equal(t, "changed@example.com", u.EmailAddresses[1].EmailAddress)

	var none User
	assert.Nil(t, none.PrimaryEmailAddress())
	assert.Nil(t, none.PrimaryPhoneNumber())
	assert.Nil(t, none.PrimaryWeb3Wallet())
	assert.False(t, none.PrimaryEmailAddress().Verified())
	assert.Equal(t, "", none.FullName())
	var nilUser *User
	assert.Nil(t, nilUser.PrimaryEmailAddress())
	assert.Equal(t, "", nilUser.FullName())

	assert.Equal(t, "Ada", (&User{FirstName: "Ada"}).FullName())
	assert.Equal(t, "Lovelace", (&User{LastName: " Lovelace "}).FullName())
	// An ID that names no address of the user gives nil, not a wrong one.
	assert.Nil(t, (&User{PrimaryEmailAddressID: "idn_gone", EmailAddresses: []EmailAddress{{ID: "idn_x"}}}).PrimaryEmailAddress())
}

// TestUserRoundTrip marshals a decoded user back as the API writes it: the
// JSON must be spec-valid and decode to the same value, so a User can be
// served (clerktest) or stored and read back. (A nil list is written as []
// and so reads back empty, not nil: BackupCodes is the one the fixture
// leaves out.)
func TestUserRoundTrip(t *testing.T) {
	var u User
	require.NoError(t, internal.Unmarshal(spectest.UserJSON, &u))
	b, err := internal.MarshalAPI(u)
	require.NoError(t, err)
	validateUser(t, b)
	var back User
	require.NoError(t, internal.Unmarshal(b, &back))
	require.Nil(t, u.PhoneNumbers[0].BackupCodes)
	assert.Equal(t, []Secret{}, back.PhoneNumbers[0].BackupCodes)
	back.PhoneNumbers[0].BackupCodes = nil
	assert.Equal(t, u, back)

	// A pointer marshals the same way.
	bp, err := internal.MarshalAPI(&u)
	require.NoError(t, err)
	assert.JSONEq(t, string(b), string(bp))

	// Timestamps are Unix milliseconds on the wire.
	var raw map[string]any
	require.NoError(t, internal.Unmarshal(b, &raw))
	assert.Equal(t, 1716883200000.0, raw["created_at"])
	assert.Equal(t, nil, raw["mfa_disabled_at"])
}

// TestZeroUserMarshalsSpecValid: a User built by hand, with nil slices and
// maps, still marshals as a valid User ([] and {} instead of null). Object
// is written as it is: a fake sets it.
func TestZeroUserMarshalsSpecValid(t *testing.T) {
	b, err := internal.MarshalAPI(User{Object: "user", ID: "user_1", CreatedAt: ms(1), UpdatedAt: ms(2)})
	require.NoError(t, err)
	validateUser(t, b)
	var back User
	require.NoError(t, internal.Unmarshal(b, &back))
	assert.Equal(t, "user", back.Object)
	assert.Equal(t, ms(1), back.CreatedAt)
	assert.Nil(t, back.LastSignInAt)

	b, err = internal.MarshalAPI(User{
		Object:           "user",
		ID:               "user_1",
		EmailAddresses:   []EmailAddress{{Object: "email_address", ID: "idn_1", EmailAddress: "a@b.co"}},
		PhoneNumbers:     []PhoneNumber{{Object: "phone_number", ID: "idn_2", PhoneNumber: "+15555550100"}},
		ExternalAccounts: []ExternalAccount{{Object: "external_account", ID: "eac_1", Provider: "oauth_github"}},
		OrganizationMemberships: []OrganizationMembership{{Object: "organization_membership", ID: "orgmem_1", Role: "org:member",
			Organization: organizations.Organization{Object: "organization", ID: "org_1", Name: "A", Slug: "a"}}},
	})
	require.NoError(t, err)
	validateUser(t, b)
}

// TestWebhookUserPayload decodes the data of the user.created example in
// Clerk's webhook spec, which the webhooks package hands to users.User.
func TestWebhookUserPayload(t *testing.T) {
	b, err := os.ReadFile("../webhooks/testdata/spec-examples.json")
	if err != nil {
		t.Fatalf("webhook examples (committed with the webhooks package): %v", err)
	}
	var ex map[string]struct {
		Data json.RawMessage `json:"data"`
	}
	require.NoError(t, internal.Unmarshal(b, &ex))
	data := ex["user.created"].Data
	require.NotEmpty(t, data, "no user.created example")
	var u User
	require.NoError(t, internal.Unmarshal(data, &u))
	assert.Equal(t, "user_2g7np7Hrk0SN6kj5EDMLDaKNL0S", u.ID)
	assert.Equal(t, "John Doe", u.FullName())
	assert.Equal(t, ms(1716883200000), u.CreatedAt)
	assert.Nil(t, u.PrivateMetadata)
	assert.Nil(t, u.PrimaryEmailAddress()) // the example lists no addresses
	assert.Nil(t, u.CreateOrganizationsLimit)
}

// TestModelsHaveEveryField compares each model's JSON names with the
// properties of its schema in the spec, so that a field the spec adds is
// noticed.
func TestModelsHaveEveryField(t *testing.T) {
	for name, model := range map[string]any{
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
	} {
		spectest.CheckNames(t, model, spectest.Schema(t, name))
	}

	// Verification holds the union of the variants' fields, and of the
	// answer of prepare_verification and attempt_verification.
	doc, err := spectest.Doc()
	require.NoError(t, err)
	schemas := []*openapi3.Schema{verificationResponse(t)}
	for name, s := range doc.Components.Schemas {
		if strings.HasPrefix(name, "verification_") {
			schemas = append(schemas, s.Value)
		}
	}
	spectest.CheckNames(t, Verification{}, schemas...)
}

// TestUserEncodingJSONRoundTrip: a user's own encoding/json marshals a User
// (times as RFC 3339, secrets redacted) and reads it back without error, and
// the SDK's codec reads that JSON too.
func TestUserEncodingJSONRoundTrip(t *testing.T) {
	var u User
	require.NoError(t, internal.Unmarshal(spectest.UserJSON, &u))
	b, err := json.Marshal(u)
	require.NoError(t, err)
	var viaV1, viaCodec User
	require.NoError(t, json.Unmarshal(b, &viaV1))
	require.NoError(t, internal.Unmarshal(b, &viaCodec))
	assert.True(t, u.CreatedAt.Equal(viaV1.CreatedAt) && u.CreatedAt.Equal(viaCodec.CreatedAt))
	assert.True(t, u.LastSignInAt.Equal(*viaV1.LastSignInAt))
	assert.Equal(t, u.PublicMetadata["role"], viaV1.PublicMetadata["role"])
	assert.Equal(t, u.EmailAddresses[1].EmailAddress, viaCodec.EmailAddresses[1].EmailAddress)

	tok := OAuthAccessToken{Provider: "oauth_google", Token: internal.NewSecret("ya29.SECRET")}
	b, err = json.Marshal(tok)
	require.NoError(t, err)
	assert.NotContains(t, string(b), "SECRET")
	var back OAuthAccessToken
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, "[redacted]", back.Token.Reveal())
}
