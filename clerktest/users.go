package clerktest

import (
	"cmp"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/sessions"
	"github.com/go-clerk/clerk/users"
)

// Users: /users and the user's own sub-resources.

// defaultImageURL is the image_url of a user without a profile image.
const defaultImageURL = "https://img.clerk.com/clerktest-default-avatar"

// maxUsersLimit is the largest page of GET /users.
const maxUsersLimit = 500

func (s *Server) userRoutes() {
	s.handle("GET /users", s.listUsers)
	s.handle("GET /users/count", s.countUsers)
	s.handle("POST /users", s.createUser)
	s.handle("GET /users/{user_id}", s.getUser)
	s.handle("PATCH /users/{user_id}", s.updateUser)
	s.handle("DELETE /users/{user_id}", s.deleteUser)
	s.handle("PATCH /users/{user_id}/metadata", s.userMetadata(true))
	s.handle("PUT /users/{user_id}/metadata", s.userMetadata(false))
	s.handle("POST /users/{user_id}/ban", s.setUserFlag(func(u *users.User) { u.Banned = true }))
	s.handle("POST /users/{user_id}/unban", s.setUserFlag(func(u *users.User) { u.Banned = false }))
	s.handle("POST /users/ban", s.setUsersFlag(func(u *users.User) { u.Banned = true }))
	s.handle("POST /users/unban", s.setUsersFlag(func(u *users.User) { u.Banned = false }))
	s.handle("POST /users/{user_id}/lock", s.setUserFlag(func(u *users.User) { u.Locked = true }))
	s.handle("POST /users/{user_id}/unlock", s.setUserFlag(func(u *users.User) { u.Locked = false }))
	s.handle("POST /users/{user_id}/verify_password", s.verifyPassword)
	s.handle("GET /users/{user_id}/organization_memberships", s.listUserMemberships)
	s.handle("GET /users/{user_id}/organization_invitations", s.listUserInvitations)
}

func (s *Server) user(id string) (*users.User, error) {
	if u := s.db.users.get(id); u != nil {
		return u, nil
	}
	return nil, notFound("User")
}

func (s *Server) getUser(c *call) (any, error) { return s.user(c.path("user_id")) }

func (s *Server) createUser(c *call) (any, error) {
	var p users.CreateParams
	if err := c.decode(&p); err != nil {
		return nil, err
	}
	now := s.time()
	u := &users.User{
		ExternalID:        deref(p.ExternalID),
		FirstName:         deref(p.FirstName),
		LastName:          deref(p.LastName),
		Locale:            deref(p.Locale),
		Username:          deref(p.Username),
		PublicMetadata:    p.PublicMetadata,
		PrivateMetadata:   p.PrivateMetadata,
		UnsafeMetadata:    p.UnsafeMetadata,
		DeleteSelfEnabled: derefOr(p.DeleteSelfEnabled, true),
		Banned:            deref(p.Banned),
		Locked:            deref(p.Locked),
		BypassClientTrust: deref(p.BypassClientTrust),
		LegalAcceptedAt:   p.LegalAcceptedAt,
		CreatedAt:         derefOr(p.CreatedAt, now),

		CreateOrganizationEnabled: derefOr(p.CreateOrganizationEnabled, true),
		CreateOrganizationsLimit:  p.CreateOrganizationsLimit,
	}
	for i, e := range p.EmailAddresses {
		reserved := i < len(p.EmailAddressIdentificationStatus) && p.EmailAddressIdentificationStatus[i] == users.IdentificationReserved
		u.EmailAddresses = append(u.EmailAddresses, users.EmailAddress{EmailAddress: e, Reserved: reserved})
	}
	for i, n := range p.PhoneNumbers {
		reserved := i < len(p.PhoneNumberIdentificationStatus) && p.PhoneNumberIdentificationStatus[i] == users.IdentificationReserved
		u.PhoneNumbers = append(u.PhoneNumbers, users.PhoneNumber{PhoneNumber: n, Reserved: reserved})
	}
	for _, w := range p.Web3Wallets {
		u.Web3Wallets = append(u.Web3Wallets, users.Web3Wallet{Web3Wallet: w})
	}
	if p.Password != nil && !deref(p.SkipPasswordChecks) && len(*p.Password) < 8 {
		return nil, unprocessable("form_password_length_too_short", "password", "Passwords must be 8 characters or more.")
	}
	if err := s.insertUser(u, deref(p.Password)); err != nil {
		return nil, err
	}
	return u, nil
}

