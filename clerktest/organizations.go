package clerktest

import (
	"cmp"
	"net/http"
	"slices"
	"strings"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/organizations"
	"github.com/go-clerk/clerk/users"
)

// Organizations: /organizations, their memberships, and the instance-wide
// list of memberships.

// membership is a stored membership. Its Organization holds only the ID and
// its PublicUserData only the user ID: both are filled from the current
// organization and user when answered.
type membership = organizations.OrganizationMembership

const maxOrgsLimit = 500

func (s *Server) organizationRoutes() {
	s.handle("GET /organizations", s.listOrgs)
	s.handle("POST /organizations", s.createOrg)
	s.handle("GET /organizations/{organization_id}", s.getOrg)
	s.handle("PATCH /organizations/{organization_id}", s.updateOrg)
	s.handle("DELETE /organizations/{organization_id}", s.deleteOrg)
	s.handle("PATCH /organizations/{organization_id}/metadata", s.orgMetadata(true))
	s.handle("PUT /organizations/{organization_id}/metadata", s.orgMetadata(false))

	s.handle("GET /organizations/{organization_id}/memberships", s.listMemberships)
	s.handle("POST /organizations/{organization_id}/memberships", s.createMembership)
	s.handle("PATCH /organizations/{organization_id}/memberships/{user_id}", s.updateMembership)
	s.handle("DELETE /organizations/{organization_id}/memberships/{user_id}", s.deleteMembership)
	s.handle("PATCH /organizations/{organization_id}/memberships/{user_id}/metadata", s.membershipMetadata)
	s.handle("GET /organization_memberships", s.listInstanceMemberships)
}

// org finds an organization by ID or slug.
func (s *Server) org(idOrSlug string) (*organizations.Organization, error) {
	if o := s.db.orgs.get(idOrSlug); o != nil {
		return o, nil
	}
	for _, o := range s.db.orgs.all() {
		if o.Slug == idOrSlug {
			return o, nil
		}
	}
	return nil, notFound("Organization")
}

// membershipOf returns the user's membership of the organization, or nil.
func (s *Server) membershipOf(orgID, userID string) *membership {
	for _, m := range s.db.memberships.all() {
		if m.Organization.ID == orgID && m.PublicUserData.UserID == userID {
			return m
		}
	}
	return nil
}

func (s *Server) members(orgID string) []*membership {
	return s.db.memberships.filter(func(m *membership) bool { return m.Organization.ID == orgID })
}

// renderOrg is an organization as answered: with its members count when
// asked for.
func (s *Server) renderOrg(o *organizations.Organization, withCount bool) *organizations.Organization {
	out := *o
	if withCount {
		n := len(s.members(o.ID))
		out.MembersCount = &n
	}
	return &out
}

func (s *Server) getOrg(c *call) (any, error) {
	o, err := s.org(c.path("organization_id"))
	if err != nil {
		return nil, err
	}
	count, err := c.boolean("include_members_count")
	if err != nil {
		return nil, err
	}
	return s.renderOrg(o, deref(count)), nil
}

func (s *Server) createOrg(c *call) (any, error) {
	var p organizations.CreateParams
	if err := c.decode(&p); err != nil {
		return nil, err
	}
	o := &organizations.Organization{
		Name:            p.Name,
		Slug:            deref(p.Slug),
		CreatedBy:       deref(p.CreatedBy),
		PublicMetadata:  p.PublicMetadata,
		PrivateMetadata: p.PrivateMetadata,
		RoleSetKey:      deref(p.RoleSetKey),
	}
	set(&o.MaxAllowedMemberships, p.MaxAllowedMemberships)
	if p.CreatedAt != nil {
		o.CreatedAt = *p.CreatedAt
	}
	if err := s.insertOrg(o); err != nil {
		return nil, err
	}
	return o, nil
}

// insertOrg completes a new organization (ID, slug, defaults, times),
// checks it and stores it; its creator, if any, becomes its first admin.
// The API's create and AddOrganization share it.
func (s *Server) insertOrg(o *organizations.Organization) error {
	if strings.TrimSpace(o.Name) == "" {
		return missing("name")
	}
	if o.CreatedBy != "" {
		if _, err := s.user(o.CreatedBy); err != nil {
			return invalid("created_by", "is not the ID of a user.")
		}
	}
	if o.Slug == "" {
		o.Slug = slugOf(o.Name)
	}
	if err := s.checkSlug(o.Slug, ""); err != nil {
		return err
	}
	if o.ID == "" {
		o.ID = s.db.id("org")
	} else if s.db.orgs.get(o.ID) != nil {
		return unprocessable("form_identifier_exists", "organization_id", "An organization with ID "+o.ID+" exists.")
	}
	now := s.time()
	o.Object = "organization"
	if o.CreatedAt.IsZero() {
		o.CreatedAt = now
	}
	if o.UpdatedAt.IsZero() {
		o.UpdatedAt = o.CreatedAt
	}
	if o.ImageURL == "" {
		o.ImageURL = defaultImageURL
	}
	o.PublicMetadata = cloneMetadata(o.PublicMetadata)
	o.PrivateMetadata = cloneMetadata(o.PrivateMetadata)
	s.db.orgs.add(o.ID, o)
	if o.CreatedBy != "" {
		s.insertMembership(&membership{Organization: organizations.Organization{ID: o.ID},
			PublicUserData: organizations.PublicUserData{UserID: o.CreatedBy}, Role: "org:admin"})
	}
	return nil
}

