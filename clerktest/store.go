package clerktest

import (
	"fmt"
	"slices"

	"github.com/go-clerk/clerk/apikeys"
	"github.com/go-clerk/clerk/organizations"
	"github.com/go-clerk/clerk/users"
)

// store is the server's data, guarded by Server.mu. Resources are kept as
// the SDK's own models, which the handlers answer with.
type store struct {
	seq int64 // creation sequence: IDs, and ties in ordering

	users       *table[users.User]
	sessions    *table[session]
	orgs        *table[organizations.Organization]
	memberships *table[organizations.OrganizationMembership]
	invitations *table[organizations.OrganizationInvitation]
	apiKeys     *table[apikeys.APIKey]
	machines    *table[apikeys.Machine]
	m2mTokens   *table[apikeys.M2MToken]

	// roles maps a role key ("org:admin") to its permissions.
	roles map[string][]string
	// passwords holds the users' passwords, by user ID.
	passwords map[string]string
	// cursors keeps where deleted users sat in creation order, so that a
	// walk with starting_after goes on past a user deleted meanwhile.
	cursors map[string]*users.User
	// secrets of API keys, machines and M2M tokens, both ways.
	apiKeyBySecret  map[string]string
	apiKeySecret    map[string]string
	machineBySecret map[string]string
	machineSecret   map[string]string
	m2mByToken      map[string]string
	// scopes maps a machine ID to the machines it may reach.
	scopes map[string][]string
}

func newStore() *store {
	db := &store{
		roles: map[string][]string{
			// Clerk's default roles and their system permissions.
			"org:admin": {"org:sys_profile:manage", "org:sys_profile:delete", "org:sys_memberships:read",
				"org:sys_memberships:manage", "org:sys_domains:read", "org:sys_domains:manage"},
			"org:member": {"org:sys_memberships:read"},
		},
		passwords:       map[string]string{},
		cursors:         map[string]*users.User{},
		apiKeyBySecret:  map[string]string{},
		apiKeySecret:    map[string]string{},
		machineBySecret: map[string]string{},
		machineSecret:   map[string]string{},
		m2mByToken:      map[string]string{},
		scopes:          map[string][]string{},
	}
	db.users = newTable[users.User](&db.seq)
	db.sessions = newTable[session](&db.seq)
	db.orgs = newTable[organizations.Organization](&db.seq)
	db.memberships = newTable[organizations.OrganizationMembership](&db.seq)
	db.invitations = newTable[organizations.OrganizationInvitation](&db.seq)
	db.apiKeys = newTable[apikeys.APIKey](&db.seq)
	db.machines = newTable[apikeys.Machine](&db.seq)
	db.m2mTokens = newTable[apikeys.M2MToken](&db.seq)
	return db
}

// id returns a new ID: the prefix, "_", and 27 characters that start with
// "clerktest" (Clerk's IDs have 27 characters after the prefix, and the
// spec's patterns ask for them, as ^user_\w{27}$ does).
func (db *store) id(prefix string) string {
	db.seq++
	return fmt.Sprintf("%s_clerktest%018d", prefix, db.seq)
}

// hexID returns a new ID of the prefix and 32 hexadecimal digits, the shape
// of API key and M2M token IDs (ak_..., mt_...).
func (db *store) hexID(prefix string) string {
	db.seq++
	return fmt.Sprintf("%s_%032x", prefix, db.seq)
}

// table holds one kind of resource by ID, remembering creation order.
type table[T any] struct {
	seq  *int64
	byID map[string]*entry[T]
}

type entry[T any] struct {
	seq int64
	v   *T
}

func newTable[T any](seq *int64) *table[T] {
	return &table[T]{seq: seq, byID: map[string]*entry[T]{}}
}

func (t *table[T]) get(id string) *T {
	if e := t.byID[id]; e != nil {
		return e.v
	}
	return nil
}

func (t *table[T]) add(id string, v *T) {
	*t.seq++
	t.byID[id] = &entry[T]{seq: *t.seq, v: v}
}

func (t *table[T]) remove(id string) { delete(t.byID, id) }

// all returns the resources in creation order.
func (t *table[T]) all() []*T {
	es := make([]*entry[T], 0, len(t.byID))
	for _, e := range t.byID {
		es = append(es, e)
	}
	slices.SortFunc(es, func(a, b *entry[T]) int { return int(a.seq - b.seq) })
	out := make([]*T, len(es))
	for i, e := range es {
		out[i] = e.v
	}
	return out
}

// filter returns the resources, in creation order, for which keep is true.
func (t *table[T]) filter(keep func(*T) bool) []*T {
	var out []*T
	for _, v := range t.all() {
		if keep(v) {
			out = append(out, v)
		}
	}
	return out
}
