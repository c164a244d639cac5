package users

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

// TestModelsMatchSpec checks the models of the identification, sign-up and
// trusted-device endpoints against their spec schemas: a full instance of
// each schema decodes and writes back unchanged (spectest.CheckModel).
func TestModelsMatchSpec(t *testing.T) {
	spectest.CheckModel[EmailAddress](t, "EmailAddress")
	spectest.CheckModel[PhoneNumber](t, "PhoneNumber")
	spectest.CheckModel[IdentificationLink](t, "IdentificationLink")
	spectest.CheckModel[TrustedDevice](t, "TrustedDevice")
	spectest.CheckModel[SignUp](t, "SignUp")
	spectest.CheckModel[SignUpVerifications](t, "SignUpVerifications")
	spectest.CheckModel[SignUpVerification](t, "SignUpVerification")
	// Verification holds every variant's fields: each variant fits it.
	for _, name := range []string{"verification_otp", "verification_admin", "verification_from_oauth",
		"verification_ticket", "verification_saml", "verification_email_link", "verification_scim",
		"verification_web3", "verification_passkey", "verification_oauth", "verification_google_one_tap"} {
		spectest.CheckModel[Verification](t, name)
	}
}

// TestVerificationAnswerMatchesSpec: what prepare_verification and
// attempt_verification answer is an inline response schema, which
// CheckModel cannot name, so the full instance is written here and checked
// to set exactly the schema's properties before the round trip.
func TestVerificationAnswerMatchesSpec(t *testing.T) {
	full := `{"id":"ver_1","object":"verification_otp","status":"failed","strategy":"phone_code",` +
		`"attempts":3,"expire_at":1700000600000,"channel":"whatsapp"}`
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(full), &m))
	names := map[string]bool{}
	for k := range m {
		names[k] = true
	}
	want := map[string]bool{}
	for p := range verificationResponse(t).Properties {
		want[p] = true
	}
	require.Equal(t, want, names, "the instance sets every property of the schema")

	var v Verification
	require.NoError(t, internal.Unmarshal([]byte(full), &v))
	assert.Equal(t, VerificationFailed, v.Status)
	assert.Equal(t, new(ms(1700000600000)), v.ExpireAt)
	back, err := internal.MarshalAPI(&v)
	require.NoError(t, err)
	assert.JSONEq(t, full, string(back))
}

// TestNewParamsMatchSpec: each params type names exactly the body properties
// of its operation.
func TestNewParamsMatchSpec(t *testing.T) {
	for _, tt := range []struct {
		method, path string
		params       any
	}{
		{"POST", "/email_addresses", CreateEmailAddressParams{}},
		{"PATCH", "/email_addresses/{email_address_id}", UpdateEmailAddressParams{}},
		{"POST", "/email_addresses/{email_address_id}/attempt_verification", AttemptVerificationParams{}},
		{"PUT", "/users/{user_id}/email_address", ReplaceEmailAddressParams{}},
		{"POST", "/phone_numbers", CreatePhoneNumberParams{}},
		{"PATCH", "/phone_numbers/{phone_number_id}", UpdatePhoneNumberParams{}},
		{"POST", "/phone_numbers/{phone_number_id}/attempt_verification", AttemptVerificationParams{}},
		{"PUT", "/users/{user_id}/phone_number", ReplacePhoneNumberParams{}},
		{"POST", "/users/{user_id}/password/set_compromised", SetPasswordCompromisedParams{}},
		{"POST", "/users/{user_id}/remove_password", RemovePasswordParams{}},
		{"PATCH", "/sign_ups/{id}", UpdateSignUpParams{}},
	} {
		spectest.CheckBody(t, tt.method, tt.path, tt.params)
	}
	// The endpoints called without params declare no body and no query.
	for _, op := range [][2]string{
		{"GET", "/email_addresses/{email_address_id}"},
		{"DELETE", "/email_addresses/{email_address_id}"},
		{"POST", "/email_addresses/{email_address_id}/prepare_verification"},
		{"GET", "/phone_numbers/{phone_number_id}"},
		{"DELETE", "/phone_numbers/{phone_number_id}"},
		{"POST", "/phone_numbers/{phone_number_id}/prepare_verification"},
		{"DELETE", "/users/{user_id}/external_accounts/{external_account_id}"},
		{"DELETE", "/users/{user_id}/passkeys/{passkey_identification_id}"},
		{"DELETE", "/users/{user_id}/web3_wallets/{web3_wallet_identification_id}"},
		{"GET", "/users/{user_id}/trusted_devices"},
		{"DELETE", "/users/{user_id}/trusted_devices/{trusted_device_id}"},
		{"POST", "/users/{user_id}/password/unset_compromised"},
		{"GET", "/sign_ups/{id}"},
	} {
		spectest.CheckBody(t, op[0], op[1], struct{}{})
		spectest.CheckQuery(t, op[0], op[1], struct{}{})
	}
}