// checkSlug refuses a slug that is malformed or another organization's.
func (s *Server) checkSlug(slug, self string) error {
	if slug == "" || strings.ContainsFunc(slug, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_')
	}) {
		return unprocessable("form_param_format_invalid", "slug", "slug may contain only lowercase letters, digits, - and _.")
	}
	for _, o := range s.db.orgs.all() {
		if o.Slug == slug && o.ID != self {
			return unprocessable("form_identifier_exists", "slug", "That slug is taken. Please try another.")
		}
	}
	return nil
}

// slugOf derives a slug from a name: lowercase letters and digits, runs of
// anything else as one "-".
func slugOf(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "organization"
	}
	return b.String()
}

func (s *Server) updateOrg(c *call) (any, error) {
	o, err := s.org(c.path("organization_id"))
	if err != nil {
		return nil, err
	}
	var p organizations.UpdateParams
	if err := c.decode(&p); err != nil {
		return nil, err
	}
	if p.Name != nil && strings.TrimSpace(*p.Name) == "" {
		return nil, invalid("name", "cannot be empty.")
	}
	if p.Slug != nil {
		if err := s.checkSlug(*p.Slug, o.ID); err != nil {
			return nil, err
		}
	}
	set(&o.Name, p.Name)
	set(&o.Slug, p.Slug)
	set(&o.MaxAllowedMemberships, p.MaxAllowedMemberships)
	set(&o.AdminDeleteEnabled, p.AdminDeleteEnabled)
	set(&o.CreatedAt, p.CreatedAt)
	set(&o.RoleSetKey, p.RoleSetKey)
	o.UpdatedAt = s.time()
	return o, nil
}

func (s *Server) orgMetadata(merge bool) handler {
	return func(c *call) (any, error) {
		o, err := s.org(c.path("organization_id"))
		if err != nil {
			return nil, err
		}
		var p organizations.MetadataParams
		if err := c.decode(&p); err != nil {
			return nil, err
		}
		applyMetadata(merge, &o.PublicMetadata, p.Public)
		applyMetadata(merge, &o.PrivateMetadata, p.Private)
		o.UpdatedAt = s.time()
		return o, nil
	}
}

// deleteOrg deletes an organization with its memberships and invitations.
func (s *Server) deleteOrg(c *call) (any, error) {
	o, err := s.org(c.path("organization_id"))
	if err != nil {
		return nil, err
	}
	s.db.orgs.remove(o.ID)
	for _, m := range s.members(o.ID) {
		s.db.memberships.remove(m.ID)
	}
	for _, inv := range s.db.invitations.filter(func(i *organizations.OrganizationInvitation) bool { return i.OrganizationID == o.ID }) {
		s.db.invitations.remove(inv.ID)
	}
	return internal.DeletedObject{Object: "organization", ID: o.ID, Slug: o.Slug, Deleted: true}, nil
}

// orgOrderings are the order_by fields of GET /organizations.
func (s *Server) orgOrderings() orderings[*organizations.Organization] {
	return orderings[*organizations.Organization]{
		"created_at": func(a, b *organizations.Organization) int { return a.CreatedAt.Compare(b.CreatedAt) },
		"name":       func(a, b *organizations.Organization) int { return byFold(a.Name, b.Name) },
		"members_count": func(a, b *organizations.Organization) int {
			return cmp.Compare(len(s.members(a.ID)), len(s.members(b.ID)))
		},
	}
}