// insertUser completes a new user (IDs, defaults, times), checks that its
// identifiers are free and stores it. The API's create and AddUser share it.
func (s *Server) insertUser(u *users.User, password string) error {
	now := s.time()
	if u.ID == "" {
		u.ID = s.db.id("user")
	} else if s.db.users.get(u.ID) != nil {
		return unprocessable("form_identifier_exists", "user_id", "A user with ID "+u.ID+" exists.")
	}
	u.Object = "user"
	if u.CreatedAt.IsZero() {
		u.CreatedAt = now
	}
	if u.UpdatedAt.IsZero() {
		u.UpdatedAt = u.CreatedAt
	}
	for i := range u.EmailAddresses {
		e := &u.EmailAddresses[i]
		if !validEmail(e.EmailAddress) {
			return unprocessable("form_param_format_invalid", "email_address", "email_address must be a valid email address.")
		}
		e.Object = "email_address"
		s.completeIdentification(&e.ID, &e.Verification, &e.CreatedAt, &e.UpdatedAt, e.Reserved, u.CreatedAt)
	}
	for i := range u.PhoneNumbers {
		p := &u.PhoneNumbers[i]
		if !validPhone(p.PhoneNumber) {
			return unprocessable("form_param_format_invalid", "phone_number", "phone_number must be a valid phone number in E.164 format.")
		}
		p.Object = "phone_number"
		s.completeIdentification(&p.ID, &p.Verification, &p.CreatedAt, &p.UpdatedAt, p.Reserved, u.CreatedAt)
	}
	for i := range u.Web3Wallets {
		w := &u.Web3Wallets[i]
		w.Object = "web3_wallet"
		s.completeIdentification(&w.ID, &w.Verification, &w.CreatedAt, &w.UpdatedAt, false, u.CreatedAt)
	}
	if u.PrimaryEmailAddressID == "" && len(u.EmailAddresses) > 0 {
		u.PrimaryEmailAddressID = u.EmailAddresses[0].ID
	}
	if u.PrimaryPhoneNumberID == "" && len(u.PhoneNumbers) > 0 {
		u.PrimaryPhoneNumberID = u.PhoneNumbers[0].ID
	}
	if u.PrimaryWeb3WalletID == "" && len(u.Web3Wallets) > 0 {
		u.PrimaryWeb3WalletID = u.Web3Wallets[0].ID
	}
	if u.ImageURL == "" {
		u.ImageURL = defaultImageURL
	}
	if u.ProfileImageURL == "" {
		u.ProfileImageURL = u.ImageURL
	}
	u.PublicMetadata = cloneMetadata(u.PublicMetadata)
	u.PrivateMetadata = cloneMetadata(u.PrivateMetadata)
	u.UnsafeMetadata = cloneMetadata(u.UnsafeMetadata)
	u.PasswordEnabled = u.PasswordEnabled || password != ""
	if err := s.checkIdentifiers(u); err != nil {
		return err
	}
	s.db.users.add(u.ID, u)
	if password != "" {
		s.db.passwords[u.ID] = password
	}
	return nil
}

// completeIdentification gives an email address, phone number or wallet an
// ID, a verification (verified by the admin strategy, as identifiers added
// through the Backend API are, or none for a reserved one) and times.
func (s *Server) completeIdentification(id *string, v **users.Verification, created, updated *time.Time, reserved bool, at time.Time) {
	if *id == "" {
		*id = s.db.id("idn")
	}
	if *v == nil && !reserved {
		*v = &users.Verification{Object: "verification_admin", Status: users.VerificationVerified, Strategy: users.StrategyAdmin}
	}
	if created.IsZero() {
		*created = at
	}
	if updated.IsZero() {
		*updated = *created
	}
}

// checkIdentifiers refuses a user whose email address, phone number,
// username or web3 wallet another user has: Clerk's 422
// form_identifier_exists.
func (s *Server) checkIdentifiers(u *users.User) error {
	taken := func(param, what string) error {
		return unprocessable("form_identifier_exists", param, "That "+what+" is taken. Please try another.")
	}
	for _, o := range s.db.users.all() {
		if o.ID == u.ID {
			continue
		}
		for _, e := range u.EmailAddresses {
			if slices.ContainsFunc(o.EmailAddresses, func(x users.EmailAddress) bool { return strings.EqualFold(x.EmailAddress, e.EmailAddress) }) {
				return taken("email_address", "email address")
			}
		}
		for _, p := range u.PhoneNumbers {
			if slices.ContainsFunc(o.PhoneNumbers, func(x users.PhoneNumber) bool { return x.PhoneNumber == p.PhoneNumber }) {
				return taken("phone_number", "phone number")
			}
		}
		for _, w := range u.Web3Wallets {
			if slices.ContainsFunc(o.Web3Wallets, func(x users.Web3Wallet) bool { return strings.EqualFold(x.Web3Wallet, w.Web3Wallet) }) {
				return taken("web3_wallet", "web3 wallet")
			}
		}
		if u.Username != "" && strings.EqualFold(o.Username, u.Username) {
			return taken("username", "username")
		}
	}
	return nil
}

