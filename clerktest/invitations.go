package clerktest

import (
	"strings"
	"time"

	"github.com/go-clerk/clerk/organizations"
)

// Organization invitations: /organizations/{organization_id}/invitations,
// the instance-wide list and a user's list.

type invitation = organizations.OrganizationInvitation

const maxBulkInvitations = 10

func (s *Server) invitationRoutes() {
	s.handle("POST /organizations/{organization_id}/invitations", s.createInvitation)
	s.handle("POST /organizations/{organization_id}/invitations/bulk", s.createInvitations)
	s.handle("GET /organizations/{organization_id}/invitations", s.listInvitations)
	s.handle("GET /organizations/{organization_id}/invitations/{invitation_id}", s.getInvitation)
	s.handle("POST /organizations/{organization_id}/invitations/{invitation_id}/revoke", s.revokeInvitation)
	s.handle("GET /organization_invitations", s.listInstanceInvitations)
}

// invite checks and stores one invitation to an organization.
func (s *Server) invite(o *organizations.Organization, p *organizations.CreateInvitationParams) (*invitation, error) {
	switch {
	case p.EmailAddress == "":
		return nil, missing("email_address")
	case !validEmail(p.EmailAddress):
		return nil, unprocessable("form_param_format_invalid", "email_address", "email_address must be a valid email address.")
	case p.Role == "":
		return nil, missing("role")
	}
	if _, ok := s.db.roles[p.Role]; !ok {
		return nil, invalid("role", "is not a role of the instance: "+p.Role+" (add it with Server.AddRole).")
	}
	days := derefOr(p.ExpiresInDays, 30)
	if days < 1 || days > 365 {
		return nil, invalid("expires_in_days", "must be between 1 and 365.")
	}
	now := s.time()
	expires := now.Add(time.Duration(days) * 24 * time.Hour)
	inv := &invitation{
		Object:          "organization_invitation",
		ID:              s.db.id("orginv"),
		EmailAddress:    p.EmailAddress,
		Role:            p.Role,
		RoleName:        roleName(p.Role),
		OrganizationID:  o.ID,
		Status:          organizations.InvitationPending,
		PublicMetadata:  cloneMetadata(p.PublicMetadata),
		PrivateMetadata: cloneMetadata(p.PrivateMetadata),
		ExpiresAt:       &expires,
		CreatedAt:       now,
		UpdatedAt:       now,
	}
	if p.InviterUserID != nil {
		u, err := s.user(*p.InviterUserID)
		if err != nil {
			return nil, invalid("inviter_user_id", "is not the ID of a user.")
		}
		inv.InviterID = u.ID
		inv.PublicInviterData = &organizations.PublicInviterData{UserID: u.ID, FirstName: u.FirstName,
			LastName: u.LastName, ImageURL: u.ImageURL, HasImage: u.HasImage, Identifier: primaryEmail(u)}
	}
	s.db.invitations.add(inv.ID, inv)
	return inv, nil
}

// roleName is a role's display name: "org:billing_manager" is "Billing
// manager".
func roleName(role string) string {
	name := strings.ReplaceAll(strings.TrimPrefix(role, "org:"), "_", " ")
	if name == "" {
		return ""
	}
	return strings.ToUpper(name[:1]) + name[1:]
}

// renderInvitation is an invitation as answered: expired once past its
// expiry.
func (s *Server) renderInvitation(inv *invitation) *invitation {
	out := *inv
	if out.Status == organizations.InvitationPending && out.ExpiresAt != nil && !s.time().Before(*out.ExpiresAt) {
		out.Status = organizations.InvitationExpired
	}
	return &out
}

// withOrg is an invitation with its organization's public data, as the
// instance-wide and per-user lists answer it.
func (s *Server) withOrg(inv *invitation) *organizations.OrganizationInvitationWithPublicOrganizationData {
	out := &organizations.OrganizationInvitationWithPublicOrganizationData{OrganizationInvitation: *s.renderInvitation(inv)}
	if o := s.db.orgs.get(inv.OrganizationID); o != nil {
		out.PublicOrganizationData = organizations.PublicOrganizationData{ID: o.ID, Name: o.Name, Slug: o.Slug,
			ImageURL: o.ImageURL, HasImage: o.HasImage}
	}
	return out
}

func (s *Server) createInvitation(c *call) (any, error) {
	o, err := s.org(c.path("organization_id"))
	if err != nil {
		return nil, err
	}
	var p organizations.CreateInvitationParams
	if err := c.decode(&p); err != nil {
		return nil, err
	}
	inv, err := s.invite(o, &p)
	if err != nil {
		return nil, err
	}
	return s.renderInvitation(inv), nil
}

