package users

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

// services are the package's services over one spec-checking server, built
// as the root builds them.
type services struct {
	users   *Service
	emails  *EmailAddressService
	phones  *PhoneNumberService
	signUps *SignUpService
}

func setupAll(t *testing.T, opts ...spectest.Option) (*services, *spectest.Server) {
	t.Helper()
	core, srv := spectest.NewClient(t, opts...)
	return &services{
		users:   spectest.Service[Service](core),
		emails:  spectest.Service[EmailAddressService](core),
		phones:  spectest.Service[PhoneNumberService](core),
		signUps: spectest.Service[SignUpService](core),
	}, srv
}

// Spec-valid answers of the new endpoints (checked by the server's response
// validation in the tests that write them).
var (
	t0 = ms(1700000000000)

	emailAddress = EmailAddress{ID: "idn_1", Object: "email_address", EmailAddress: "ada@example.com",
		Verification: &Verification{Object: "verification_admin", Status: VerificationVerified, Strategy: StrategyAdmin},
		LinkedTo:     []IdentificationLink{}, CreatedAt: t0, UpdatedAt: t0}
	phoneNumber = PhoneNumber{ID: "idn_2", Object: "phone_number", PhoneNumber: "+15555550100",
		Verification: &Verification{Object: "verification_otp", Status: VerificationUnverified, Strategy: StrategyPhoneCode, Attempts: new(0)},
		LinkedTo:     []IdentificationLink{}, CreatedAt: t0, UpdatedAt: t0}
	trustedDevice = TrustedDevice{Object: "trusted_device", ID: "td_1", Platform: "ios", AppIdentifier: "com.example.app",
		Name: "Ada's phone", Algorithm: "ES256", Status: TrustedDeviceActive, CreatedAt: t0, UpdatedAt: t0}
	signUp = SignUp{Object: "sign_up_attempt", ID: "sua_1", Status: SignUpMissingRequirements,
		RequiredFields: []string{"email_address"}, MissingFields: []string{}, OptionalFields: []string{}, UnverifiedFields: []string{"email_address"},
		Verifications: SignUpVerifications{EmailAddress: &SignUpVerification{NextAction: SignUpNeedsAttempt, SupportedStrategies: []string{"email_code"}}},
		EmailAddress:  "ada@example.com", ExternalID: "ext_1", AbandonAt: t0}
)

const deleted = `{"object":"email_address","id":"idn_1","deleted":true}`

func verificationJSON(status, strategy, channel string) string {
	s := `{"id":"ver_1","object":"verification_otp","status":"` + status + `","strategy":"` + strategy + `","attempts":1,"expire_at":1700000600000`
	if channel != "" {
		s += `,"channel":"` + channel + `"`
	}
	return s + "}"
}

