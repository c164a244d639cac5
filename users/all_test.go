package users

import (
	"bytes"
	"context"
	"fmt"
	"github.com/go-clerk/clerk/internal/spectest"
	"net/http"
	"strconv"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
)

// userStore serves GET /users over n users, newest first, paging the way
// the API does: starting_after (after the user with that ID) or offset, and
// recording every request's paging parameters.
type userStore struct {
	t     *testing.T
	ids   []string
	json  [][]byte
	mu    sync.Mutex
	reqs  []pageReq
	fail  int // answer 422 to this request (1-based); 0 never
	extra func(r *http.Request)
}

type pageReq struct {
	Limit, Offset, StartingAfter, OrderBy string
	HasOffset, HasCursor                  bool
}

func newUserStore(t *testing.T, n int) *userStore {
	s := &userStore{t: t}
	// One marshalled user, its ID swapped per user: marshalling thousands
	// would dominate the test's time under -race.
	tmpl := minimalUser(t, "user_XXXXX", 1_700_000_000_000)
	for i := n - 1; i >= 0; i-- { // newest (highest number) first
		id := fmt.Sprintf("user_%05d", i)
		s.ids = append(s.ids, id)
		s.json = append(s.json, bytes.Replace(tmpl, []byte("user_XXXXX"), []byte(id), 1))
	}
	return s
}

func (s *userStore) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	pr := pageReq{
		Limit: q.Get("limit"), Offset: q.Get("offset"), StartingAfter: q.Get("starting_after"), OrderBy: q.Get("order_by"),
		HasOffset: q.Has("offset"), HasCursor: q.Has("starting_after"),
	}
	s.mu.Lock()
	s.reqs = append(s.reqs, pr)
	n := len(s.reqs)
	s.mu.Unlock()
	if s.extra != nil {
		s.extra(r)
	}
	if n == s.fail {
		spectest.WriteError(w, 422, "form_param_value_invalid")
		return
	}
	limit := 10
	if pr.Limit != "" {
		limit, _ = strconv.Atoi(pr.Limit)
	}
	start := 0
	switch {
	case pr.HasCursor:
		if pr.HasOffset && pr.Offset != "0" {
			spectest.WriteError(w, 422, "starting_after_with_offset")
			return
		}
		if !byCreation(&pr.OrderBy) && pr.OrderBy != "" {
			spectest.WriteError(w, 422, "starting_after_needs_created_at")
			return
		}
		start = -1
		for i, id := range s.ids {
			if id == pr.StartingAfter {
				start = i + 1
			}
		}
		if start < 0 {
			s.t.Errorf("starting_after %q names no user", pr.StartingAfter)
			start = len(s.ids)
		}
	case pr.HasOffset:
		start, _ = strconv.Atoi(pr.Offset)
	}
	end := min(start+limit, len(s.ids))
	start = min(start, end)
	var b bytes.Buffer
	b.WriteByte('[')
	for i := start; i < end; i++ {
		if i > start {
			b.WriteByte(',')
		}
		b.Write(s.json[i])
	}
	b.WriteByte(']')
	spectest.WriteJSON(w, 200, b.Bytes())
}

func (s *userStore) requests() []pageReq {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]pageReq(nil), s.reqs...)
}