func (s *Server) updateUser(c *call) (any, error) {
	u, err := s.user(c.path("user_id"))
	if err != nil {
		return nil, err
	}
	var p users.UpdateParams
	if err := c.decode(&p); err != nil {
		return nil, err
	}
	next := *u
	set(&next.ExternalID, p.ExternalID)
	set(&next.FirstName, p.FirstName)
	set(&next.LastName, p.LastName)
	set(&next.Locale, p.Locale)
	set(&next.Username, p.Username)
	set(&next.DeleteSelfEnabled, p.DeleteSelfEnabled)
	set(&next.CreateOrganizationEnabled, p.CreateOrganizationEnabled)
	set(&next.BypassClientTrust, p.BypassClientTrust)
	set(&next.CreatedAt, p.CreatedAt)
	if p.CreateOrganizationsLimit != nil {
		next.CreateOrganizationsLimit = p.CreateOrganizationsLimit
	}
	if p.LegalAcceptedAt != nil {
		next.LegalAcceptedAt = p.LegalAcceptedAt
	}
	for _, primary := range []struct {
		id     *string
		field  *string
		exists func(string) bool
		param  string
	}{
		{p.PrimaryEmailAddressID, &next.PrimaryEmailAddressID, func(id string) bool { return next.EmailAddressByID(id) != nil }, "primary_email_address_id"},
		{p.PrimaryPhoneNumberID, &next.PrimaryPhoneNumberID, func(id string) bool { return next.PhoneNumberByID(id) != nil }, "primary_phone_number_id"},
		{p.PrimaryWeb3WalletID, &next.PrimaryWeb3WalletID, func(id string) bool {
			return slices.ContainsFunc(next.Web3Wallets, func(w users.Web3Wallet) bool { return w.ID == id })
		}, "primary_web3_wallet_id"},
	} {
		if primary.id == nil {
			continue
		}
		if !primary.exists(*primary.id) {
			return nil, invalid(primary.param, "does not belong to the user.")
		}
		*primary.field = *primary.id
	}
	if p.Password != nil {
		if !deref(p.SkipPasswordChecks) && len(*p.Password) < 8 {
			return nil, unprocessable("form_password_length_too_short", "password", "Passwords must be 8 characters or more.")
		}
		next.PasswordEnabled = true
		now := s.time()
		next.PasswordLastUpdatedAt = &now
	}
	if err := s.checkIdentifiers(&next); err != nil {
		return nil, err
	}
	if p.Password != nil {
		s.db.passwords[u.ID] = *p.Password
	}
	next.UpdatedAt = s.time()
	*u = next
	return u, nil
}

// userMetadata merges (PATCH) or replaces (PUT) a user's metadata.
func (s *Server) userMetadata(merge bool) handler {
	return func(c *call) (any, error) {
		u, err := s.user(c.path("user_id"))
		if err != nil {
			return nil, err
		}
		var p users.MetadataParams
		if err := c.decode(&p); err != nil {
			return nil, err
		}
		applyMetadata(merge, &u.PublicMetadata, p.Public)
		applyMetadata(merge, &u.PrivateMetadata, p.Private)
		applyMetadata(merge, &u.UnsafeMetadata, p.Unsafe)
		u.UpdatedAt = s.time()
		return u, nil
	}
}

// applyMetadata merges or replaces one metadata field; a field not sent
// (nil) is left as it is.
func applyMetadata(merge bool, m *internal.Metadata, p internal.Metadata) {
	switch {
	case p == nil:
	case merge:
		*m = mergeMetadata(*m, p)
	default:
		*m = cloneMetadata(p)
	}
}

