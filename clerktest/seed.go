package clerktest

import (
	"slices"

	"github.com/go-clerk/clerk/apikeys"
	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/organizations"
	"github.com/go-clerk/clerk/users"
)

// Seeding: resources stored directly, as if created through the API, for
// tests that need them in place before the code under test runs. Each
// helper returns what the API would answer, a copy the test may change
// freely; a failure (a taken email address or slug, an unknown user) fails
// the test, or panics without one.

// AddUser stores a user. Fields left empty get the API's defaults: the ID,
// "user" as object, creation times, IDs and an admin verification for each
// email address, phone number and web3 wallet, the first of each as
// primary, an image URL, and {} for metadata. An ID already in use, or an
// identifier another user has, fails.
func (s *Server) AddUser(u users.User) *users.User {
	if s.t != nil {
		s.t.Helper()
	}
	s.mu.Lock()
	out, err := seed(&u, func(in *users.User) error { return s.insertUser(in, "") })
	s.mu.Unlock()
	if err != nil {
		s.fatalf("clerktest: AddUser: %v", err)
	}
	return out
}

// AddOrganization stores an organization; its CreatedBy, when set, must be
// a user, who becomes its first member, with the role org:admin. Fields left
// empty get the API's defaults: the ID, a slug made from the name, times, an
// image URL, {} for metadata.
func (s *Server) AddOrganization(o organizations.Organization) *organizations.Organization {
	if s.t != nil {
		s.t.Helper()
	}
	s.mu.Lock()
	out, err := seed(&o, s.insertOrg)
	s.mu.Unlock()
	if err != nil {
		s.fatalf("clerktest: AddOrganization: %v", err)
	}
	return out
}

// AddMembership makes a user a member of an organization (by ID or slug)
// with a role, which carries the role's permissions (see AddRole).
func (s *Server) AddMembership(orgID, userID, role string) *organizations.OrganizationMembership {
	if s.t != nil {
		s.t.Helper()
	}
	s.mu.Lock()
	var out *membership
	o, err := s.org(orgID)
	if err == nil {
		m := &membership{Role: role, PublicUserData: organizations.PublicUserData{UserID: userID}}
		if err = s.addMember(o, m); err == nil {
			out, err = clone(s.renderMembership(m))
		}
	}
	s.mu.Unlock()
	if err != nil {
		s.fatalf("clerktest: AddMembership: %v", err)
	}
	return out
}

// AddRole defines an organization role ("org:billing_manager") and its
// permissions ("org:billing:manage"), or redefines one: its memberships take
// the new permissions. The server starts with Clerk's default roles,
// org:admin and org:member, and their system permissions; creating a
// membership or an invitation with a role it does not know is refused, as
// Clerk refuses it.
func (s *Server) AddRole(role string, permissions ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.db.roles[role] = slices.Clone(permissions)
	for _, m := range s.db.memberships.all() {
		if m.Role == role {
			m.Permissions = slices.Clone(permissions)
		}
	}
}

// AddMachine stores a machine that may reach the scoped machines, and
// returns it with its secret key (SecretKey), the bearer of
// c.M2MTokens.Create.
func (s *Server) AddMachine(name string, scopedMachines ...string) *apikeys.Machine {
	if s.t != nil {
		s.t.Helper()
	}
	s.mu.Lock()
	m := &apikeys.Machine{Name: name}
	secret, err := s.insertMachine(m, scopedMachines)
	var out *apikeys.Machine
	if err == nil {
		r := s.renderMachine(m)
		if out, err = clone(&r.Machine); err == nil {
			out.ScopedMachines = r.ScopedMachines
			out.SecretKey = internal.NewSecret(secret)
		}
	}
	s.mu.Unlock()
	if err != nil {
		s.fatalf("clerktest: AddMachine: %v", err)
	}
	return out
}

// AddAPIKey stores an API key and returns it with its secret (Secret). Its
// Name (3 characters or more) and Subject ("user_", "org_" or "mch_" and 27
// characters) are required; a Secret set here is the key's secret.
func (s *Server) AddAPIKey(k apikeys.APIKey) *apikeys.APIKey {
	if s.t != nil {
		s.t.Helper()
	}
	if k.Type == "" {
		k.Type = "api_key"
	}
	s.mu.Lock()
	var secret string
	out, err := seed(&k, func(in *apikeys.APIKey) (err error) {
		secret, err = s.insertAPIKey(in)
		return err
	})
	if err == nil {
		out = s.renderAPIKey(out)
		out.Secret = internal.NewSecret(secret)
	}
	s.mu.Unlock()
	if err != nil {
		s.fatalf("clerktest: AddAPIKey: %v", err)
	}
	return out
}

// seed stores a copy of v with insert and returns a copy of what it
// stored, so that neither the caller's value nor the returned one shares
// memory with the server's.
func seed[T any](v *T, insert func(*T) error) (*T, error) {
	in, err := clone(v)
	if err != nil {
		return nil, err
	}
	if err := insert(in); err != nil {
		return nil, err
	}
	return clone(in)
}

// clone copies a model deeply, through the codec.
func clone[T any](v *T) (*T, error) {
	b, err := internal.MarshalAPI(v)
	if err != nil {
		return nil, err
	}
	out := new(T)
	if err := internal.Unmarshal(b, out); err != nil {
		return nil, err
	}
	return out, nil
}