// TestNewEndpointsOnTheWire calls each method of the email address, phone
// number, sign-up and user endpoints this package added, against the spec
// server with response validation: the method, path (with its escaped IDs)
// and body that reach the server are asserted, and the answer is decoded.
func TestNewEndpointsOnTheWire(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		pattern string         // the handler's pattern, under /v1
		path    string         // the path as sent
		body    map[string]any // the JSON body; nil: no body at all
		answer  string
		call    func(*services) (any, error)
		check   func(t *testing.T, got any)
	}{
		{
			name: "EmailAddresses.Create", pattern: "POST /email_addresses", path: "/v1/email_addresses",
			body:   map[string]any{"user_id": "user_1", "email_address": "ada@example.com", "verified": true, "primary": false, "notify_primary_email_address_changed": true},
			answer: string(spectest.Marshal(t, emailAddress)),
			call: func(s *services) (any, error) {
				return s.emails.Create(ctx, &CreateEmailAddressParams{UserID: "user_1", EmailAddress: "ada@example.com",
					Verified: new(true), Primary: new(false), NotifyPrimaryEmailAddressChanged: new(true)})
			},
			check: func(t *testing.T, got any) {
				e := got.(*EmailAddress)
				assert.Equal(t, "idn_1", e.ID)
				assert.True(t, e.Verified())
				assert.Equal(t, t0, e.CreatedAt)
			},
		},
		{
			name: "EmailAddresses.Create minimal", pattern: "POST /email_addresses", path: "/v1/email_addresses",
			body:   map[string]any{"user_id": "user_1", "email_address": "ada@example.com"},
			answer: string(spectest.Marshal(t, emailAddress)),
			call: func(s *services) (any, error) {
				return s.emails.Create(ctx, &CreateEmailAddressParams{UserID: "user_1", EmailAddress: "ada@example.com"})
			},
		},
		{
			name: "EmailAddresses.Get", pattern: "GET /email_addresses/{email_address_id}", path: "/v1/email_addresses/idn_1",
			answer: string(spectest.Marshal(t, emailAddress)),
			call:   func(s *services) (any, error) { return s.emails.Get(ctx, "idn_1") },
			check:  func(t *testing.T, got any) { assert.Equal(t, "ada@example.com", got.(*EmailAddress).EmailAddress) },
		},
		{
			name: "EmailAddresses.Update nil", pattern: "PATCH /email_addresses/{email_address_id}", path: "/v1/email_addresses/idn_1",
			body: map[string]any{}, answer: string(spectest.Marshal(t, emailAddress)),
			call: func(s *services) (any, error) { return s.emails.Update(ctx, "idn_1", nil) },
		},
		{
			name: "EmailAddresses.Update", pattern: "PATCH /email_addresses/{email_address_id}", path: "/v1/email_addresses/idn_1",
			body:   map[string]any{"verified": false, "primary": true, "notify_primary_email_address_changed": false},
			answer: string(spectest.Marshal(t, emailAddress)),
			call: func(s *services) (any, error) {
				return s.emails.Update(ctx, "idn_1", &UpdateEmailAddressParams{Verified: new(false), Primary: new(true), NotifyPrimaryEmailAddressChanged: new(false)})
			},
		},
		{
			name: "EmailAddresses.Delete", pattern: "DELETE /email_addresses/{email_address_id}", path: "/v1/email_addresses/idn_1",
			answer: deleted,
			call:   func(s *services) (any, error) { return nil, s.emails.Delete(ctx, "idn_1") },
		},
		{
			name: "EmailAddresses.PrepareVerification", pattern: "POST /email_addresses/{email_address_id}/prepare_verification",
			path: "/v1/email_addresses/idn_1/prepare_verification", answer: verificationJSON("unverified", "email_code", ""),
			call: func(s *services) (any, error) { return s.emails.PrepareVerification(ctx, "idn_1") },
			check: func(t *testing.T, got any) {
				v := got.(*Verification)
				assert.Equal(t, "ver_1", v.ID)
				assert.Equal(t, VerificationUnverified, v.Status)
				assert.Equal(t, StrategyEmailCode, v.Strategy)
				assert.Equal(t, new(ms(1700000600000)), v.ExpireAt)
				assert.False(t, v.Verified())
			},
		},
		{
			name: "EmailAddresses.AttemptVerification", pattern: "POST /email_addresses/{email_address_id}/attempt_verification",
			path: "/v1/email_addresses/idn_1/attempt_verification", body: map[string]any{"verification_id": "ver_1", "code": "424242"},
			answer: verificationJSON("verified", "email_code", ""),
			call: func(s *services) (any, error) {
				return s.emails.AttemptVerification(ctx, "idn_1", &AttemptVerificationParams{VerificationID: "ver_1", Code: "424242"})
			},
			check: func(t *testing.T, got any) { assert.True(t, got.(*Verification).Verified()) },
		},
		{
			name: "Users.ReplaceEmailAddress", pattern: "PUT /users/{user_id}/email_address", path: "/v1/users/user_1/email_address",
			body:   map[string]any{"email_address": "ada@example.com", "identification_status": "reserved", "notify_primary_email_address_changed": true},
			answer: string(spectest.Marshal(t, emailAddress)),
			call: func(s *services) (any, error) {
				return s.users.ReplaceEmailAddress(ctx, "user_1", &ReplaceEmailAddressParams{EmailAddress: "ada@example.com",
					IdentificationStatus: new(IdentificationReserved), NotifyPrimaryEmailAddressChanged: new(true)})
			},
		},
		{
			name: "PhoneNumbers.Create", pattern: "POST /phone_numbers", path: "/v1/phone_numbers",
			body:   map[string]any{"user_id": "user_1", "phone_number": "+15555550100", "verified": true, "primary": true, "reserved_for_second_factor": true},
			answer: string(spectest.Marshal(t, phoneNumber)),
			call: func(s *services) (any, error) {
				return s.phones.Create(ctx, &CreatePhoneNumberParams{UserID: "user_1", PhoneNumber: "+15555550100",
					Verified: new(true), Primary: new(true), ReservedForSecondFactor: new(true)})
			},
			check: func(t *testing.T, got any) {
				p := got.(*PhoneNumber)
				assert.Equal(t, "+15555550100", p.PhoneNumber)
				assert.False(t, p.Verified())
			},
		},
		{
			name: "PhoneNumbers.Get", pattern: "GET /phone_numbers/{phone_number_id}", path: "/v1/phone_numbers/idn_2",
			answer: string(spectest.Marshal(t, phoneNumber)),
			call:   func(s *services) (any, error) { return s.phones.Get(ctx, "idn_2") },
		},
		{
			name: "PhoneNumbers.Update nil", pattern: "PATCH /phone_numbers/{phone_number_id}", path: "/v1/phone_numbers/idn_2",
			body: map[string]any{}, answer: string(spectest.Marshal(t, phoneNumber)),
			call: func(s *services) (any, error) { return s.phones.Update(ctx, "idn_2", nil) },
		},
		{
			name: "PhoneNumbers.Update", pattern: "PATCH /phone_numbers/{phone_number_id}", path: "/v1/phone_numbers/idn_2",
			body:   map[string]any{"verified": true, "primary": false, "reserved_for_second_factor": false},
			answer: string(spectest.Marshal(t, phoneNumber)),
			call: func(s *services) (any, error) {
				return s.phones.Update(ctx, "idn_2", &UpdatePhoneNumberParams{Verified: new(true), Primary: new(false), ReservedForSecondFactor: new(false)})
			},
		},
		{
			name: "PhoneNumbers.Delete", pattern: "DELETE /phone_numbers/{phone_number_id}", path: "/v1/phone_numbers/idn_2",
			answer: deleted,
			call:   func(s *services) (any, error) { return nil, s.phones.Delete(ctx, "idn_2") },
		},
		{
			name: "PhoneNumbers.PrepareVerification", pattern: "POST /phone_numbers/{phone_number_id}/prepare_verification",
			path: "/v1/phone_numbers/idn_2/prepare_verification", answer: verificationJSON("unverified", "phone_code", "sms"),
			call: func(s *services) (any, error) { return s.phones.PrepareVerification(ctx, "idn_2") },
			check: func(t *testing.T, got any) {
				v := got.(*Verification)
				assert.Equal(t, "ver_1", v.ID)
				assert.Equal(t, "sms", v.Channel)
				assert.Equal(t, new(1), v.Attempts)
			},
		},
		{
			name: "PhoneNumbers.AttemptVerification wrong code", pattern: "POST /phone_numbers/{phone_number_id}/attempt_verification",
			path: "/v1/phone_numbers/idn_2/attempt_verification", body: map[string]any{"verification_id": "ver_1", "code": "000000"},
			answer: verificationJSON("unverified", "phone_code", "sms"),
			call: func(s *services) (any, error) {
				return s.phones.AttemptVerification(ctx, "idn_2", &AttemptVerificationParams{VerificationID: "ver_1", Code: "000000"})
			},
			check: func(t *testing.T, got any) {
				assert.False(t, got.(*Verification).Verified(), "a wrong code is a status")
			},
		},
		{
			name: "Users.ReplacePhoneNumber", pattern: "PUT /users/{user_id}/phone_number", path: "/v1/users/user_1/phone_number",
			body:   map[string]any{"phone_number": "+15555550100", "identification_status": "unverified"},
			answer: string(spectest.Marshal(t, phoneNumber)),
			call: func(s *services) (any, error) {
				return s.users.ReplacePhoneNumber(ctx, "user_1", &ReplacePhoneNumberParams{PhoneNumber: "+15555550100", IdentificationStatus: new(IdentificationUnverified)})
			},
		},
		{
			name: "Users.DeleteExternalAccount", pattern: "DELETE /users/{user_id}/external_accounts/{external_account_id}",
			path: "/v1/users/user_1/external_accounts/eac_1", answer: `{"object":"external_account","id":"eac_1","deleted":true}`,
			call: func(s *services) (any, error) { return nil, s.users.DeleteExternalAccount(ctx, "user_1", "eac_1") },
		},
		{
			name: "Users.DeletePasskey", pattern: "DELETE /users/{user_id}/passkeys/{passkey_identification_id}",
			path: "/v1/users/user_1/passkeys/idn_3", answer: `{"object":"passkey","id":"idn_3","deleted":true}`,
			call: func(s *services) (any, error) { return nil, s.users.DeletePasskey(ctx, "user_1", "idn_3") },
		},
		{
			name: "Users.DeleteWeb3Wallet", pattern: "DELETE /users/{user_id}/web3_wallets/{web3_wallet_identification_id}",
			path: "/v1/users/user_1/web3_wallets/idn_4", answer: `{"object":"web3_wallet","id":"idn_4","deleted":true}`,
			call: func(s *services) (any, error) { return nil, s.users.DeleteWeb3Wallet(ctx, "user_1", "idn_4") },
		},
		{
			name: "Users.ListTrustedDevices", pattern: "GET /users/{user_id}/trusted_devices", path: "/v1/users/user_1/trusted_devices",
			answer: `{"data":[` + string(spectest.Marshal(t, trustedDevice)) + `],"total_count":1}`,
			call:   func(s *services) (any, error) { return s.users.ListTrustedDevices(ctx, "user_1") },
			check: func(t *testing.T, got any) {
				p := got.(*Page[TrustedDevice])
				assert.Equal(t, int64(1), p.TotalCount)
				require.Len(t, p.Data, 1)
				assert.Equal(t, "Ada's phone", p.Data[0].Name)
				assert.Equal(t, TrustedDeviceActive, p.Data[0].Status)
				assert.Nil(t, p.Data[0].RevokedAt)
			},
		},
		{
			name: "Users.RevokeTrustedDevice", pattern: "DELETE /users/{user_id}/trusted_devices/{trusted_device_id}",
			path: "/v1/users/user_1/trusted_devices/td_1",
			answer: func() string {
				d := trustedDevice
				d.Status, d.RevokedAt = TrustedDeviceRevoked, new(t0.Add(time.Hour))
				return string(spectest.Marshal(t, d))
			}(),
			call: func(s *services) (any, error) { return s.users.RevokeTrustedDevice(ctx, "user_1", "td_1") },
			check: func(t *testing.T, got any) {
				d := got.(*TrustedDevice)
				assert.Equal(t, TrustedDeviceRevoked, d.Status)
				assert.Equal(t, new(t0.Add(time.Hour)), d.RevokedAt)
			},
		},
		{
			name: "Users.SetPasswordCompromised", pattern: "POST /users/{user_id}/password/set_compromised",
			path: "/v1/users/user_1/password/set_compromised", body: map[string]any{"revoke_all_sessions": true},
			answer: string(minimalUser(t, "user_1", 1)),
			call: func(s *services) (any, error) {
				return s.users.SetPasswordCompromised(ctx, "user_1", &SetPasswordCompromisedParams{RevokeAllSessions: new(true)})
			},
			check: func(t *testing.T, got any) { assert.Equal(t, "user_1", got.(*User).ID) },
		},
		{
			name: "Users.SetPasswordCompromised nil", pattern: "POST /users/{user_id}/password/set_compromised",
			path: "/v1/users/user_1/password/set_compromised", answer: string(minimalUser(t, "user_1", 1)),
			call: func(s *services) (any, error) { return s.users.SetPasswordCompromised(ctx, "user_1", nil) },
		},
		{
			name: "Users.UnsetPasswordCompromised", pattern: "POST /users/{user_id}/password/unset_compromised",
			path: "/v1/users/user_1/password/unset_compromised", answer: string(minimalUser(t, "user_1", 1)),
			call: func(s *services) (any, error) { return s.users.UnsetPasswordCompromised(ctx, "user_1") },
		},
		{
			name: "Users.RemovePassword", pattern: "POST /users/{user_id}/remove_password",
			path: "/v1/users/user_1/remove_password", body: map[string]any{"sign_out_of_other_sessions": true},
			answer: string(minimalUser(t, "user_1", 1)),
			call: func(s *services) (any, error) {
				return s.users.RemovePassword(ctx, "user_1", &RemovePasswordParams{SignOutOfOtherSessions: new(true)})
			},
		},
		{
			name: "Users.RemovePassword nil", pattern: "POST /users/{user_id}/remove_password",
			path: "/v1/users/user_1/remove_password", answer: string(minimalUser(t, "user_1", 1)),
			call: func(s *services) (any, error) { return s.users.RemovePassword(ctx, "user_1", nil) },
		},
		{
			name: "SignUps.Get", pattern: "GET /sign_ups/{id}", path: "/v1/sign_ups/sua_1",
			answer: string(spectest.Marshal(t, signUp)),
			call:   func(s *services) (any, error) { return s.signUps.Get(ctx, "sua_1") },
			check: func(t *testing.T, got any) {
				su := got.(*SignUp)
				assert.Equal(t, SignUpMissingRequirements, su.Status)
				assert.Equal(t, SignUpNeedsAttempt, su.Verifications.EmailAddress.NextAction)
				assert.Nil(t, su.Verifications.PhoneNumber)
				assert.Equal(t, t0, su.AbandonAt)
				assert.Nil(t, su.LegalAcceptedAt)
			},
		},
		{
			name: "SignUps.Update", pattern: "PATCH /sign_ups/{id}", path: "/v1/sign_ups/sua_1",
			body: map[string]any{"external_id": "ext_1", "custom_action": true}, answer: string(spectest.Marshal(t, signUp)),
			call: func(s *services) (any, error) {
				return s.signUps.Update(ctx, "sua_1", &UpdateSignUpParams{ExternalID: new("ext_1"), CustomAction: new(true)})
			},
			check: func(t *testing.T, got any) { assert.Equal(t, "ext_1", got.(*SignUp).ExternalID) },
		},
		{
			name: "SignUps.Update nil", pattern: "PATCH /sign_ups/{id}", path: "/v1/sign_ups/sua_1",
			body: map[string]any{}, answer: string(spectest.Marshal(t, signUp)),
			call: func(s *services) (any, error) { return s.signUps.Update(ctx, "sua_1", nil) },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, srv := setupAll(t, spectest.WithResponseValidation())
			srv.Mux.HandleFunc(tt.pattern, func(w http.ResponseWriter, r *http.Request) {
				assert.Equal(t, "", r.URL.RawQuery, "query")
				if tt.body == nil {
					b, _ := io.ReadAll(r.Body)
					assert.Empty(t, b, "no body")
					assert.Empty(t, r.Header.Get("Content-Type"), "no body, no content type")
				} else {
					assert.Equal(t, tt.body, spectest.ReadJSON(t, r), "body")
				}
				spectest.WriteJSON(w, 200, tt.answer)
			})
			got, err := tt.call(s)
			require.NoError(t, err)
			if tt.check != nil {
				tt.check(t, got)
			}
			method, _, _ := strings.Cut(tt.pattern, " ")
			assert.Equal(t, 1, srv.Count(method, tt.path), "one request to "+tt.path)
		})
	}
}

