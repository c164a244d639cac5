package organizations

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal/spectest"
)

// countAll ranges over seq and counts its items, reporting any error.
func countAll[T any](t *testing.T, seq iter.Seq2[*T, error]) int {
	n := 0
	for _, err := range seq {
		assert.NoError(t, err)
		n++
	}
	return n
}

// allCases is every All method of the package, each with the pattern its
// list answers on, its items, and a way to call it with a page size.
func allCases() []struct {
	name    string
	pattern string
	item    func(int) string
	count   func(t *testing.T, svc *Service, limit *int) func() int
} {
	ctx := context.Background()
	orgN := func(i int) string { return minimalOrgJSON("org_" + strconv.Itoa(i)) }
	return []struct {
		name    string
		pattern string
		item    func(int) string
		count   func(t *testing.T, svc *Service, limit *int) func() int
	}{
		{"All", "GET /organizations", orgN, func(t *testing.T, svc *Service, limit *int) func() int {
			seq := svc.All(ctx, &ListParams{Limit: limit})
			return func() int { return countAll(t, seq) }
		}},
		{"AllMemberships", "GET /organizations/{organization_id}/memberships", memberN, func(t *testing.T, svc *Service, limit *int) func() int {
			seq := svc.AllMemberships(ctx, "org_1", &ListMembershipsParams{Limit: limit})
			return func() int { return countAll(t, seq) }
		}},
		{"AllInstanceMemberships", "GET /organization_memberships", memberN, func(t *testing.T, svc *Service, limit *int) func() int {
			seq := svc.AllInstanceMemberships(ctx, &ListInstanceMembershipsParams{Limit: limit})
			return func() int { return countAll(t, seq) }
		}},
		{"AllInvitations", "GET /organizations/{organization_id}/invitations", invitationN, func(t *testing.T, svc *Service, limit *int) func() int {
			seq := svc.AllInvitations(ctx, "org_1", &ListInvitationsParams{Limit: limit})
			return func() int { return countAll(t, seq) }
		}},
		{"AllInstanceInvitations", "GET /organization_invitations", instanceInvitationN, func(t *testing.T, svc *Service, limit *int) func() int {
			seq := svc.AllInstanceInvitations(ctx, &ListInstanceInvitationsParams{Limit: limit})
			return func() int { return countAll(t, seq) }
		}},
		{"AllDomains", "GET /organizations/{organization_id}/domains", domainN, func(t *testing.T, svc *Service, limit *int) func() int {
			seq := svc.AllDomains(ctx, "org_1", &ListDomainsParams{Limit: limit})
			return func() int { return countAll(t, seq) }
		}},
		{"AllInstanceDomains", "GET /organization_domains", domainN, func(t *testing.T, svc *Service, limit *int) func() int {
			seq := svc.AllInstanceDomains(ctx, &ListInstanceDomainsParams{Limit: limit})
			return func() int { return countAll(t, seq) }
		}},
		{"OrganizationRoles.All", "GET /organization_roles", roleN, func(t *testing.T, svc *Service, limit *int) func() int {
			seq := roles(svc).All(ctx, &ListRolesParams{Limit: limit})
			return func() int { return countAll(t, seq) }
		}},
		{"OrganizationPermissions.All", "GET /organization_permissions", permissionN, func(t *testing.T, svc *Service, limit *int) func() int {
			seq := permissions(svc).All(ctx, &ListPermissionsParams{Limit: limit})
			return func() int { return countAll(t, seq) }
		}},
		{"RoleSets.All", "GET /role_sets", roleSetN, func(t *testing.T, svc *Service, limit *int) func() int {
			seq := roleSets(svc).All(ctx, &ListRoleSetsParams{Limit: limit})
			return func() int { return countAll(t, seq) }
		}},
	}
}

// TestAllCapsThePageSize: the endpoints serve at most 500 items a page
// (the spec's maximum for limit), so a larger Limit given to All is walked
// in pages of 500 rather than sent and refused.
func TestAllCapsThePageSize(t *testing.T) {
	for _, tc := range allCases() {
		t.Run(tc.name, func(t *testing.T) {
			svc, srv := setup(t)
			store := newPageStore(1200, tc.item)
			srv.Mux.Handle(tc.pattern, store)
			assert.Equal(t, 1200, tc.count(t, svc, new(1000))())
			assert.Equal(t, []string{"500@0", "500@500", "500@1000"}, store.pages)
		})
	}
}

// TestAllRangedConcurrently: one iterator ranged by two goroutines at once
// walks the list twice, with no data race (run with -race) and no
// interference between the two walks.
func TestAllRangedConcurrently(t *testing.T) {
	for _, tc := range allCases() {
		t.Run(tc.name, func(t *testing.T) {
			svc, srv := setup(t)
			store := newPageStore(250, tc.item)
			srv.Mux.Handle(tc.pattern, store)
			walk := tc.count(t, svc, new(100))
			var wg sync.WaitGroup
			counts := make([]int, 2)
			for i := range counts {
				wg.Add(1)
				go func() {
					defer wg.Done()
					counts[i] = walk()
				}()
			}
			wg.Wait()
			assert.Equal(t, []int{250, 250}, counts)
			pages := append([]string(nil), store.pages...)
			sort.Strings(pages)
			assert.Equal(t, []string{"100@0", "100@0", "100@100", "100@100", "100@200", "100@200"}, pages)
		})
	}
}

// TestAllMembershipsSurvivesDeletes: deleting, inside the loop, every
// membership AllMemberships yields removes them all: the walk, which pages
// by offset, does not skip the members that move up as others leave.
func TestAllMembershipsSurvivesDeletes(t *testing.T) {
	svc, srv := setup(t)
	var (
		mu      sync.Mutex
		members []int // the user numbers still members, in list order
	)
	for i := range 250 {
		members = append(members, i)
	}
	srv.Mux.HandleFunc("GET /organizations/{organization_id}/memberships", func(w http.ResponseWriter, r *http.Request) {
		limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		mu.Lock()
		defer mu.Unlock()
		items := []string{}
		for _, n := range members[min(offset, len(members)):min(offset+limit, len(members))] {
			items = append(items, membershipJSON(n, "org_1", "org:member"))
		}
		spectest.WriteJSON(w, 200, fmt.Sprintf(`{"data":[%s],"total_count":%d}`, strings.Join(items, ","), len(members)))
	})
	srv.Mux.HandleFunc("DELETE /organizations/{organization_id}/memberships/{user_id}", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(strings.TrimPrefix(r.PathValue("user_id"), "user_"))
		mu.Lock()
		members = slices.DeleteFunc(members, func(m int) bool { return m == n })
		mu.Unlock()
		spectest.WriteJSON(w, 200, membershipJSON(n, "org_1", "org:member"))
	})
	ctx := context.Background()
	seen := map[string]bool{}
	for m, err := range svc.AllMemberships(ctx, "org_1", &ListMembershipsParams{Limit: new(100)}) {
		require.NoError(t, err)
		assert.False(t, seen[m.ID], "yielded twice: %s", m.ID)
		seen[m.ID] = true
		require.NoError(t, svc.DeleteMembership(ctx, "org_1", m.PublicUserData.UserID))
	}
	assert.Len(t, seen, 250)
	assert.Empty(t, members, "every member was deleted")
}
