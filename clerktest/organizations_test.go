package clerktest

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/organizations"
	"github.com/go-clerk/clerk/users"
)

func TestOrganizationLifecycle(t *testing.T) {
	srv, c := newTestServer(t)
	ctx := context.Background()
	ada := srv.AddUser(users.User{EmailAddresses: []users.EmailAddress{{EmailAddress: "ada@example.com"}}})
	o := must[*organizations.Organization](t)(c.Organizations.Create(ctx, &organizations.CreateParams{
		Name: "Acme Corp", CreatedBy: &ada.ID, PublicMetadata: clerk.Metadata{"plan": "pro"}, MaxAllowedMemberships: clerk.Int(2),
	}))
	if o.Slug != "acme-corp" || o.CreatedBy != ada.ID || o.PublicMetadata["plan"] != "pro" || o.Object != "organization" {
		t.Fatalf("Create = %+v", o)
	}
	bySlug := must[*organizations.Organization](t)(c.Organizations.Get(ctx, "acme-corp", &organizations.GetParams{IncludeMembersCount: clerk.Bool(true)}))
	if bySlug.ID != o.ID || bySlug.MembersCount == nil || *bySlug.MembersCount != 1 {
		t.Errorf("Get by slug = %+v", bySlug)
	}
	_, err := c.Organizations.Create(ctx, &organizations.CreateParams{Name: "Acme, Corp."})
	wantAPIError(t, err, 422, "form_identifier_exists") // its slug would be acme-corp too
	_, err = c.Organizations.Create(ctx, &organizations.CreateParams{Name: "x", Slug: clerk.String("Not A Slug")})
	wantAPIError(t, err, 422, "form_param_format_invalid")
	_, err = c.Organizations.Create(ctx, &organizations.CreateParams{Name: "x", CreatedBy: clerk.String("user_nope")})
	wantAPIError(t, err, 422, "form_param_value_invalid")

	o = must[*organizations.Organization](t)(c.Organizations.Update(ctx, o.ID, &organizations.UpdateParams{
		Name: clerk.String("Acme Inc"), Slug: clerk.String("acme"), AdminDeleteEnabled: clerk.Bool(true),
	}))
	if o.Name != "Acme Inc" || o.Slug != "acme" || !o.AdminDeleteEnabled {
		t.Errorf("Update = %+v", o)
	}
	o = must[*organizations.Organization](t)(c.Organizations.UpdateMetadata(ctx, o.ID, &organizations.MetadataParams{
		Public: clerk.Metadata{"plan": nil, "seats": 5}, Private: clerk.Metadata{"crm": "x1"},
	}))
	if jsonOf(t, o.PublicMetadata) != `{"seats":5}` || o.PrivateMetadata["crm"] != "x1" {
		t.Errorf("UpdateMetadata: %v %v", o.PublicMetadata, o.PrivateMetadata)
	}
	o = must[*organizations.Organization](t)(c.Organizations.ReplaceMetadata(ctx, o.ID, &organizations.MetadataParams{Public: clerk.Metadata{"a": true}}))
	if jsonOf(t, o.PublicMetadata) != `{"a":true}` || o.PrivateMetadata["crm"] != "x1" {
		t.Errorf("ReplaceMetadata: %v %v", o.PublicMetadata, o.PrivateMetadata)
	}

	grace := srv.AddUser(users.User{})
	must[*organizations.OrganizationMembership](t)(c.Organizations.CreateMembership(ctx, o.ID, &organizations.CreateMembershipParams{UserID: grace.ID, Role: "org:member"}))
	must[*organizations.OrganizationInvitation](t)(c.Organizations.CreateInvitation(ctx, o.ID, &organizations.CreateInvitationParams{EmailAddress: "alan@example.com", Role: "org:member"}))
	if err := c.Organizations.Delete(ctx, o.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Organizations.Get(ctx, o.ID, nil); !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("Get after Delete: %v", err)
	}
	if p := must[*organizations.Page[organizations.OrganizationMembership]](t)(c.Users.ListOrganizationMemberships(ctx, grace.ID, nil)); len(p.Data) != 0 {
		t.Errorf("memberships outlive their organization: %+v", p.Data)
	}
	if p := must[*organizations.Page[organizations.OrganizationInvitationWithPublicOrganizationData]](t)(c.Organizations.ListInstanceInvitations(ctx, nil)); len(p.Data) != 0 {
		t.Errorf("invitations outlive their organization: %+v", p.Data)
	}
}

