package webhooks_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/go-clerk/clerk/sessions"
	"github.com/go-clerk/clerk/webhooks"
)

// id is the ID suffix most of the spec's examples share.
const id = "2g7np7Hrk0SN6kj5EDMLDaKNL0S"

var (
	t0 = ms(1716883200000) // the examples' usual creation time
	t5 = ms(1716883500000) // and their usual update time
)

func ms(n int64) time.Time { return time.UnixMilli(n).UTC() }

func eq[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func eqTime(t *testing.T, what string, got, want time.Time) {
	t.Helper()
	if !got.Equal(want) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

// eqTimePtr checks an optional time; want 0 means nil.
func eqTimePtr(t *testing.T, what string, got *time.Time, want int64) {
	t.Helper()
	switch {
	case want == 0 && got != nil:
		t.Errorf("%s = %v, want nil", what, *got)
	case want != 0 && got == nil:
		t.Errorf("%s = nil, want %v", what, ms(want))
	case want != 0 && !got.Equal(ms(want)):
		t.Errorf("%s = %v, want %v", what, *got, ms(want))
	}
}

// accessors are all the typed accessors, by name.
var accessors = map[string]func(*webhooks.Event) (any, error){
	"User":                   func(e *webhooks.Event) (any, error) { return e.User() },
	"Session":                func(e *webhooks.Event) (any, error) { return e.Session() },
	"Organization":           func(e *webhooks.Event) (any, error) { return e.Organization() },
	"OrganizationMembership": func(e *webhooks.Event) (any, error) { return e.OrganizationMembership() },
	"OrganizationInvitation": func(e *webhooks.Event) (any, error) { return e.OrganizationInvitation() },
	"OrganizationDomain":     func(e *webhooks.Event) (any, error) { return e.OrganizationDomain() },
	"Deleted":                func(e *webhooks.Event) (any, error) { return e.Deleted() },
	"Role":                   func(e *webhooks.Event) (any, error) { return e.Role() },
	"Permission":             func(e *webhooks.Event) (any, error) { return e.Permission() },
	"Email":                  func(e *webhooks.Event) (any, error) { return e.Email() },
	"SMS":                    func(e *webhooks.Event) (any, error) { return e.SMS() },
	"WaitlistEntry":          func(e *webhooks.Event) (any, error) { return e.WaitlistEntry() },
	"Subscription":           func(e *webhooks.Event) (any, error) { return e.Subscription() },
	"SubscriptionItem":       func(e *webhooks.Event) (any, error) { return e.SubscriptionItem() },
	"PaymentAttempt":         func(e *webhooks.Event) (any, error) { return e.PaymentAttempt() },
}

type specCase struct {
	accessor string // the one accessor that decodes the event
	check    func(t *testing.T, ev *webhooks.Event)
}

func userCase(last string, updatedAt time.Time, lastSignInAt int64, department any) specCase {
	return specCase{"User", func(t *testing.T, ev *webhooks.Event) {
		u, err := ev.User()
		if err != nil {
			t.Fatal(err)
		}
		eq(t, "ID", u.ID, "user_"+id)
		eq(t, "FirstName", u.FirstName, "John")
		eq(t, "LastName", u.LastName, last)
		eq(t, "PrimaryEmailAddressID", u.PrimaryEmailAddressID, "idn_"+id)
		eq(t, "ExternalID", u.ExternalID, "")
		eqTime(t, "CreatedAt", u.CreatedAt, t0)
		eqTime(t, "UpdatedAt", u.UpdatedAt, updatedAt)
		eqTimePtr(t, "LastSignInAt", u.LastSignInAt, lastSignInAt)
		eq(t, `PublicMetadata["department"]`, u.PublicMetadata["department"], department)
	}}
}

func deletedCase(object, objectID, slug, externalID string) specCase {
	return specCase{"Deleted", func(t *testing.T, ev *webhooks.Event) {
		d, err := ev.Deleted()
		if err != nil {
			t.Fatal(err)
		}
		want := webhooks.DeletedObject{Object: object, ID: objectID, Slug: slug, Deleted: true, ExternalID: externalID}
		eq(t, "DeletedObject", *d, want)
	}}
}

func sessionCase(status sessions.Status, abandonAt int64) specCase {
	return specCase{"Session", func(t *testing.T, ev *webhooks.Event) {
		s, err := ev.Session()
		if err != nil {
			t.Fatal(err)
		}
		eq(t, "ID", s.ID, "sess_"+id)
		eq(t, "UserID", s.UserID, "user_"+id)
		eq(t, "ClientID", s.ClientID, "client_"+id)
		eq(t, "Status", s.Status, status)
		eqTime(t, "CreatedAt", s.CreatedAt, t0)
		eqTime(t, "ExpireAt", s.ExpireAt, ms(1716969600000))
		eqTime(t, "AbandonAt", s.AbandonAt, ms(abandonAt))
		if s.User == nil {
			t.Fatal("no user")
		}
		eq(t, "User.ID", s.User.ID, "user_"+id)
		eq(t, "User.FirstName", s.User.FirstName, "John")
	}}
}

func organizationCase(name, slug string, maxMemberships int) specCase {
	return specCase{"Organization", func(t *testing.T, ev *webhooks.Event) {
		o, err := ev.Organization()
		if err != nil {
			t.Fatal(err)
		}
		eq(t, "ID", o.ID, "org_"+id)
		eq(t, "Name", o.Name, name)
		eq(t, "Slug", o.Slug, slug)
		eq(t, "CreatedBy", o.CreatedBy, "user_"+id)
		eq(t, "MaxAllowedMemberships", o.MaxAllowedMemberships, maxMemberships)
		eqTime(t, "CreatedAt", o.CreatedAt, t0)
	}}
}

func membershipCase(role string, permissions int, membersCount int, updatedAt time.Time) specCase {
	return specCase{"OrganizationMembership", func(t *testing.T, ev *webhooks.Event) {
		m, err := ev.OrganizationMembership()
		if err != nil {
			t.Fatal(err)
		}
		eq(t, "ID", m.ID, "orgmem_"+id)
		eq(t, "Role", m.Role, role)
		eq(t, "len(Permissions)", len(m.Permissions), permissions)
		eq(t, "Permissions[0]", m.Permissions[0], "org:posts:read")
		eq(t, "Organization.ID", m.Organization.ID, "org_"+id)
		eq(t, "Organization.Name", m.Organization.Name, "Acme Corp")
		if m.Organization.MembersCount == nil || *m.Organization.MembersCount != membersCount {
			t.Errorf("Organization.MembersCount = %v, want %d", m.Organization.MembersCount, membersCount)
		}
		eq(t, "PublicUserData.UserID", m.PublicUserData.UserID, "user_2h8op3Isl1QR7tKu5FGNfaLKEoU")
		eq(t, "PublicUserData.Identifier", m.PublicUserData.Identifier, "jane.doe@acme.com")
		eqTime(t, "CreatedAt", m.CreatedAt, t0)
		eqTime(t, "UpdatedAt", m.UpdatedAt, updatedAt)
	}}
}

func invitationCase(status, acceptedBy string, updatedAt time.Time) specCase {
	return specCase{"OrganizationInvitation", func(t *testing.T, ev *webhooks.Event) {
		i, err := ev.OrganizationInvitation()
		if err != nil {
			t.Fatal(err)
		}
		eq(t, "ID", i.ID, "orginv_"+id)
		eq(t, "EmailAddress", i.EmailAddress, "jane.doe@acme.com")
		eq(t, "Role", i.Role, "org:member")
		eq(t, "OrganizationID", i.OrganizationID, "org_"+id)
		eq(t, "Status", string(i.Status), status)
		eq(t, "UserID", i.UserID, acceptedBy)
		eq(t, "URL", i.URL.Reveal(), "https://accounts.acme.com/accept-invitation?token=abc123")
		eqTimePtr(t, "ExpiresAt", i.ExpiresAt, 1717487999000)
		eqTime(t, "UpdatedAt", i.UpdatedAt, updatedAt)
	}}
}

func permissionCase(name, description string, updatedAt time.Time) specCase {
	return specCase{"Permission", func(t *testing.T, ev *webhooks.Event) {
		p, err := ev.Permission()
		if err != nil {
			t.Fatal(err)
		}
		eq(t, "ID", p.ID, "perm_"+id)
		eq(t, "Key", p.Key, "org:posts:create")
		eq(t, "Name", p.Name, name)
		eq(t, "Description", p.Description, description)
		eq(t, "Type", p.Type, "custom")
		eqTime(t, "CreatedAt", p.CreatedAt, t0)
		eqTime(t, "UpdatedAt", p.UpdatedAt, updatedAt)
	}}
}

func roleCase(key, name string, permissionKeys ...string) specCase {
	return specCase{"Role", func(t *testing.T, ev *webhooks.Event) {
		r, err := ev.Role()
		if err != nil {
			t.Fatal(err)
		}
		eq(t, "ID", r.ID, "role_"+id)
		eq(t, "Key", r.Key, key)
		eq(t, "Name", r.Name, name)
		eqTime(t, "CreatedAt", r.CreatedAt, t0)
		var keys []string
		for _, p := range r.Permissions {
			keys = append(keys, p.Key)
			eqTime(t, "Permissions[].CreatedAt", p.CreatedAt, t0)
		}
		eq(t, "Permissions", strings.Join(keys, " "), strings.Join(permissionKeys, " "))
	}}
}

func subscriptionCase(status string, pastDueAt int64, updatedAt time.Time, seats bool) specCase {
	return specCase{"Subscription", func(t *testing.T, ev *webhooks.Event) {
		s, err := ev.Subscription()
		if err != nil {
			t.Fatal(err)
		}
		eq(t, "ID", s.ID, "csub_"+id)
		eq(t, "Status", s.Status, status)
		eqTimePtr(t, "ActiveAt", s.ActiveAt, 1716883200000)
		eqTimePtr(t, "CanceledAt", s.CanceledAt, 0)
		eqTimePtr(t, "PastDueAt", s.PastDueAt, pastDueAt)
		eqTime(t, "UpdatedAt", s.UpdatedAt, updatedAt)
		eq(t, "LatestPaymentID", s.LatestPaymentID, "cpa_"+id)
		eq(t, "PayerID", s.PayerID, "cpayer_"+id)
		eq(t, "Payer.ID", s.Payer.ID, "cpayer_"+id)
		eq(t, "Payer.Email", s.Payer.Email, "test@example.com")
		eqTimePtr(t, "Payer.CreatedAt", s.Payer.CreatedAt, t0.UnixMilli())
		eq(t, "PaymentSourceID", s.PaymentSourceID, "cps_"+id)
		if len(s.Items) != 1 {
			t.Fatalf("%d items", len(s.Items))
		}
		it := s.Items[0]
		eq(t, "Items[0].ID", it.ID, "csub_item_"+id)
		eq(t, "Items[0].Plan.Name", it.Plan.Name, "Pro Plan")
		eq(t, "Items[0].Plan.Amount", it.Plan.Amount, int64(2000))
		eqTimePtr(t, "Items[0].PeriodEnd", it.PeriodEnd, 1719561600000)
		if seats {
			if it.Seats == nil || it.Seats.Quantity == nil || *it.Seats.Quantity != 5 {
				t.Errorf("Items[0].Seats = %+v, want 5", it.Seats)
			}
			tier := it.Plan.UnitPrices[0].Tiers[0]
			if tier.EndsAfterBlock == nil || *tier.EndsAfterBlock != 5 || tier.StartsAtBlock != 1 {
				t.Errorf("Items[0].Plan.UnitPrices[0].Tiers[0] = %+v", tier)
			}
		}
	}}
}

func subscriptionItemCase(status string, freeTrial bool, plan string, periodStart time.Time, periodEnd int64) specCase {
	return specCase{"SubscriptionItem", func(t *testing.T, ev *webhooks.Event) {
		s, err := ev.SubscriptionItem()
		if err != nil {
			t.Fatal(err)
		}
		eq(t, "ID", s.ID, "csub_item_"+id)
		eq(t, "Status", s.Status, status)
		eq(t, "IsFreeTrial", s.IsFreeTrial, freeTrial)
		eq(t, "Interval", s.Interval, "month")
		eq(t, "PlanID", s.PlanID, "cplan_"+id)
		eq(t, "Plan.Name", s.Plan.Name, plan)
		eq(t, "SubscriptionID", s.SubscriptionID, "csub_"+id)
		eq(t, "Payer.UserID", s.Payer.UserID, "user_34D368EufHwugfYh4yyGNEheM0S")
		eqTime(t, "PeriodStart", s.PeriodStart, periodStart)
		eqTimePtr(t, "PeriodEnd", s.PeriodEnd, periodEnd)
	}}
}

func paymentAttemptCase(status string, paidAt int64) specCase {
	return specCase{"PaymentAttempt", func(t *testing.T, ev *webhooks.Event) {
		p, err := ev.PaymentAttempt()
		if err != nil {
			t.Fatal(err)
		}
		eq(t, "ID", p.ID, "pa_"+id)
		eq(t, "Status", p.Status, status)
		eq(t, "PaymentID", p.PaymentID, "cpa_"+id)
		eq(t, "StatementID", p.StatementID, "stmt_"+id)
		eq(t, "ChargeType", p.ChargeType, "recurring")
		eqTime(t, "BillingDate", p.BillingDate, t0)
		eqTimePtr(t, "PaidAt", p.PaidAt, paidAt)
		eqTimePtr(t, "FailedAt", p.FailedAt, 0)
		if p.FailedReason != nil {
			t.Errorf("FailedReason = %+v", p.FailedReason)
		}
		eq(t, "Payee.GatewayType", p.Payee.GatewayType, "stripe")
		eq(t, "Payer.UserID", p.Payer.UserID, "user_"+id)
		eq(t, "Totals.GrandTotal", p.Totals.GrandTotal, webhooks.BillingAmount{Amount: 2200, AmountFormatted: "$22.00", Currency: "USD", CurrencySymbol: "$"})
		eq(t, "PaymentSource.Last4", p.PaymentSource.Last4, "4242")
		if len(p.SubscriptionItems) != 1 {
			t.Fatalf("%d subscription items", len(p.SubscriptionItems))
		}
		it := p.SubscriptionItems[0]
		eq(t, "SubscriptionItems[0].Plan.Slug", it.Plan.Slug, "pro-plan")
		if c := it.Credits; c == nil || c.Payer == nil || c.Proration == nil {
			t.Fatalf("SubscriptionItems[0].Credits = %+v", c)
		}
		eq(t, "Credits.Payer.AppliedAmount.Amount", it.Credits.Payer.AppliedAmount.Amount, int64(200))
		eq(t, "Credits.Proration.CycleRemainingPercent", it.Credits.Proration.CycleRemainingPercent, 0.5)
		eq(t, "Credits.Total.Amount", it.Credits.Total.Amount, int64(500))
	}}
}

// specCases has a check for every event type of the spec, of its example's
// data through the accessor for that type.
var specCases = map[webhooks.EventType]specCase{
	webhooks.UserCreated: userCase("Doe", t0, 1716883200000, nil),
	webhooks.UserUpdated: userCase("Doe Updated", t5, 1716883400000, "engineering"),
	webhooks.UserDeleted: deletedCase("user", "user_"+id, "", "ex_123456789"),

	webhooks.SessionCreated: sessionCase(sessions.StatusActive, 1719475200000),
	webhooks.SessionPending: sessionCase(sessions.StatusPending, 1716969600000),
	webhooks.SessionEnded:   sessionCase(sessions.StatusEnded, 1716969600000),
	webhooks.SessionRemoved: sessionCase(sessions.StatusRemoved, 1716969600000),
	webhooks.SessionRevoked: sessionCase(sessions.StatusRevoked, 1716969600000),

	webhooks.OrganizationCreated: organizationCase("Acme Corp", "acme-corp", 5),
	webhooks.OrganizationUpdated: organizationCase("Acme Corp Updated", "acme-corp-updated", 10),
	webhooks.OrganizationDeleted: deletedCase("organization", "org_"+id, "acme-corp", ""),

	webhooks.OrganizationDomainCreated: {"OrganizationDomain", func(t *testing.T, ev *webhooks.Event) {
		d, err := ev.OrganizationDomain()
		if err != nil {
			t.Fatal(err)
		}
		eq(t, "ID", d.ID, "orgdmn_"+id)
		eq(t, "OrganizationID", d.OrganizationID, "org_"+id)
		eq(t, "Name", d.Name, "acme.com")
		eq(t, "EnrollmentMode", d.EnrollmentMode, "automatic_invitation")
		eq(t, "AffiliationEmailAddress", d.AffiliationEmailAddress, "admin@acme.com")
		//lint:ignore SA1019 the spec's example sets the deprecated field (organizations.OrganizationDomain's, since webhooks aliases it)
		eq(t, "Verification", d.Verification, nil)
		eq(t, "TotalPendingSuggestions", d.TotalPendingSuggestions, 2)
		if d.PublicOrganizationData == nil || d.PublicOrganizationData.Slug != "acme-corp" {
			t.Errorf("PublicOrganizationData = %+v", d.PublicOrganizationData)
		}
		eqTime(t, "CreatedAt", d.CreatedAt, t0)
	}},
	webhooks.OrganizationDomainUpdated: {"OrganizationDomain", func(t *testing.T, ev *webhooks.Event) {
		d, err := ev.OrganizationDomain()
		if err != nil {
			t.Fatal(err)
		}
		eq(t, "ID", d.ID, "orgdm_"+id)
		eq(t, "EnrollmentMode", d.EnrollmentMode, "automatic_suggestion")
		eq(t, "TotalPendingInvitations", d.TotalPendingInvitations, 2)
		eqTime(t, "UpdatedAt", d.UpdatedAt, t5)
		//lint:ignore SA1019 the spec's example sets only the deprecated field
		v := d.Verification
		if v == nil || v.Attempts == nil {
			t.Fatalf("Verification = %+v", v)
		}
		eq(t, "Verification.Status", v.Status, "verified")
		eq(t, "Verification.Strategy", v.Strategy, "email_code")
		eq(t, "Verification.Attempts", *v.Attempts, 1)
		eqTimePtr(t, "Verification.ExpireAt", v.ExpireAt, 0)
	}},
	webhooks.OrganizationDomainDeleted: deletedCase("organization_domain", "orgdm_"+id, "", ""),

	webhooks.OrganizationInvitationCreated:  invitationCase("pending", "", t0),
	webhooks.OrganizationInvitationAccepted: invitationCase("accepted", "user_2h8op3Isl1QR7tKu5FGNfaLKEoU", t5),
	webhooks.OrganizationInvitationRevoked:  invitationCase("revoked", "", t5),

	webhooks.OrganizationMembershipCreated: membershipCase("org:member", 2, 2, t0),
	webhooks.OrganizationMembershipUpdated: membershipCase("org:admin", 4, 2, t5),
	webhooks.OrganizationMembershipDeleted: membershipCase("org:member", 2, 1, t0),

	webhooks.RoleCreated: roleCase("org:content_manager", "Content Manager", "org:posts:create"),
	webhooks.RoleUpdated: roleCase("editor", "Editor", "org:posts:edit", "org:posts:publish"),
	webhooks.RoleDeleted: deletedCase("role", "role_"+id, "", ""),

	webhooks.PermissionCreated: permissionCase("Create Posts", "Ability to create new posts in the organization", t0),
	webhooks.PermissionUpdated: permissionCase("Create and Edit Posts", "Ability to create and edit posts in the organization", t5),
	webhooks.PermissionDeleted: deletedCase("permission", "perm_"+id, "", ""),

	webhooks.EmailCreated: {"Email", func(t *testing.T, ev *webhooks.Event) {
		e, err := ev.Email()
		if err != nil {
			t.Fatal(err)
		}
		eq(t, "ID", e.ID, "ema_abcd")
		eq(t, "Slug", e.Slug, "verification_code")
		eq(t, "FromEmailName", e.FromEmailName, "notifications")
		eq(t, "ToEmailAddress", e.ToEmailAddress, "johndoe@acme.com")
		eq(t, "EmailAddressID", e.EmailAddressID, "idn_abcd")
		eq(t, "UserID", e.UserID, "user_abcd")
		eq(t, "Subject", e.Subject, "123456 is your verification code")
		eq(t, "Status", e.Status, "queued")
		eq(t, "DeliveredByClerk", e.DeliveredByClerk, true)
		eq(t, `Data["otp_code"]`, e.Data["otp_code"], any("123456"))
		if !strings.HasPrefix(e.Body, "<!DOCTYPE html") || !strings.HasPrefix(e.BodyPlain, "123456 is your OTP code") {
			t.Errorf("Body %.20q, BodyPlain %.20q", e.Body, e.BodyPlain)
		}
	}},
	webhooks.SMSCreated: {"SMS", func(t *testing.T, ev *webhooks.Event) {
		s, err := ev.SMS()
		if err != nil {
			t.Fatal(err)
		}
		eq(t, "ID", s.ID, "sms_"+id)
		eq(t, "FromPhoneNumber", s.FromPhoneNumber, "+12345678901")
		eq(t, "ToPhoneNumber", s.ToPhoneNumber, "+19876543210")
		eq(t, "PhoneNumberID", s.PhoneNumberID, "idn_"+id)
		eq(t, "UserID", s.UserID, "user_"+id)
		eq(t, "Message", s.Message, "Your verification code is 123456")
		eq(t, "Status", s.Status, "queued")
		eqTime(t, "CreatedAt (the example's created_at)", s.CreatedAt, t0)
	}},

	webhooks.WaitlistEntryCreated: {"WaitlistEntry", func(t *testing.T, ev *webhooks.Event) {
		w, err := ev.WaitlistEntry()
		if err != nil {
			t.Fatal(err)
		}
		eq(t, "ID", w.ID, "wle_"+id)
		eq(t, "EmailAddress", w.EmailAddress, "john.doe@example.com")
		eq(t, "Status", w.Status, "pending")
		eq(t, "Invitation", w.Invitation, nil)
		eqTime(t, "CreatedAt", w.CreatedAt, t0)
	}},
	webhooks.WaitlistEntryUpdated: {"WaitlistEntry", func(t *testing.T, ev *webhooks.Event) {
		w, err := ev.WaitlistEntry()
		if err != nil {
			t.Fatal(err)
		}
		eq(t, "ID", w.ID, "wle_"+id)
		eq(t, "Status", w.Status, "invited")
		eqTime(t, "UpdatedAt", w.UpdatedAt, t5)
		if w.Invitation == nil {
			t.Fatal("no invitation")
		}
		eq(t, "Invitation.ID", w.Invitation.ID, "inv_"+id)
		eq(t, "Invitation.Status", w.Invitation.Status, "pending")
		eqTime(t, "Invitation.CreatedAt", w.Invitation.CreatedAt, t5)
	}},

	webhooks.SubscriptionCreated: subscriptionCase("active", 0, t0, true),
	webhooks.SubscriptionUpdated: subscriptionCase("active", 0, t5, false),
	webhooks.SubscriptionActive:  subscriptionCase("active", 0, t0, false),
	webhooks.SubscriptionPastDue: subscriptionCase("past_due", 1716969600000, ms(1716969600000), false),

	webhooks.SubscriptionItemUpdated:         subscriptionItemCase("active", false, "Pro Plan", t0, 1719561600000),
	webhooks.SubscriptionItemActive:          subscriptionItemCase("active", false, "Free Plan", t0, 0),
	webhooks.SubscriptionItemCanceled:        subscriptionItemCase("canceled", false, "Pro Plan", t0, 1719561600000),
	webhooks.SubscriptionItemUpcoming:        subscriptionItemCase("upcoming", false, "Pro Plan", ms(1719561600000), 1722240000000),
	webhooks.SubscriptionItemEnded:           subscriptionItemCase("ended", false, "Pro Plan", t0, 0),
	webhooks.SubscriptionItemAbandoned:       subscriptionItemCase("abandoned", false, "Pro Plan", t0, 1719561600000),
	webhooks.SubscriptionItemIncomplete:      subscriptionItemCase("incomplete", false, "Pro Plan", t0, 1719561600000),
	webhooks.SubscriptionItemPastDue:         subscriptionItemCase("past_due", false, "Pro Plan", t0, 1719561600000),
	webhooks.SubscriptionItemFreeTrialEnding: subscriptionItemCase("active", true, "Premium Plan with Trial", t0, 1719561600000),

	webhooks.PaymentAttemptCreated: paymentAttemptCase("pending", 0),
	webhooks.PaymentAttemptUpdated: paymentAttemptCase("paid", 1716883500000),
}

// Every example of the webhook spec verifies, and decodes through the
// accessor of its type, and through no other.
func TestSpecExamples(t *testing.T) {
	examples := specExamples(t)
	if len(examples) != 45 {
		t.Errorf("%d examples in testdata, the spec has 45 event types", len(examples))
	}
	for typ := range examples {
		if _, ok := specCases[typ]; !ok {
			t.Errorf("spec event type %s has no case (and maybe no constant)", typ)
		}
	}
	for typ := range specCases {
		if _, ok := examples[typ]; !ok {
			t.Errorf("constant %s is not an event type of the spec", typ)
		}
	}
	v := newVerifier(t)
	for typ, payload := range examples {
		tc, ok := specCases[typ]
		if !ok {
			continue
		}
		t.Run(string(typ), func(t *testing.T) {
			ev, err := v.Verify(payload, delivery(t, testSecret, "msg_"+id, testNow, payload))
			if err != nil {
				t.Fatal(err)
			}
			eq(t, "Type", ev.Type, typ)
			eq(t, "Object", ev.Object, "event")
			eqTime(t, "Timestamp (seconds in the spec)", ev.Timestamp, testNow)
			if typ == webhooks.EmailCreated {
				eq(t, "InstanceID", ev.InstanceID, "ins_123")
				eq(t, "ClientIP", ev.Attributes.HTTPRequest.ClientIP, "0.0.0.0")
			} else {
				eq(t, "InstanceID", ev.InstanceID, "ins_"+id)
				eq(t, "ClientIP", ev.Attributes.HTTPRequest.ClientIP, "192.168.1.100")
			}
			if !strings.HasPrefix(ev.Attributes.HTTPRequest.UserAgent, "Mozilla/5.0") {
				t.Errorf("UserAgent = %q", ev.Attributes.HTTPRequest.UserAgent)
			}
			tc.check(t, ev)

			for name, get := range accessors {
				v, err := get(ev)
				if name == tc.accessor {
					if err != nil {
						t.Errorf("%s: %v", name, err)
					}
					continue
				}
				if !errors.Is(err, webhooks.ErrWrongEventType) || !strings.Contains(err.Error(), string(typ)) {
					t.Errorf("%s on %s: got %v, want ErrWrongEventType naming the type", name, typ, err)
				}
				if !reflect.ValueOf(v).IsNil() {
					t.Errorf("%s on %s returned a value with its error", name, typ)
				}
			}
		})
	}
}
