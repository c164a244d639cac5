package organizations

import (
	"context"
	"iter"
	"sort"
	"strconv"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
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
			assert.Equal(t, 1200, tc.count(t, svc, ptr(1000))())
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
			walk := tc.count(t, svc, ptr(100))
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