func TestAllPaging(t *testing.T) {
	tests := []struct {
		name   string
		n      int
		params *ListParams
		// want: the paging of each request, in order
		want []pageReq
		// first is the index of the first user yielded
		first int
	}{
		{
			name: "nil params: cursor, pages of 500", n: 2345, params: nil,
			want: cursorPages(2345, 0, 500, ""),
		},
		{
			name: "+created_at, Limit 300: cursor", n: 2345,
			params: &ListParams{OrderBy: new("+created_at"), Limit: new(300)},
			want:   cursorPages(2345, 0, 300, "+created_at"),
		},
		{
			name: "created_at, exact multiple: one empty page ends it", n: 2500,
			params: &ListParams{OrderBy: new("created_at"), Limit: new(250)},
			want:   append(cursorPages(2500, 0, 250, "created_at"), pageReq{Limit: "250", StartingAfter: "user_00000", OrderBy: "created_at", HasCursor: true}),
		},
		{
			name: "-created_at with Offset 0: still cursor", n: 1200,
			params: &ListParams{OrderBy: new("-created_at"), Offset: new(0)},
			want:   cursorPages(1200, 0, 500, "-created_at"),
		},
		{
			name: "caller's StartingAfter is the first cursor", n: 1500,
			params: &ListParams{StartingAfter: new("user_01099"), Limit: new(200)},
			want:   cursorPages(1500, 401, 200, ""),
			first:  401,
		},
		{
			name: "-last_sign_in_at: offset paging", n: 2345,
			params: &ListParams{OrderBy: new("-last_sign_in_at")},
			want:   offsetPages(2345, 0, 500, "-last_sign_in_at"),
		},
		{
			name: "username, Limit 400: offset paging", n: 1000,
			params: &ListParams{OrderBy: new("username"), Limit: new(400)},
			want:   offsetPages(1000, 0, 400, "username"),
		},
		{
			name: "Offset given: offset paging from it", n: 2345,
			params: &ListParams{Offset: new(100), Limit: new(400)},
			want:   offsetPages(2345, 100, 400, ""),
			first:  100,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			svc, srv := setup(t)
			store := newUserStore(t, tt.n)
			srv.Mux.Handle("GET /users", store)
			var before ListParams
			if tt.params != nil {
				before = *tt.params
			}
			var got []string
			for u, err := range svc.All(context.Background(), tt.params) {
				require.NoError(t, err)
				got = append(got, u.ID)
			}
			assert.Equal(t, store.ids[tt.first:], got, "users yielded, in order")
			assert.Equal(t, tt.want, store.requests(), "requests")
			if tt.params != nil {
				assert.Equal(t, before, *tt.params, "params must not change")
			}
		})
	}
}

// cursorPages is the requests of a cursor walk over n users (newest first),
// starting at index first, in pages of limit.
func cursorPages(n, first, limit int, orderBy string) []pageReq {
	var out []pageReq
	for i := first; ; i += limit {
		pr := pageReq{Limit: strconv.Itoa(limit), OrderBy: orderBy}
		if i > 0 {
			pr.StartingAfter = fmt.Sprintf("user_%05d", n-i) // the ID at index i-1
			pr.HasCursor = true
		}
		out = append(out, pr)
		if i+limit > n {
			return out
		}
		if i+limit == n {
			return out // the caller appends the empty page it takes
		}
	}
}

func offsetPages(n, first, limit int, orderBy string) []pageReq {
	var out []pageReq
	for i := first; ; i += limit {
		out = append(out, pageReq{Limit: strconv.Itoa(limit), Offset: strconv.Itoa(i), OrderBy: orderBy, HasOffset: true})
		if i+limit > n {
			return out
		}
	}
}

func TestAllCarriesFilters(t *testing.T) {
	svc, srv := setup(t)
	store := newUserStore(t, 1100)
	store.extra = func(r *http.Request) {
		assert.Equal(t, []string{"a@b.co"}, r.URL.Query()["email_address"], "email_address on every page")
		assert.Equal(t, "true", r.URL.Query().Get("banned"), "banned on every page")
	}
	srv.Mux.Handle("GET /users", store)
	n := 0
	for _, err := range svc.All(context.Background(), &ListParams{EmailAddresses: []string{"a@b.co"}, Banned: new(true)}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 1100, n)
	assert.Len(t, store.requests(), 3)
}

func TestAllBreakStops(t *testing.T) {
	svc, srv := setup(t)
	store := newUserStore(t, 5000)
	srv.Mux.Handle("GET /users", store)
	n := 0
	for _, err := range svc.All(context.Background(), nil) {
		require.NoError(t, err)
		n++
		if n == 600 {
			break
		}
	}
	assert.Equal(t, 600, n)
	assert.Len(t, store.requests(), 2, "no page fetched after the break")
}

