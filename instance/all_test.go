package instance

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pagedList is one of the package's paged lists, seen through IDs.
type pagedList struct {
	name, path, object string
	all                func(context.Context, *services, *ListParams) iter.Seq2[string, error]
	del                func(context.Context, *services, string) error
}

// ids maps an All iterator to the IDs it yields.
func ids[T any](seq iter.Seq2[*T, error], id func(*T) string) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		for v, err := range seq {
			s := ""
			if v != nil {
				s = id(v)
			}
			if !yield(s, err) {
				return
			}
		}
	}
}

var pagedLists = []pagedList{
	{"RedirectURLs", "/redirect_urls", "redirect_url",
		func(ctx context.Context, s *services, p *ListParams) iter.Seq2[string, error] {
			return ids(s.redirectURLs.All(ctx, p), func(u *RedirectURL) string { return u.ID })
		},
		func(ctx context.Context, s *services, id string) error { return s.redirectURLs.Delete(ctx, id) }},
	{"AllowList", "/allowlist_identifiers", "allowlist_identifier",
		func(ctx context.Context, s *services, p *ListParams) iter.Seq2[string, error] {
			return ids(s.allowList.All(ctx, p), identifierID)
		},
		func(ctx context.Context, s *services, id string) error { return s.allowList.Delete(ctx, id) }},
	{"JWTTemplates", "/jwt_templates", "jwt_template",
		func(ctx context.Context, s *services, p *ListParams) iter.Seq2[string, error] {
			return ids(s.jwtTemplates.All(ctx, p), func(t *JWTTemplate) string { return t.ID })
		},
		func(ctx context.Context, s *services, id string) error { return s.jwtTemplates.Delete(ctx, id) }},
}

// fakeList serves a list of n items at path in the paginated shape that
// paginated=true asks for, and deletes them, recording each page request's
// limit and offset.
type fakeList struct {
	mu      sync.Mutex
	items   []string
	object  string
	limits  []int
	offsets []int
}

func serveList(t *testing.T, srvMux *http.ServeMux, l pagedList, n int) *fakeList {
	f := &fakeList{object: l.object}
	for i := range n {
		f.items = append(f.items, fmt.Sprintf("id_%04d", i))
	}
	srvMux.HandleFunc("GET "+l.path, func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		assert.Equal(t, "true", q.Get("paginated"))
		limit, _ := strconv.Atoi(q.Get("limit"))
		offset, _ := strconv.Atoi(q.Get("offset"))
		f.mu.Lock()
		defer f.mu.Unlock()
		f.limits, f.offsets = append(f.limits, limit), append(f.offsets, offset)
		var page []string
		for i := offset; i < offset+limit && i < len(f.items); i++ {
			page = append(page, fmt.Sprintf(`{"object":%q,"id":%q,"created_at":1,"updated_at":2}`, f.object, f.items[i]))
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"data":[%s],"total_count":%d}`, strings.Join(page, ","), len(f.items))
	})
	srvMux.HandleFunc("DELETE "+l.path+"/{id}", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		defer f.mu.Unlock()
		id := r.PathValue("id")
		f.items = slices.DeleteFunc(f.items, func(s string) bool { return s == id })
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"object":%q,"id":%q,"deleted":true}`, f.object, id)
	})
	return f
}

// TestAll walks each paged list whole, in pages of the maximum (500),
// from the caller's offset in the caller's page size, and while deleting
// what it yields.
func TestAll(t *testing.T) {
	ctx := context.Background()
	for _, l := range pagedLists {
		t.Run(l.name+" whole", func(t *testing.T) {
			s, srv := setup(t)
			f := serveList(t, srv.Mux, l, 1001)
			var got []string
			for id, err := range l.all(ctx, s, nil) {
				require.NoError(t, err)
				got = append(got, id)
			}
			assert.Equal(t, f.items, got)
			assert.Equal(t, []int{500, 500, 500}, f.limits)
			assert.Equal(t, []int{0, 500, 1000}, f.offsets)
		})
		t.Run(l.name+" from the caller's offset, in the caller's pages", func(t *testing.T) {
			s, srv := setup(t)
			f := serveList(t, srv.Mux, l, 20)
			p := &ListParams{Limit: new(7), Offset: new(3)}
			var got []string
			for id, err := range l.all(ctx, s, p) {
				require.NoError(t, err)
				got = append(got, id)
			}
			assert.Equal(t, f.items[3:], got)
			assert.Equal(t, []int{7, 7, 7}, f.limits)
			assert.Equal(t, []int{3, 10, 17}, f.offsets)
			assert.Equal(t, &ListParams{Limit: new(7), Offset: new(3)}, p, "params unchanged")
		})
		t.Run(l.name+" deleting inside the loop", func(t *testing.T) {
			s, srv := setup(t)
			f := serveList(t, srv.Mux, l, 25)
			want := slices.Clone(f.items)
			var got []string
			for id, err := range l.all(ctx, s, &ListParams{Limit: new(10)}) { // three pages, the list shrinking under each
				require.NoError(t, err)
				got = append(got, id)
				require.NoError(t, l.del(ctx, s, id))
			}
			assert.Equal(t, want, got, "each item once, none skipped")
			assert.Empty(t, f.items, "all deleted")
		})
	}
}