func (s *Server) listOrgs(c *call) (any, error) {
	limit, offset, err := c.paging(maxOrgsLimit)
	if err != nil {
		return nil, err
	}
	count, err := c.boolean("include_members_count")
	if err != nil {
		return nil, err
	}
	if _, err := c.boolean("include_missing_member_with_elevated_permissions"); err != nil {
		return nil, err
	}
	query, orgIDs := c.str("query"), idFilter(c.list("organization_id"))
	withUsers, withoutUsers := splitIDs(c.list("user_id"))
	all := s.db.orgs.filter(func(o *organizations.Organization) bool {
		if query != "" && !contains(o.Name, query) && !contains(o.Slug, query) && !contains(o.ID, query) {
			return false
		}
		if orgIDs != nil && !orgIDs(o.ID) {
			return false
		}
		// user_id: organizations that any +user belongs to and no -user.
		members := s.members(o.ID)
		if slices.ContainsFunc(members, func(m *membership) bool { return withoutUsers[m.PublicUserData.UserID] }) {
			return false
		}
		return len(withUsers) == 0 || slices.ContainsFunc(members, func(m *membership) bool { return withUsers[m.PublicUserData.UserID] })
	})
	if err := sortBy(all, c.str("order_by"), "-created_at", s.orgOrderings()); err != nil {
		return nil, err
	}
	out := make([]*organizations.Organization, len(all))
	for i, o := range all {
		out[i] = s.renderOrg(o, deref(count))
	}
	return pageOf(out, limit, offset), nil
}

// Memberships.

// insertMembership completes a new membership and stores it: the role's
// permissions unless it has some, and times.
func (s *Server) insertMembership(m *membership) {
	now := s.time()
	if m.ID == "" {
		m.ID = s.db.id("orgmem")
	}
	m.Object = "organization_membership"
	if m.Permissions == nil {
		m.Permissions = slices.Clone(s.db.roles[m.Role])
	}
	if m.CreatedAt.IsZero() {
		m.CreatedAt = now
	}
	if m.UpdatedAt.IsZero() {
		m.UpdatedAt = m.CreatedAt
	}
	m.PublicMetadata = cloneMetadata(m.PublicMetadata)
	m.PrivateMetadata = cloneMetadata(m.PrivateMetadata)
	s.db.memberships.add(m.ID, m)
}

// renderMembership is a membership as answered: with its organization and
// the public data of its user as they are now.
func (s *Server) renderMembership(m *membership) *membership {
	out := *m
	out.Permissions = slices.Clone(m.Permissions)
	if o := s.db.orgs.get(m.Organization.ID); o != nil {
		out.Organization = *o
	}
	if u := s.db.users.get(m.PublicUserData.UserID); u != nil {
		out.PublicUserData = publicUserData(u)
	}
	return &out
}

func (s *Server) renderMemberships(ms []*membership) []*membership {
	out := make([]*membership, len(ms))
	for i, m := range ms {
		out[i] = s.renderMembership(m)
	}
	return out
}

// publicUserData is what a membership shows of its user; the identifier is
// the primary email address, else phone number, else username.
func publicUserData(u *users.User) organizations.PublicUserData {
	id := primaryEmail(u)
	if id == "" {
		if p := u.PrimaryPhoneNumber(); p != nil {
			id = p.PhoneNumber
		}
	}
	if id == "" {
		id = u.Username
	}
	d := organizations.PublicUserData{
		UserID: u.ID, FirstName: u.FirstName, LastName: u.LastName,
		ImageURL: u.ImageURL, HasImage: u.HasImage, Identifier: id, Username: u.Username,
		Banned: u.Banned, Deprovisioned: u.Deprovisioned,
	}
	//lint:ignore SA1019 deprecated by Clerk, but the spec still requires profile_image_url
	d.ProfileImageURL = u.ImageURL
	return d
}

// addMember checks and stores a new membership: the user exists and is not
// yet a member, the role exists, the organization has room.
func (s *Server) addMember(o *organizations.Organization, m *membership) error {
	if m.PublicUserData.UserID == "" {
		return missing("user_id")
	}
	if m.Role == "" {
		return missing("role")
	}
	if _, err := s.user(m.PublicUserData.UserID); err != nil {
		return err
	}
	if _, ok := s.db.roles[m.Role]; !ok {
		return invalid("role", "is not a role of the instance: "+m.Role+" (add it with Server.AddRole).")
	}
	if s.membershipOf(o.ID, m.PublicUserData.UserID) != nil {
		return &apiError{status: http.StatusBadRequest, code: "already_a_member_in_organization",
			msg: "already a member", long: "The user is already a member of the organization."}
	}
	if o.MaxAllowedMemberships > 0 && len(s.members(o.ID)) >= o.MaxAllowedMemberships {
		return &apiError{status: http.StatusForbidden, code: "organization_membership_quota_exceeded",
			msg: "membership quota exceeded", long: "The organization has reached its maximum number of memberships."}
	}
	m.Organization = organizations.Organization{ID: o.ID}
	s.insertMembership(m)
	return nil
}

func (s *Server) createMembership(c *call) (any, error) {
	o, err := s.org(c.path("organization_id"))
	if err != nil {
		return nil, err
	}
	var p organizations.CreateMembershipParams
	if err := c.decode(&p); err != nil {
		return nil, err
	}
	m := &membership{Role: p.Role, PublicUserData: organizations.PublicUserData{UserID: p.UserID},
		PublicMetadata: p.PublicMetadata, PrivateMetadata: p.PrivateMetadata}
	if err := s.addMember(o, m); err != nil {
		return nil, err
	}
	return s.renderMembership(m), nil
}