// TestNewEndpointsRefuseLocally: nil params where a field is required, an
// empty required field, and an empty or unsafe path ID fail with
// ErrInvalidParams before any request, naming what is wrong.
func TestNewEndpointsRefuseLocally(t *testing.T) {
	s, srv := setupAll(t)
	ctx := context.Background()
	attempt := &AttemptVerificationParams{VerificationID: "ver_1", Code: "1"}
	tests := []struct {
		name string
		want string // in the error
		call func() error
	}{
		{"EmailAddresses.Create nil", "needs params", func() error { _, err := s.emails.Create(ctx, nil); return err }},
		{"EmailAddresses.Create no user", "user_id", func() error {
			_, err := s.emails.Create(ctx, &CreateEmailAddressParams{EmailAddress: "a@b.co"})
			return err
		}},
		{"EmailAddresses.Create no address", "email_address", func() error {
			_, err := s.emails.Create(ctx, &CreateEmailAddressParams{UserID: "user_1"})
			return err
		}},
		{"PhoneNumbers.Create nil", "needs params", func() error { _, err := s.phones.Create(ctx, nil); return err }},
		{"PhoneNumbers.Create no user", "user_id", func() error {
			_, err := s.phones.Create(ctx, &CreatePhoneNumberParams{PhoneNumber: "+15555550100"})
			return err
		}},
		{"PhoneNumbers.Create no number", "phone_number", func() error {
			_, err := s.phones.Create(ctx, &CreatePhoneNumberParams{UserID: "user_1"})
			return err
		}},
		{"EmailAddresses.AttemptVerification nil", "needs params", func() error {
			_, err := s.emails.AttemptVerification(ctx, "idn_1", nil)
			return err
		}},
		{"EmailAddresses.AttemptVerification no verification", "verification_id", func() error {
			_, err := s.emails.AttemptVerification(ctx, "idn_1", &AttemptVerificationParams{Code: "1"})
			return err
		}},
		{"PhoneNumbers.AttemptVerification no code", "code", func() error {
			_, err := s.phones.AttemptVerification(ctx, "idn_1", &AttemptVerificationParams{VerificationID: "ver_1"})
			return err
		}},
		{"Users.ReplaceEmailAddress nil", "needs params", func() error {
			_, err := s.users.ReplaceEmailAddress(ctx, "user_1", nil)
			return err
		}},
		{"Users.ReplaceEmailAddress empty", "email_address", func() error {
			_, err := s.users.ReplaceEmailAddress(ctx, "user_1", &ReplaceEmailAddressParams{})
			return err
		}},
		{"Users.ReplacePhoneNumber nil", "needs params", func() error {
			_, err := s.users.ReplacePhoneNumber(ctx, "user_1", nil)
			return err
		}},
		{"Users.ReplacePhoneNumber empty", "phone_number", func() error {
			_, err := s.users.ReplacePhoneNumber(ctx, "user_1", &ReplacePhoneNumberParams{})
			return err
		}},
		// Path IDs: internal.Path refuses them, naming the parameter.
		{"EmailAddresses.Get", "email_address_id", func() error { _, err := s.emails.Get(ctx, ""); return err }},
		{"EmailAddresses.Update", "email_address_id", func() error { _, err := s.emails.Update(ctx, "..", nil); return err }},
		{"EmailAddresses.Delete", "email_address_id", func() error { return s.emails.Delete(ctx, "idn/1") }},
		{"EmailAddresses.PrepareVerification", "email_address_id", func() error {
			_, err := s.emails.PrepareVerification(ctx, "")
			return err
		}},
		{"EmailAddresses.AttemptVerification", "email_address_id", func() error {
			_, err := s.emails.AttemptVerification(ctx, "", attempt)
			return err
		}},
		{"PhoneNumbers.Get", "phone_number_id", func() error { _, err := s.phones.Get(ctx, "a b"); return err }},
		{"PhoneNumbers.Update", "phone_number_id", func() error { _, err := s.phones.Update(ctx, "", nil); return err }},
		{"PhoneNumbers.Delete", "phone_number_id", func() error { return s.phones.Delete(ctx, "") }},
		{"PhoneNumbers.PrepareVerification", "phone_number_id", func() error {
			_, err := s.phones.PrepareVerification(ctx, "?")
			return err
		}},
		{"PhoneNumbers.AttemptVerification", "phone_number_id", func() error {
			_, err := s.phones.AttemptVerification(ctx, "", attempt)
			return err
		}},
		{"Users.ReplaceEmailAddress ID", "user_id", func() error {
			_, err := s.users.ReplaceEmailAddress(ctx, "", &ReplaceEmailAddressParams{EmailAddress: "a@b.co"})
			return err
		}},
		{"Users.ReplacePhoneNumber ID", "user_id", func() error {
			_, err := s.users.ReplacePhoneNumber(ctx, "", &ReplacePhoneNumberParams{PhoneNumber: "+1"})
			return err
		}},
		{"Users.DeleteExternalAccount user", "user_id", func() error { return s.users.DeleteExternalAccount(ctx, "", "eac_1") }},
		{"Users.DeleteExternalAccount account", "external_account_id", func() error { return s.users.DeleteExternalAccount(ctx, "user_1", "") }},
		{"Users.DeletePasskey", "passkey_identification_id", func() error { return s.users.DeletePasskey(ctx, "user_1", "#") }},
		{"Users.DeleteWeb3Wallet", "web3_wallet_identification_id", func() error { return s.users.DeleteWeb3Wallet(ctx, "user_1", "") }},
		{"Users.ListTrustedDevices", "user_id", func() error { _, err := s.users.ListTrustedDevices(ctx, ""); return err }},
		{"Users.RevokeTrustedDevice", "trusted_device_id", func() error {
			_, err := s.users.RevokeTrustedDevice(ctx, "user_1", "%2F")
			return err
		}},
		{"Users.SetPasswordCompromised", "user_id", func() error { _, err := s.users.SetPasswordCompromised(ctx, "", nil); return err }},
		{"Users.UnsetPasswordCompromised", "user_id", func() error { _, err := s.users.UnsetPasswordCompromised(ctx, ""); return err }},
		{"Users.RemovePassword", "user_id", func() error { _, err := s.users.RemovePassword(ctx, "", nil); return err }},
		{"SignUps.Get", "id", func() error { _, err := s.signUps.Get(ctx, ""); return err }},
		{"SignUps.Update", "id", func() error { _, err := s.signUps.Update(ctx, ".", nil); return err }},
	}
	for _, tt := range tests {
		err := tt.call()
		assert.ErrorIs(t, err, internal.ErrInvalidParams, tt.name)
		if err != nil {
			assert.Contains(t, err.Error(), tt.want, tt.name)
		}
	}
	assert.Empty(t, srv.Operations(), "nothing reached the server")
}