func (s *Server) deleteUser(c *call) (any, error) {
	u, err := s.user(c.path("user_id"))
	if err != nil {
		return nil, err
	}
	s.db.users.remove(u.ID)
	s.db.cursors[u.ID] = u
	delete(s.db.passwords, u.ID)
	for _, m := range s.db.memberships.filter(func(m *membership) bool { return m.PublicUserData.UserID == u.ID }) {
		s.db.memberships.remove(m.ID)
	}
	for _, sess := range s.db.sessions.filter(func(x *session) bool { return x.UserID == u.ID }) {
		s.db.sessions.remove(sess.ID)
	}
	return internal.DeletedObject{Object: "user", ID: u.ID, Deleted: true, ExternalID: u.ExternalID}, nil
}

// setUserFlag answers ban, unban, lock and unlock.
func (s *Server) setUserFlag(set func(*users.User)) handler {
	return func(c *call) (any, error) {
		u, err := s.user(c.path("user_id"))
		if err != nil {
			return nil, err
		}
		s.flagUser(u, set)
		return u, nil
	}
}

// setUsersFlag answers the bulk ban and unban; IDs that are no user's are
// ignored.
func (s *Server) setUsersFlag(set func(*users.User)) handler {
	return func(c *call) (any, error) {
		var p struct {
			UserIDs []string `json:"user_ids"`
		}
		if err := c.decode(&p); err != nil {
			return nil, err
		}
		if len(p.UserIDs) == 0 || len(p.UserIDs) > 50 {
			return nil, invalid("user_ids", "must hold 1 to 50 user IDs.")
		}
		out := []*users.User{}
		for _, id := range p.UserIDs {
			if u := s.db.users.get(id); u != nil {
				s.flagUser(u, set)
				out = append(out, u)
			}
		}
		return out, nil
	}
}

// flagUser changes a user's ban or lock. Banning a user also revokes their
// active sessions, as Clerk does.
func (s *Server) flagUser(u *users.User, set func(*users.User)) {
	set(u)
	u.UpdatedAt = s.time()
	if !u.Banned {
		return
	}
	for _, sess := range s.db.sessions.filter(func(x *session) bool { return x.UserID == u.ID }) {
		if sess.Status == sessions.StatusActive || sess.Status == sessions.StatusPending {
			sess.Status, sess.UpdatedAt = sessions.StatusRevoked, u.UpdatedAt
		}
	}
}

func (s *Server) verifyPassword(c *call) (any, error) {
	u, err := s.user(c.path("user_id"))
	if err != nil {
		return nil, err
	}
	var p struct {
		Password *string `json:"password"`
	}
	if err := c.decode(&p); err != nil {
		return nil, err
	}
	if p.Password == nil {
		return nil, missing("password")
	}
	want, ok := s.db.passwords[u.ID]
	if !ok {
		return nil, &apiError{status: http.StatusBadRequest, code: "no_password_set", msg: "no password set", long: "The user has no password."}
	}
	if want != *p.Password {
		return nil, unprocessable("incorrect_password", "password", "The password is incorrect.")
	}
	return map[string]bool{"verified": true}, nil
}