func TestAllErrorMidway(t *testing.T) {
	svc, srv := setup(t)
	store := newUserStore(t, 5000)
	store.fail = 3
	srv.Mux.Handle("GET /users", store)
	var users, errs int
	var last error
	for u, err := range svc.All(context.Background(), nil) {
		if err != nil {
			errs++
			last = err
			assert.Nil(t, u, "user with the error")
			continue
		}
		users++
	}
	assert.Equal(t, 1000, users, "the two good pages")
	assert.Equal(t, 1, errs, "the error is yielded once")
	assert.ErrorIs(t, last, internal.ErrUnprocessable)
	assert.Len(t, store.requests(), 3, "nothing fetched after the error")
}

func TestAllContextCancelled(t *testing.T) {
	svc, srv := setup(t)
	store := newUserStore(t, 2000)
	srv.Mux.Handle("GET /users", store)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var n int
	var last error
	for _, err := range svc.All(ctx, nil) {
		if err != nil {
			last = err
			break
		}
		n++
		if n == 500 {
			cancel()
		}
	}
	assert.Equal(t, 500, n)
	assert.ErrorIs(t, last, context.Canceled)
	assert.Len(t, store.requests(), 1)
}

// TestAllRerun: the iterator can be ranged over twice, from the start each
// time.
func TestAllRerun(t *testing.T) {
	svc, srv := setup(t)
	store := newUserStore(t, 700)
	srv.Mux.Handle("GET /users", store)
	seq := svc.All(context.Background(), &ListParams{Limit: new(300)})
	count := func() int {
		n := 0
		for _, err := range seq {
			require.NoError(t, err)
			n++
		}
		return n
	}
	assert.Equal(t, 700, count())
	assert.Equal(t, 700, count())
	reqs := store.requests()
	require.Len(t, reqs, 6)
	assert.Equal(t, reqs[:3], reqs[3:], "same requests both times")
}

// TestAllCapsThePageSize: the users list endpoints serve at most 500 items a
// page (the spec's maximum for limit), so a larger Limit given to an All is
// walked in pages of 500 rather than sent and refused.
func TestAllCapsThePageSize(t *testing.T) {
	t.Run("All, cursor", func(t *testing.T) {
		svc, srv := setup(t)
		store := newUserStore(t, 1200)
		srv.Mux.Handle("GET /users", store)
		n := 0
		for _, err := range svc.All(context.Background(), &ListParams{Limit: new(1000)}) {
			require.NoError(t, err)
			n++
		}
		assert.Equal(t, 1200, n)
		assert.Equal(t, cursorPages(1200, 0, 500, ""), store.requests())
	})
	t.Run("All, offset", func(t *testing.T) {
		svc, srv := setup(t)
		store := newUserStore(t, 1200)
		srv.Mux.Handle("GET /users", store)
		n := 0
		for _, err := range svc.All(context.Background(), &ListParams{Limit: new(1000), OrderBy: new("username")}) {
			require.NoError(t, err)
			n++
		}
		assert.Equal(t, 1200, n)
		assert.Equal(t, offsetPages(1200, 0, 500, "username"), store.requests())
	})
	want := [][2]string{{"500", "0"}, {"500", "500"}, {"500", "1000"}}
	t.Run("AllOrganizationMemberships", func(t *testing.T) {
		svc, srv := setup(t)
		store := &offsetStore{t: t, n: 1200, item: membershipN}
		srv.Mux.Handle("GET /users/{user_id}/organization_memberships", store)
		n := 0
		for _, err := range svc.AllOrganizationMemberships(context.Background(), "user_1", &ListOrganizationMembershipsParams{Limit: new(1000)}) {
			require.NoError(t, err)
			n++
		}
		assert.Equal(t, 1200, n)
		assert.Equal(t, want, store.requests())
	})
	t.Run("AllOrganizationInvitations", func(t *testing.T) {
		svc, srv := setup(t)
		store := &offsetStore{t: t, n: 1200, item: invitationN}
		srv.Mux.Handle("GET /users/{user_id}/organization_invitations", store)
		n := 0
		for _, err := range svc.AllOrganizationInvitations(context.Background(), "user_1", &ListOrganizationInvitationsParams{Limit: new(1000)}) {
			require.NoError(t, err)
			n++
		}
		assert.Equal(t, 1200, n)
		assert.Equal(t, want, store.requests())
	})
}