// TestNewEndpointsErrors: API errors come back as *APIError matching the
// status sentinels (a Delete that answers 404 included), and a 2xx without
// the resource is ErrInvalidResponse.
func TestNewEndpointsErrors(t *testing.T) {
	s, srv := setupAll(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("DELETE /email_addresses/{email_address_id}", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteError(w, 404, "resource_not_found")
	})
	srv.Mux.HandleFunc("POST /email_addresses/{email_address_id}/attempt_verification", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteError(w, 400, "verification_already_verified")
	})
	srv.Mux.HandleFunc("PUT /users/{user_id}/phone_number", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteError(w, 422, "form_identifier_exists")
	})
	ctx := context.Background()

	err := s.emails.Delete(ctx, "idn_missing")
	assert.ErrorIs(t, err, internal.ErrNotFound)

	v, err := s.emails.AttemptVerification(ctx, "idn_1", &AttemptVerificationParams{VerificationID: "ver_1", Code: "1"})
	assert.Nil(t, v)
	var apiErr *internal.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.True(t, apiErr.HasCode("verification_already_verified"))
	assert.Equal(t, 1, srv.Count("POST", "/v1/email_addresses/idn_1/attempt_verification"), "a POST is not retried")

	_, err = s.users.ReplacePhoneNumber(ctx, "user_1", &ReplacePhoneNumberParams{PhoneNumber: "+15555550100"})
	assert.ErrorIs(t, err, internal.ErrUnprocessable)

	empty, esrv := setupAll(t)
	esrv.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { spectest.WriteJSON(w, 200, "{}") })
	for name, call := range map[string]func() (any, error){
		"EmailAddresses.Get":          func() (any, error) { return empty.emails.Get(ctx, "idn_1") },
		"PhoneNumbers.Prepare":        func() (any, error) { return empty.phones.PrepareVerification(ctx, "idn_1") },
		"SignUps.Get":                 func() (any, error) { return empty.signUps.Get(ctx, "sua_1") },
		"Users.RevokeTrustedDevice":   func() (any, error) { return empty.users.RevokeTrustedDevice(ctx, "user_1", "td_1") },
		"Users.UnsetPasswordCompromi": func() (any, error) { return empty.users.UnsetPasswordCompromised(ctx, "user_1") },
	} {
		_, err := call()
		assert.ErrorIs(t, err, internal.ErrInvalidResponse, name)
	}
}

// verificationResponse is the schema of what prepare_verification and
// attempt_verification answer (a response component, not a schema one).
func verificationResponse(t *testing.T) *openapi3.Schema {
	t.Helper()
	doc, err := spectest.Doc()
	require.NoError(t, err)
	r := doc.Components.Responses["_VerificationResponse"]
	require.NotNil(t, r, "_VerificationResponse")
	mt := r.Value.Content.Get("application/json")
	require.NotNil(t, mt)
	return mt.Schema.Value
}