// userFilter reads the filters of GET /users and /users/count.
func (s *Server) userFilter(c *call) (func(*users.User) bool, error) {
	var times [7]*time.Time
	for i, name := range []string{"created_at_before", "created_at_after", "last_active_at_before",
		"last_active_at_after", "last_active_at_since", "last_sign_in_at_before", "last_sign_in_at_after"} {
		t, err := c.millis(name)
		if err != nil {
			return nil, err
		}
		times[i] = t
	}
	banned, err := c.boolean("banned")
	if err != nil {
		return nil, err
	}
	emails, phones, usernames, wallets := c.list("email_address"), c.list("phone_number"), c.list("username"), c.list("web3_wallet")
	userIDs, externalIDs := idFilter(c.list("user_id")), idFilter(c.list("external_id"))
	orgIDs := c.list("organization_id")
	provider, providerIDs := c.str("provider"), c.list("provider_user_id")
	query, emailQ, phoneQ := c.str("query"), c.str("email_address_query"), c.str("phone_number_query")
	usernameQ, nameQ := c.str("username_query"), c.str("name_query")
	if (provider == "") != (len(providerIDs) == 0) {
		return nil, invalid("provider", "and provider_user_id must be given together.")
	}
	before := func(t *time.Time, bound *time.Time) bool { return bound == nil || t != nil && t.Before(*bound) }
	after := func(t *time.Time, bound *time.Time) bool { return bound == nil || t != nil && t.After(*bound) }
	anyOf := func(values []string, match func(string) bool) bool {
		return len(values) == 0 || slices.ContainsFunc(values, match)
	}
	return func(u *users.User) bool {
		created := &u.CreatedAt
		switch {
		case !before(created, times[0]) || !after(created, times[1]),
			!before(u.LastActiveAt, times[2]) || !after(u.LastActiveAt, times[3]) || !after(u.LastActiveAt, times[4]),
			!before(u.LastSignInAt, times[5]) || !after(u.LastSignInAt, times[6]),
			banned != nil && u.Banned != *banned,
			userIDs != nil && !userIDs(u.ID),
			externalIDs != nil && !externalIDs(u.ExternalID),
			!anyOf(emails, func(e string) bool { return hasEmail(u, e) }),
			!anyOf(phones, func(p string) bool {
				return slices.ContainsFunc(u.PhoneNumbers, func(x users.PhoneNumber) bool { return x.PhoneNumber == p })
			}),
			!anyOf(usernames, func(n string) bool { return u.Username != "" && strings.EqualFold(u.Username, n) }),
			!anyOf(wallets, func(w string) bool {
				return slices.ContainsFunc(u.Web3Wallets, func(x users.Web3Wallet) bool { return strings.EqualFold(x.Web3Wallet, w) })
			}),
			!anyOf(orgIDs, func(o string) bool { return s.membershipOf(o, u.ID) != nil }),
			provider != "" && !slices.ContainsFunc(u.ExternalAccounts, func(a users.ExternalAccount) bool {
				return a.Provider == provider && slices.Contains(providerIDs, a.ProviderUserID)
			}),
			query != "" && !userQuery(u, query),
			emailQ != "" && !slices.ContainsFunc(u.EmailAddresses, func(e users.EmailAddress) bool { return contains(e.EmailAddress, emailQ) }),
			phoneQ != "" && !slices.ContainsFunc(u.PhoneNumbers, func(p users.PhoneNumber) bool { return contains(p.PhoneNumber, phoneQ) }),
			usernameQ != "" && !contains(u.Username, usernameQ),
			nameQ != "" && !contains(u.FirstName+" "+u.LastName, nameQ):
			return false
		}
		return true
	}, nil
}

// userQuery is the query filter: a part of the user's ID, email addresses,
// phone numbers, username, names, external ID or web3 wallets.
func userQuery(u *users.User, q string) bool {
	fields := []string{u.ID, u.Username, u.FirstName + " " + u.LastName, u.ExternalID}
	for _, e := range u.EmailAddresses {
		fields = append(fields, e.EmailAddress)
	}
	for _, p := range u.PhoneNumbers {
		fields = append(fields, p.PhoneNumber)
	}
	for _, w := range u.Web3Wallets {
		fields = append(fields, w.Web3Wallet)
	}
	return slices.ContainsFunc(fields, func(f string) bool { return contains(f, q) })
}

func hasEmail(u *users.User, email string) bool {
	return slices.ContainsFunc(u.EmailAddresses, func(x users.EmailAddress) bool { return strings.EqualFold(x.EmailAddress, email) })
}

// userOrderings are the order_by fields of GET /users.
var userOrderings = orderings[*users.User]{
	"created_at": func(a, b *users.User) int { return a.CreatedAt.Compare(b.CreatedAt) },
	"updated_at": func(a, b *users.User) int { return a.UpdatedAt.Compare(b.UpdatedAt) },
	"email_address": func(a, b *users.User) int {
		return byFold(primaryEmail(a), primaryEmail(b))
	},
	"web3wallet": func(a, b *users.User) int {
		return byFold(firstOf(a.Web3Wallets, func(w users.Web3Wallet) string { return w.Web3Wallet }),
			firstOf(b.Web3Wallets, func(w users.Web3Wallet) string { return w.Web3Wallet }))
	},
	"phone_number": func(a, b *users.User) int {
		return cmp.Compare(firstOf(a.PhoneNumbers, func(p users.PhoneNumber) string { return p.PhoneNumber }),
			firstOf(b.PhoneNumbers, func(p users.PhoneNumber) string { return p.PhoneNumber }))
	},
	"first_name":      func(a, b *users.User) int { return byFold(a.FirstName, b.FirstName) },
	"last_name":       func(a, b *users.User) int { return byFold(a.LastName, b.LastName) },
	"username":        func(a, b *users.User) int { return byFold(a.Username, b.Username) },
	"last_active_at":  func(a, b *users.User) int { return byTime(a.LastActiveAt, b.LastActiveAt) },
	"last_sign_in_at": func(a, b *users.User) int { return byTime(a.LastSignInAt, b.LastSignInAt) },
}

