package sessions

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
)

// liveSessions is a stand-in for GET /sessions and POST .../revoke that
// behaves as Clerk does: newest first, the status filter applied before
// paging, total_count the number of matches, and a revoked session leaving
// a status=active listing.
type liveSessions struct {
	mu       sync.Mutex
	ids      []string          // newest first
	status   map[string]Status // by ID
	failWith map[string]int    // revoke answers this status for these IDs
	revokes  int
}

func newLiveSessions(n int, statusOf func(i int) Status) *liveSessions {
	l := &liveSessions{status: map[string]Status{}, failWith: map[string]int{}}
	for i := range n {
		id := fmt.Sprintf("sess_%04d", i)
		l.ids = append(l.ids, id)
		l.status[id] = statusOf(i)
	}
	return l
}

func (l *liveSessions) sessionJSON(id string) string {
	return fmt.Sprintf(`{"object":"session","id":%q,"user_id":"user_1","client_id":"client_1","status":%q,"last_active_at":1,"expire_at":2,"abandon_at":3,"updated_at":4,"created_at":5}`, id, l.status[id])
}

func (l *liveSessions) routes(t *testing.T, mux *http.ServeMux) {
	mux.HandleFunc("GET /sessions", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		assert.Equal(t, "user_1", q.Get("user_id"))
		limit, _ := strconv.Atoi(q.Get("limit"))
		offset, _ := strconv.Atoi(q.Get("offset"))
		l.mu.Lock()
		defer l.mu.Unlock()
		var match []string
		for _, id := range l.ids {
			if st := q.Get("status"); st == "" || string(l.status[id]) == st {
				match = append(match, l.sessionJSON(id))
			}
		}
		page := match[min(offset, len(match)):min(offset+limit, len(match))]
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"data":[%s],"total_count":%d}`, strings.Join(page, ","), len(match))
	})
	mux.HandleFunc("POST /sessions/{session_id}/revoke", func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue("session_id")
		l.mu.Lock()
		defer l.mu.Unlock()
		l.revokes++
		w.Header().Set("Content-Type", "application/json")
		if code := l.failWith[id]; code != 0 {
			w.WriteHeader(code)
			fmt.Fprintf(w, `{"errors":[{"code":"c%d","message":"m","long_message":"lm"}]}`, code)
			return
		}
		l.status[id] = StatusRevoked
		_, _ = w.Write([]byte(l.sessionJSON(id)))
	})
}

func (l *liveSessions) count(st Status) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, s := range l.status {
		if s == st {
			n++
		}
	}
	return n
}

// TestAllWhileRevoking is the README's sign-out loop (issue 9, "What a new
// user hit"): revoking each session that All(status=active) yields. An
// offset walk that only adds the page length skips a page of sessions for
// every page revoked (a user with 1,200 sessions kept 500 of them); every
// one must be revoked, each yielded once.
func TestAllWhileRevoking(t *testing.T) {
	for _, n := range []int{1, 499, 500, 501, 1200} {
		svc, srv := setup(t)
		l := newLiveSessions(n, func(int) Status { return StatusActive })
		l.routes(t, srv.Mux)
		active := StatusActive
		seen := map[string]bool{}
		for s, err := range svc.All(context.Background(), &ListParams{UserID: new("user_1"), Status: &active}) {
			require.NoError(t, err)
			require.False(t, seen[s.ID], "%s yielded twice", s.ID)
			seen[s.ID] = true
			_, err := svc.Revoke(context.Background(), s.ID)
			require.NoError(t, err)
		}
		assert.Len(t, seen, n, "%d sessions: yielded", n)
		assert.Equal(t, 0, l.count(StatusActive), "%d sessions: still active", n)
	}
}

func TestRevokeAll(t *testing.T) {
	svc, srv := setup(t)
	// Every tenth session is pending, every seventh already ended.
	l := newLiveSessions(1200, func(i int) Status {
		switch {
		case i%7 == 0:
			return StatusEnded
		case i%10 == 0:
			return StatusPending
		}
		return StatusActive
	})
	wantRevoked := l.count(StatusActive) + l.count(StatusPending)
	ended := l.count(StatusEnded)
	l.routes(t, srv.Mux)
	revoked, err := svc.RevokeAll(context.Background(), "user_1")
	require.NoError(t, err)
	assert.Len(t, revoked, wantRevoked)
	assert.Equal(t, wantRevoked, l.revokes, "one revoke per signed-in session")
	for _, s := range revoked {
		assert.Equal(t, StatusRevoked, s.Status)
	}
	assert.Equal(t, 0, l.count(StatusActive)+l.count(StatusPending))
	assert.Equal(t, ended, l.count(StatusEnded), "ended sessions are left alone")
}

// TestRevokeAllPartialFailure: a failed revocation does not stop the others,
// and the error says which sessions were not revoked, and why.
func TestRevokeAllPartialFailure(t *testing.T) {
	svc, srv := setup(t)
	l := newLiveSessions(30, func(int) Status { return StatusActive })
	l.failWith["sess_0003"] = http.StatusNotFound
	l.failWith["sess_0017"] = http.StatusUnprocessableEntity
	l.routes(t, srv.Mux)
	revoked, err := svc.RevokeAll(context.Background(), "user_1")
	require.Error(t, err)
	assert.Len(t, revoked, 28)
	assert.Equal(t, 30, l.revokes, "every session was tried")
	assert.ErrorIs(t, err, internal.ErrNotFound)
	assert.ErrorIs(t, err, internal.ErrUnprocessable)
	assert.Contains(t, err.Error(), "sess_0003")
	assert.Contains(t, err.Error(), "sess_0017")
	var ids []string
	for _, s := range revoked {
		ids = append(ids, s.ID)
	}
	assert.NotContains(t, ids, "sess_0003")
	assert.False(t, slices.Contains(ids, "sess_0017"))
}

func TestRevokeAllStops(t *testing.T) {
	t.Run("a failed listing revokes nothing", func(t *testing.T) {
		svc, srv := setup(t)
		srv.Mux.HandleFunc("GET /sessions", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusUnauthorized)
		})
		revoked, err := svc.RevokeAll(context.Background(), "user_1")
		assert.Nil(t, revoked)
		assert.ErrorIs(t, err, internal.ErrUnauthorized)
	})
	t.Run("a cancelled context reports what is left", func(t *testing.T) {
		svc, srv := setup(t)
		l := newLiveSessions(10, func(int) Status { return StatusActive })
		l.routes(t, srv.Mux)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		srv.Mux.HandleFunc("POST /sessions/sess_0004/revoke", func(w http.ResponseWriter, r *http.Request) {
			cancel()
			w.WriteHeader(http.StatusServiceUnavailable)
		})
		revoked, err := svc.RevokeAll(ctx, "user_1")
		assert.Len(t, revoked, 4)
		assert.ErrorIs(t, err, context.Canceled)
		assert.Contains(t, err.Error(), "5 of 10 sessions not revoked")
	})
	t.Run("a bad user ID sends nothing", func(t *testing.T) {
		svc, srv := setup(t)
		_, err := svc.RevokeAll(context.Background(), "../x")
		assert.True(t, errors.Is(err, internal.ErrInvalidParams), "%v", err)
		assert.Equal(t, 0, srv.Count("GET", "/v1/sessions"))
	})
}