// createInvitations answers the bulk create: all invitations or none.
func (s *Server) createInvitations(c *call) (any, error) {
	o, err := s.org(c.path("organization_id"))
	if err != nil {
		return nil, err
	}
	var ps []organizations.CreateInvitationParams
	if err := c.decode(&ps); err != nil {
		return nil, err
	}
	if len(ps) == 0 || len(ps) > maxBulkInvitations {
		return nil, badRequest("The body must be an array of 1 to 10 invitations.")
	}
	var out []*invitation
	for i := range ps {
		inv, err := s.invite(o, &ps[i])
		if err != nil {
			for _, done := range out {
				s.db.invitations.remove(done.ID)
			}
			return nil, err
		}
		out = append(out, s.renderInvitation(inv))
	}
	return dataPage[*invitation]{Data: out, TotalCount: int64(len(out))}, nil
}

// invitationOrderings are the order_by fields of the invitation lists.
var invitationOrderings = orderings[*invitation]{
	"created_at":    func(a, b *invitation) int { return a.CreatedAt.Compare(b.CreatedAt) },
	"email_address": func(a, b *invitation) int { return byFold(a.EmailAddress, b.EmailAddress) },
}

// invitations lists invitations that keep accepts, with the status filter
// (pending, accepted, revoked or expired) applied to their current status,
// sorted by the call's order_by.
func (s *Server) invitations(c *call, keep func(*invitation) bool) ([]*invitation, error) {
	status := organizations.InvitationStatus(c.str("status"))
	var all []*invitation
	for _, inv := range s.db.invitations.filter(keep) {
		if r := s.renderInvitation(inv); status == "" || r.Status == status {
			all = append(all, r)
		}
	}
	if err := sortBy(all, c.str("order_by"), "-created_at", invitationOrderings); err != nil {
		return nil, err
	}
	return all, nil
}

func (s *Server) listInvitations(c *call) (any, error) {
	o, err := s.org(c.path("organization_id"))
	if err != nil {
		return nil, err
	}
	limit, offset, err := c.paging(maxOrgsLimit)
	if err != nil {
		return nil, err
	}
	email := c.str("email_address")
	all, err := s.invitations(c, func(i *invitation) bool {
		return i.OrganizationID == o.ID && (email == "" || i.EmailAddress == email)
	})
	if err != nil {
		return nil, err
	}
	return pageOf(all, limit, offset), nil
}

func (s *Server) invitation(c *call) (*invitation, error) {
	o, err := s.org(c.path("organization_id"))
	if err != nil {
		return nil, err
	}
	inv := s.db.invitations.get(c.path("invitation_id"))
	if inv == nil || inv.OrganizationID != o.ID {
		return nil, notFound("Organization invitation")
	}
	return inv, nil
}

func (s *Server) getInvitation(c *call) (any, error) {
	inv, err := s.invitation(c)
	if err != nil {
		return nil, err
	}
	return s.renderInvitation(inv), nil
}

// revokeInvitation revokes a pending invitation; revoking another is a
// 400, as Clerk answers.
func (s *Server) revokeInvitation(c *call) (any, error) {
	inv, err := s.invitation(c)
	if err != nil {
		return nil, err
	}
	var p organizations.RevokeInvitationParams
	if err := c.decode(&p); err != nil {
		return nil, err
	}
	if s.renderInvitation(inv).Status != organizations.InvitationPending {
		return nil, &apiError{status: 400, code: "organization_invitation_not_pending",
			msg: "not pending", long: "Only pending invitations can be revoked."}
	}
	inv.Status, inv.UpdatedAt = organizations.InvitationRevoked, s.time()
	return s.renderInvitation(inv), nil
}

func (s *Server) listInstanceInvitations(c *call) (any, error) {
	limit, offset, err := c.paging(maxOrgsLimit)
	if err != nil {
		return nil, err
	}
	query := c.str("query")
	all, err := s.invitations(c, func(i *invitation) bool {
		return query == "" || contains(i.EmailAddress, query) || contains(i.ID, query)
	})
	if err != nil {
		return nil, err
	}
	return pageOf(s.withOrgs(all), limit, offset), nil
}

// listUserInvitations answers the invitations sent to a user's email
// addresses.
func (s *Server) listUserInvitations(c *call) (any, error) {
	u, err := s.user(c.path("user_id"))
	if err != nil {
		return nil, err
	}
	limit, offset, err := c.paging(maxOrgsLimit)
	if err != nil {
		return nil, err
	}
	all, err := s.invitations(c, func(i *invitation) bool { return hasEmail(u, i.EmailAddress) })
	if err != nil {
		return nil, err
	}
	return pageOf(s.withOrgs(all), limit, offset), nil
}

func (s *Server) withOrgs(all []*invitation) []*organizations.OrganizationInvitationWithPublicOrganizationData {
	out := make([]*organizations.OrganizationInvitationWithPublicOrganizationData, len(all))
	for i, inv := range all {
		out[i] = s.withOrg(inv)
	}
	return out
}