func primaryEmail(u *users.User) string {
	if e := u.PrimaryEmailAddress(); e != nil {
		return e.EmailAddress
	}
	return ""
}

func firstOf[T any](s []T, f func(T) string) string {
	if len(s) == 0 {
		return ""
	}
	return f(s[0])
}

func (s *Server) listUsers(c *call) (any, error) {
	keep, err := s.userFilter(c)
	if err != nil {
		return nil, err
	}
	limit, offset, err := c.paging(maxUsersLimit)
	if err != nil {
		return nil, err
	}
	orderBy, after := c.str("order_by"), c.str("starting_after")
	all := s.db.users.filter(keep)
	if err := sortBy(all, orderBy, "-created_at", userOrderings); err != nil {
		return nil, err
	}
	if after != "" {
		field := strings.TrimLeft(orderBy, "+-")
		if field != "" && field != "created_at" {
			return nil, invalid("starting_after", "needs the created_at ordering.")
		}
		if offset > 0 {
			return nil, invalid("starting_after", "cannot be combined with offset.")
		}
		if offset, err = s.afterCursor(all, after, strings.HasPrefix(orderBy, "+") || orderBy == "created_at"); err != nil {
			return nil, err
		}
	}
	return window(all, limit, offset), nil // GET /users answers a bare array
}

// afterCursor returns the offset just past the user starting_after names,
// in a list ordered by creation; a user deleted meanwhile is placed where it
// was.
func (s *Server) afterCursor(sorted []*users.User, id string, ascending bool) (int, error) {
	if i := slices.IndexFunc(sorted, func(u *users.User) bool { return u.ID == id }); i >= 0 {
		return i + 1, nil
	}
	ref := s.db.users.get(id)
	if ref == nil {
		ref = s.db.cursors[id]
	}
	if ref == nil {
		return 0, invalid("starting_after", "is not the ID of a user.")
	}
	// The first user that sorts after ref: created later when ascending,
	// earlier when descending.
	i := slices.IndexFunc(sorted, func(u *users.User) bool {
		c := u.CreatedAt.Compare(ref.CreatedAt)
		if c == 0 {
			c = cmp.Compare(u.ID, ref.ID)
		}
		return ascending && c > 0 || !ascending && c < 0
	})
	if i < 0 {
		return len(sorted), nil
	}
	return i, nil
}

func (s *Server) countUsers(c *call) (any, error) {
	keep, err := s.userFilter(c)
	if err != nil {
		return nil, err
	}
	return struct {
		Object     string `json:"object"`
		TotalCount int64  `json:"total_count"`
	}{"total_count", int64(len(s.db.users.filter(keep)))}, nil
}

func (s *Server) listUserMemberships(c *call) (any, error) {
	u, err := s.user(c.path("user_id"))
	if err != nil {
		return nil, err
	}
	limit, offset, err := c.paging(maxUsersLimit)
	if err != nil {
		return nil, err
	}
	ms := s.db.memberships.filter(func(m *membership) bool { return m.PublicUserData.UserID == u.ID })
	slices.Reverse(ms) // newest first
	return pageOf(s.renderMemberships(ms), limit, offset), nil
}

// validEmail is a light check of an email address: one @ with text on both
// sides and a dot in the domain.
func validEmail(e string) bool {
	local, domain, ok := strings.Cut(e, "@")
	return ok && local != "" && strings.Contains(domain, ".") && !strings.ContainsAny(domain, "@ ") &&
		!strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}

// validPhone is a light check of an E.164 number: + and 7 to 15 digits.
func validPhone(p string) bool {
	digits, ok := strings.CutPrefix(p, "+")
	if !ok || len(digits) < 7 || len(digits) > 15 {
		return false
	}
	return !strings.ContainsFunc(digits, func(r rune) bool { return r < '0' || r > '9' })
}

// deref returns *p, or the zero value for nil.
func deref[T any](p *T) T {
	var zero T
	return derefOr(p, zero)
}

// derefOr returns *p, or def for nil.
func derefOr[T any](p *T, def T) T {
	if p == nil {
		return def
	}
	return *p
}

// set sets *dst to *p when p is not nil.
func set[T any](dst *T, p *T) {
	if p != nil {
		*dst = *p
	}
}