func TestOrganizationsList(t *testing.T) {
	clock := newFakeClock()
	srv, c := newTestServer(t, WithClock(clock.now))
	ctx := context.Background()
	ada := srv.AddUser(users.User{})
	grace := srv.AddUser(users.User{})
	var orgs []*organizations.Organization
	for _, name := range []string{"Beta", "Alpha", "Gamma"} {
		orgs = append(orgs, srv.AddOrganization(organizations.Organization{Name: name, CreatedBy: ada.ID}))
		clock.advance(time.Second)
	}
	srv.AddMembership(orgs[1].ID, grace.ID, "org:member")
	srv.AddMembership(orgs[2].ID, grace.ID, "org:member")
	orgNames := func(p *organizations.Page[organizations.Organization]) string {
		var out []string
		for _, o := range p.Data {
			out = append(out, o.Name)
		}
		return strings.Join(out, ",")
	}
	for _, tt := range []struct {
		name   string
		params *organizations.ListParams
		want   string
		total  int64
	}{
		{"newest first", nil, "Gamma,Alpha,Beta", 3},
		{"by name", &organizations.ListParams{OrderBy: clerk.String("name")}, "Alpha,Beta,Gamma", 3},
		{"by members, most first", &organizations.ListParams{OrderBy: clerk.String("-members_count")}, "Gamma,Alpha,Beta", 3},
		{"a page", &organizations.ListParams{Limit: clerk.Int(1), Offset: clerk.Int(1)}, "Alpha", 3},
		{"query", &organizations.ListParams{Query: clerk.String("amm")}, "Gamma", 1},
		{"a member's", &organizations.ListParams{UserIDs: []string{grace.ID}}, "Gamma,Alpha", 2},
		{"not a member's", &organizations.ListParams{UserIDs: []string{"-" + grace.ID}}, "Beta", 1},
		{"by ID", &organizations.ListParams{OrganizationIDs: []string{orgs[0].ID}}, "Beta", 1},
	} {
		p := must[*organizations.Page[organizations.Organization]](t)(c.Organizations.List(ctx, tt.params))
		if got := orgNames(p); got != tt.want || p.TotalCount != tt.total {
			t.Errorf("%s: %s (%d), want %s (%d)", tt.name, got, p.TotalCount, tt.want, tt.total)
		}
	}
	p := must[*organizations.Page[organizations.Organization]](t)(c.Organizations.List(ctx, &organizations.ListParams{IncludeMembersCount: clerk.Bool(true)}))
	if p.Data[0].MembersCount == nil || *p.Data[0].MembersCount != 2 {
		t.Errorf("members count: %+v", p.Data[0])
	}
	n := 0
	for _, err := range c.Organizations.All(ctx, &organizations.ListParams{Limit: clerk.Int(2)}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 3 {
		t.Errorf("All: %d", n)
	}
}

func TestMemberships(t *testing.T) {
	clock := newFakeClock()
	srv, c := newTestServer(t, WithClock(clock.now))
	ctx := context.Background()
	mk := func(email, first string) *users.User {
		clock.advance(time.Second)
		return srv.AddUser(users.User{FirstName: first, EmailAddresses: []users.EmailAddress{{EmailAddress: email}}})
	}
	ada, grace, alan := mk("ada@example.com", "Ada"), mk("grace@example.com", "Grace"), mk("alan@example.com", "Alan")
	o := must[*organizations.Organization](t)(c.Organizations.Create(ctx, &organizations.CreateParams{Name: "Acme", CreatedBy: &ada.ID, MaxAllowedMemberships: clerk.Int(3)}))
	clock.advance(time.Second)
	m := must[*organizations.OrganizationMembership](t)(c.Organizations.CreateMembership(ctx, o.ID, &organizations.CreateMembershipParams{
		UserID: grace.ID, Role: "org:member", PublicMetadata: clerk.Metadata{"team": "core"},
	}))
	if m.Role != "org:member" || m.Organization.ID != o.ID || m.Organization.Name != "Acme" ||
		m.PublicUserData.UserID != grace.ID || m.PublicUserData.Identifier != "grace@example.com" ||
		m.PublicUserData.FirstName != "Grace" || m.PublicMetadata["team"] != "core" || len(m.Permissions) == 0 {
		t.Fatalf("CreateMembership = %+v", m)
	}
	_, err := c.Organizations.CreateMembership(ctx, o.ID, &organizations.CreateMembershipParams{UserID: grace.ID, Role: "org:member"})
	wantAPIError(t, err, 400, "already_a_member_in_organization")
	_, err = c.Organizations.CreateMembership(ctx, o.ID, &organizations.CreateMembershipParams{UserID: alan.ID, Role: "org:viewer"})
	wantAPIError(t, err, 422, "form_param_value_invalid")
	_, err = c.Organizations.CreateMembership(ctx, o.ID, &organizations.CreateMembershipParams{UserID: "user_nope", Role: "org:member"})
	wantAPIError(t, err, 404, "resource_not_found")
	srv.AddRole("org:viewer", "org:reports:read")
	clock.advance(time.Second)
	must[*organizations.OrganizationMembership](t)(c.Organizations.CreateMembership(ctx, o.ID, &organizations.CreateMembershipParams{UserID: alan.ID, Role: "org:viewer"}))
	_, err = c.Organizations.CreateMembership(ctx, o.ID, &organizations.CreateMembershipParams{UserID: srv.AddUser(users.User{}).ID, Role: "org:member"})
	wantAPIError(t, err, 403, "organization_membership_quota_exceeded")

	list := func(p *organizations.ListMembershipsParams) string {
		t.Helper()
		page := must[*organizations.Page[organizations.OrganizationMembership]](t)(c.Organizations.ListMemberships(ctx, o.ID, p))
		var out []string
		for _, m := range page.Data {
			out = append(out, m.PublicUserData.FirstName+":"+m.Role)
		}
		return strings.Join(out, ",")
	}
	for _, tt := range []struct {
		params *organizations.ListMembershipsParams
		want   string
	}{
		{nil, "Ada:org:admin,Grace:org:member,Alan:org:viewer"},
		{&organizations.ListMembershipsParams{OrderBy: clerk.String("-created_at")}, "Alan:org:viewer,Grace:org:member,Ada:org:admin"},
		{&organizations.ListMembershipsParams{OrderBy: clerk.String("first_name")}, "Ada:org:admin,Alan:org:viewer,Grace:org:member"},
		{&organizations.ListMembershipsParams{Roles: []string{"org:admin", "org:viewer"}}, "Ada:org:admin,Alan:org:viewer"},
		{&organizations.ListMembershipsParams{EmailAddresses: []string{"grace@example.com"}}, "Grace:org:member"},
		{&organizations.ListMembershipsParams{Query: clerk.String("ala")}, "Alan:org:viewer"},
		{&organizations.ListMembershipsParams{Limit: clerk.Int(1), Offset: clerk.Int(2)}, "Alan:org:viewer"},
	} {
		if got := list(tt.params); got != tt.want {
			t.Errorf("%+v: %s, want %s", tt.params, got, tt.want)
		}
	}

	m = must[*organizations.OrganizationMembership](t)(c.Organizations.UpdateMembership(ctx, o.ID, grace.ID, &organizations.UpdateMembershipParams{Role: "org:viewer"}))
	if m.Role != "org:viewer" || strings.Join(m.Permissions, ",") != "org:reports:read" {
		t.Errorf("UpdateMembership = %s %v", m.Role, m.Permissions)
	}
	m = must[*organizations.OrganizationMembership](t)(c.Organizations.UpdateMembershipMetadata(ctx, o.ID, grace.ID, &organizations.MetadataParams{Public: clerk.Metadata{"lead": true}}))
	if jsonOf(t, m.PublicMetadata) != `{"lead":true,"team":"core"}` {
		t.Errorf("UpdateMembershipMetadata: %v", m.PublicMetadata)
	}
	if err := c.Organizations.DeleteMembership(ctx, o.ID, grace.ID); err != nil {
		t.Fatal(err)
	}
	wantAPIError(t, c.Organizations.DeleteMembership(ctx, o.ID, grace.ID), 404, "resource_not_found")

	mine := must[*organizations.Page[organizations.OrganizationMembership]](t)(c.Users.ListOrganizationMemberships(ctx, ada.ID, nil))
	if len(mine.Data) != 1 || mine.Data[0].Organization.ID != o.ID || mine.TotalCount != 1 {
		t.Errorf("the user's memberships: %+v", mine)
	}
	all := must[*organizations.Page[organizations.OrganizationMembership]](t)(c.Organizations.ListInstanceMemberships(ctx, nil))
	if all.TotalCount != 2 {
		t.Errorf("instance memberships: %d", all.TotalCount)
	}
	n := 0
	for _, err := range c.Organizations.AllMemberships(ctx, o.ID, &organizations.ListMembershipsParams{Limit: clerk.Int(1)}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 2 {
		t.Errorf("AllMemberships: %d", n)
	}
}