// memberOf finds the membership of the path's organization and user.
func (s *Server) memberOf(c *call) (*membership, error) {
	o, err := s.org(c.path("organization_id"))
	if err != nil {
		return nil, err
	}
	m := s.membershipOf(o.ID, c.path("user_id"))
	if m == nil {
		return nil, notFound("Organization membership")
	}
	return m, nil
}

func (s *Server) updateMembership(c *call) (any, error) {
	m, err := s.memberOf(c)
	if err != nil {
		return nil, err
	}
	var p organizations.UpdateMembershipParams
	if err := c.decode(&p); err != nil {
		return nil, err
	}
	perms, ok := s.db.roles[p.Role]
	if !ok {
		return nil, invalid("role", "is not a role of the instance: "+p.Role+" (add it with Server.AddRole).")
	}
	m.Role, m.Permissions, m.UpdatedAt = p.Role, slices.Clone(perms), s.time()
	return s.renderMembership(m), nil
}

func (s *Server) membershipMetadata(c *call) (any, error) {
	m, err := s.memberOf(c)
	if err != nil {
		return nil, err
	}
	var p organizations.MetadataParams
	if err := c.decode(&p); err != nil {
		return nil, err
	}
	applyMetadata(true, &m.PublicMetadata, p.Public)
	applyMetadata(true, &m.PrivateMetadata, p.Private)
	m.UpdatedAt = s.time()
	return s.renderMembership(m), nil
}

// deleteMembership answers the deleted membership, as Clerk does (not a
// DeletedObject).
func (s *Server) deleteMembership(c *call) (any, error) {
	m, err := s.memberOf(c)
	if err != nil {
		return nil, err
	}
	out := s.renderMembership(m)
	s.db.memberships.remove(m.ID)
	return out, nil
}

// membershipOrderings are the order_by fields of the membership lists.
func (s *Server) membershipOrderings() orderings[*membership] {
	field := func(f func(u *users.User) string) func(a, b *membership) int {
		return func(a, b *membership) int {
			return byFold(s.userField(a, f), s.userField(b, f))
		}
	}
	return orderings[*membership]{
		"created_at":    func(a, b *membership) int { return a.CreatedAt.Compare(b.CreatedAt) },
		"email_address": field(primaryEmail),
		"phone_number": field(func(u *users.User) string {
			return firstOf(u.PhoneNumbers, func(p users.PhoneNumber) string { return p.PhoneNumber })
		}),
		"first_name": field(func(u *users.User) string { return u.FirstName }),
		"last_name":  field(func(u *users.User) string { return u.LastName }),
		"username":   field(func(u *users.User) string { return u.Username }),
	}
}

func (s *Server) userField(m *membership, f func(*users.User) string) string {
	if u := s.db.users.get(m.PublicUserData.UserID); u != nil {
		return f(u)
	}
	return ""
}

// listMemberships answers an organization's memberships. The spec gives
// no default order; the server lists the oldest first, the creator ahead.
func (s *Server) listMemberships(c *call) (any, error) {
	o, err := s.org(c.path("organization_id"))
	if err != nil {
		return nil, err
	}
	limit, offset, err := c.paging(maxOrgsLimit)
	if err != nil {
		return nil, err
	}
	keep, err := s.memberFilter(c)
	if err != nil {
		return nil, err
	}
	all := s.members(o.ID)
	all = slices.DeleteFunc(all, func(m *membership) bool { return !keep(m) })
	if err := sortBy(all, c.str("order_by"), "+created_at", s.membershipOrderings()); err != nil {
		return nil, err
	}
	return pageOf(s.renderMemberships(all), limit, offset), nil
}

// memberFilter reads the filters of an organization's membership list: the
// user filters of GET /users, applied to each member, and role.
func (s *Server) memberFilter(c *call) (func(*membership) bool, error) {
	userKeep, err := s.userFilter(c)
	if err != nil {
		return nil, err
	}
	roles := c.list("role")
	return func(m *membership) bool {
		u := s.db.users.get(m.PublicUserData.UserID)
		return u != nil && userKeep(u) && (len(roles) == 0 || slices.Contains(roles, m.Role))
	}, nil
}

func (s *Server) listInstanceMemberships(c *call) (any, error) {
	limit, offset, err := c.paging(maxOrgsLimit)
	if err != nil {
		return nil, err
	}
	all := s.db.memberships.all()
	if err := sortBy(all, c.str("order_by"), "+created_at", s.membershipOrderings()); err != nil {
		return nil, err
	}
	return pageOf(s.renderMemberships(all), limit, offset), nil
}
