package clerk

import (
	"fmt"
	"regexp"
)

// OrganizationSync makes the active organization of a browser's session
// follow the page's URL, as organizationSyncOptions do in Clerk's JS SDKs:
// when a signed-in page request's path names an organization that is not
// the session's active one (or names the personal account while an
// organization is active), the request goes through the handshake, which
// asks the Frontend API to activate it and comes back with a session token
// that says so. If the organization cannot be activated (it does not exist,
// or the user is not a member), the handshake comes back with the session
// unchanged; after three handshakes in a row the request is let through
// signed in with the organization it has, so a page must still check
// Auth.OrgID or Auth.OrgSlug against its URL.
//
// Requests with a bearer token, and API requests, are never sent to the
// handshake for this: their session stays as it is. Like the rest of the
// browser path, it needs the publishable key (WithPublishableKey).
type OrganizationSync struct {
	// OrganizationPatterns are the paths of one organization's pages, with
	// its ID as the parameter :id or its slug as :slug, in Clerk's pattern
	// syntax (see PublicRoutes): "/orgs/:slug" and "/orgs/:slug/(.*)", or
	// "/app/:any/orgs/:id/(.*)". They take precedence over
	// PersonalAccountPatterns; the first that matches names the
	// organization. A parameter's value is compared with the session's
	// organization exactly as it appears in the escaped path, case
	// included ("/orgs/ACME" is not the organization "acme").
	OrganizationPatterns []string
	// PersonalAccountPatterns are the paths of the user's own pages, outside
	// any organization ("/me", "/me/(.*)"): a session with an active
	// organization is switched to the personal account there.
	PersonalAccountPatterns []string
}

// WithOrganizationSync makes the active organization follow the URL of
// browsers' page requests (see OrganizationSync). A pattern that is not
// valid fails New with ErrInvalidParams, as does an organization pattern
// without an :id or :slug parameter.
func WithOrganizationSync(s OrganizationSync) Option {
	return func(o *options) { o.browser.orgSync = s }
}

// orgMatcher is a compiled OrganizationSync (@clerk/backend's
// OrganizationMatcher).
type orgMatcher struct {
	orgs     []orgPattern
	personal []*regexp.Regexp
}

// orgPattern is a compiled organization pattern and the capture groups of
// its :id and :slug parameters (0 for none).
type orgPattern struct {
	re       *regexp.Regexp
	id, slug int
}

// orgTarget is what a path asks to activate: an organization by ID or by
// slug, or the personal account.
type orgTarget struct {
	personal bool
	id, slug string
}

// compileOrgSync compiles s; nil when it has no pattern.
func compileOrgSync(s OrganizationSync) (*orgMatcher, error) {
	if len(s.OrganizationPatterns) == 0 && len(s.PersonalAccountPatterns) == 0 {
		return nil, nil
	}
	m := &orgMatcher{}
	for _, p := range s.OrganizationPatterns {
		re, names, err := compileRouteParams(p)
		if err != nil {
			return nil, fmt.Errorf("%w: organization sync pattern %q: %v", ErrInvalidParams, p, err)
		}
		if re.NumSubexp() != len(names) {
			return nil, fmt.Errorf("%w: organization sync pattern %q: a group inside a parameter's pattern captures; write it (?:...)", ErrInvalidParams, p)
		}
		op := orgPattern{re: re}
		for i, name := range names {
			switch {
			case name == "id" && op.id == 0:
				op.id = i + 1
			case name == "slug" && op.slug == 0:
				op.slug = i + 1
			}
		}
		if op.id == 0 && op.slug == 0 {
			return nil, fmt.Errorf("%w: organization sync pattern %q has no :id or :slug parameter", ErrInvalidParams, p)
		}
		m.orgs = append(m.orgs, op)
	}
	for _, p := range s.PersonalAccountPatterns {
		re, err := compileRoute(p)
		if err != nil {
			return nil, fmt.Errorf("%w: personal account pattern %q: %v", ErrInvalidParams, p, err)
		}
		m.personal = append(m.personal, re)
	}
	return m, nil
}

// target is what the escaped path asks to activate (findTarget): the first
// organization pattern that matches, if it captured a non-empty ID or slug
// (the ID first), else the personal account if a personal pattern matches.
func (m *orgMatcher) target(path string) (orgTarget, bool) {
	if m == nil {
		return orgTarget{}, false
	}
	for _, op := range m.orgs {
		sub := op.re.FindStringSubmatch(path)
		if sub == nil {
			continue
		}
		// JS matches the patterns as one alternation and reads the
		// parameters of the first that matched.
		if op.id != 0 && sub[op.id] != "" {
			return orgTarget{id: sub[op.id]}, true
		}
		if op.slug != 0 && sub[op.slug] != "" {
			return orgTarget{slug: sub[op.slug]}, true
		}
		break
	}
	for _, re := range m.personal {
		if re.MatchString(path) {
			return orgTarget{personal: true}, true
		}
	}
	return orgTarget{}, false
}

// mustActivate reports whether a signed-in session must switch to t.
func (t orgTarget) mustActivate(a *Auth) bool {
	switch {
	case t.personal:
		return a.OrgID != ""
	case t.slug != "" && t.slug != a.OrgSlug:
		return true
	default:
		return t.id != "" && t.id != a.OrgID
	}
}

// queryValue is the handshake URL's organization_id parameter for t: the
// ID, the slug (Clerk's JS SDK sends a slug under that name too), or ""
// for the personal account.
func (t orgTarget) queryValue() string {
	if t.slug != "" {
		return t.slug
	}
	return t.id
}
