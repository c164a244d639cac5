package clerktest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/organizations"
	"github.com/go-clerk/clerk/users"
)

func TestInvitations(t *testing.T) {
	clock := newFakeClock()
	srv, c := newTestServer(t, WithClock(clock.now))
	ctx := context.Background()
	ada := srv.AddUser(users.User{FirstName: "Ada", EmailAddresses: []users.EmailAddress{{EmailAddress: "ada@example.com"}}})
	grace := srv.AddUser(users.User{EmailAddresses: []users.EmailAddress{{EmailAddress: "grace@example.com"}}})
	o := srv.AddOrganization(organizationFor(ada.ID))

	inv := must[*organizations.OrganizationInvitation](t)(c.Organizations.CreateInvitation(ctx, o.ID, &organizations.CreateInvitationParams{
		EmailAddress: "grace@example.com", Role: "org:member", InviterUserID: &ada.ID, ExpiresInDays: clerk.Int(1),
		PublicMetadata: clerk.Metadata{"source": "test"},
	}))
	if inv.Status != organizations.InvitationPending || inv.OrganizationID != o.ID || inv.RoleName != "Member" ||
		inv.PublicInviterData == nil || inv.PublicInviterData.FirstName != "Ada" || inv.ExpiresAt == nil ||
		inv.PublicMetadata["source"] != "test" {
		t.Fatalf("CreateInvitation = %+v", inv)
	}
	clock.advance(time.Second)
	bulk := must[[]*organizations.OrganizationInvitation](t)(c.Organizations.CreateInvitations(ctx, o.ID, []organizations.CreateInvitationParams{
		{EmailAddress: "alan@example.com", Role: "org:member"}, {EmailAddress: "edsger@example.com", Role: "org:admin"},
	}))
	if len(bulk) != 2 || bulk[1].Role != "org:admin" {
		t.Fatalf("CreateInvitations = %+v", bulk)
	}
	_, err := c.Organizations.CreateInvitations(ctx, o.ID, []organizations.CreateInvitationParams{
		{EmailAddress: "barbara@example.com", Role: "org:member"}, {EmailAddress: "x@example.com", Role: "org:nope"},
	})
	wantAPIError(t, err, 422, "form_param_value_invalid")
	_, err = c.Organizations.CreateInvitation(ctx, o.ID, &organizations.CreateInvitationParams{EmailAddress: "not-an-email", Role: "org:member"})
	wantAPIError(t, err, 422, "form_param_format_invalid")

	got := must[*organizations.OrganizationInvitation](t)(c.Organizations.GetInvitation(ctx, o.ID, inv.ID))
	if got.EmailAddress != "grace@example.com" {
		t.Errorf("GetInvitation = %+v", got)
	}
	r := must[*organizations.OrganizationInvitation](t)(c.Organizations.RevokeInvitation(ctx, o.ID, bulk[0].ID, &organizations.RevokeInvitationParams{RequestingUserID: &ada.ID}))
	if r.Status != organizations.InvitationRevoked {
		t.Errorf("RevokeInvitation = %s", r.Status)
	}
	_, err = c.Organizations.RevokeInvitation(ctx, o.ID, bulk[0].ID, nil)
	wantAPIError(t, err, 400, "organization_invitation_not_pending")
	_, err = c.Organizations.GetInvitation(ctx, o.ID, "orginv_nope")
	wantAPIError(t, err, 404, "resource_not_found")

	emails := func(p *organizations.Page[organizations.OrganizationInvitation]) string {
		var out []string
		for _, i := range p.Data {
			out = append(out, strings.TrimSuffix(i.EmailAddress, "@example.com")+":"+string(i.Status))
		}
		return strings.Join(out, ",")
	}
	revoked, pending := organizations.InvitationRevoked, organizations.InvitationPending
	for _, tt := range []struct {
		params *organizations.ListInvitationsParams
		want   string
	}{
		{nil, "edsger:pending,alan:revoked,grace:pending"},
		{&organizations.ListInvitationsParams{OrderBy: clerk.String("-email_address")}, "grace:pending,edsger:pending,alan:revoked"},
		{&organizations.ListInvitationsParams{Status: &revoked}, "alan:revoked"},
		{&organizations.ListInvitationsParams{EmailAddress: clerk.String("grace@example.com")}, "grace:pending"},
	} {
		p := must[*organizations.Page[organizations.OrganizationInvitation]](t)(c.Organizations.ListInvitations(ctx, o.ID, tt.params))
		if got := emails(p); got != tt.want {
			t.Errorf("%+v: %s, want %s", tt.params, got, tt.want)
		}
	}

	// A day later, Grace's one-day invitation has expired.
	clock.advance(25 * time.Hour)
	p := must[*organizations.Page[organizations.OrganizationInvitation]](t)(c.Organizations.ListInvitations(ctx, o.ID, &organizations.ListInvitationsParams{Status: &pending}))
	if got := emails(p); got != "edsger:pending" {
		t.Errorf("pending after a day: %s", got)
	}
	mine := must[*users.Page[users.OrganizationInvitation]](t)(c.Users.ListOrganizationInvitations(ctx, grace.ID, nil))
	if len(mine.Data) != 1 || mine.Data[0].Status != organizations.InvitationExpired || mine.Data[0].PublicOrganizationData.Slug != o.Slug {
		t.Errorf("Grace's invitations: %+v", mine.Data)
	}
	all := must[*organizations.Page[organizations.OrganizationInvitationWithPublicOrganizationData]](t)(c.Organizations.ListInstanceInvitations(ctx, &organizations.ListInstanceInvitationsParams{Query: clerk.String("EDS")}))
	if len(all.Data) != 1 || all.Data[0].PublicOrganizationData.Name != o.Name {
		t.Errorf("instance invitations: %+v", all.Data)
	}
}
