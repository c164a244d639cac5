package benchmarks

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	clerkv2 "github.com/clerk/clerk-sdk-go/v2"
	clerkv2user "github.com/clerk/clerk-sdk-go/v2/user"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/users"
)

// Listing every user: 10,000 users, each the spec's example user with every
// field (its own ID), in pages of 500 (the endpoint's maximum, on every
// side):
//
//   - ours: for u, err := range c.Users.All(ctx, nil), which pages with
//     starting_after and stops at the first short or empty page;
//   - official: the offset loop over user.Client.List that its docs leave
//     to the caller; List also calls GET /users/count on every page (the
//     SDK synthesises TotalCount that way), and the loop stops when the
//     offset reaches TotalCount;
//   - floor: net/http + encoding/json into []mirror(users.User), offset
//     loop, stopping at the first short or empty page.
//
// Besides time, the case counts requests and measures the peak live heap
// of one walk (see liveHeapPeak).
const (
	listTotal = 10000
	listPage  = 500
)

// listServer answers GET /v1/users (limit=500 with offset or
// starting_after) and GET /v1/users/count. Pages are built on demand in one
// buffer, so that the server holds one page's JSON, not 10,000 users'.
type listServer struct {
	*httptest.Server
	requests atomic.Int64
	onPage   atomic.Pointer[func()] // run at every page request

	mu         sync.Mutex
	buf        []byte
	head, tail []byte // a user's JSON before and after its ID
}

func newListServer(tb testing.TB) *listServer {
	user := compactUser(tb)
	at := []byte(`"id":"` + userID + `"`)
	i := bytes.Index(user, at)
	if i < 0 {
		tb.Fatal("no id in the user")
	}
	s := &listServer{head: user[:i+len(`"id":"`)], tail: user[i+len(at)-1:]}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	tb.Cleanup(s.Close)
	return s
}

// listUserID is the ID of the i-th user, shaped as Clerk's.
func listUserID(i int) string { return fmt.Sprintf("user_%027d", i) }

func (s *listServer) serve(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	w.Header().Set("Content-Type", "application/json")
	q := r.URL.Query()
	switch r.URL.Path {
	case "/v1/users/count":
		fmt.Fprintf(w, `{"object":"total_count","total_count":%d}`, listTotal)
		return
	case "/v1/users":
	default:
		http.NotFound(w, r)
		return
	}
	if f := s.onPage.Load(); f != nil {
		(*f)()
	}
	start, _ := strconv.Atoi(q.Get("offset"))
	if after := q.Get("starting_after"); after != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(after, "user_"))
		if err != nil {
			http.Error(w, "bad cursor", http.StatusBadRequest)
			return
		}
		start = n + 1
	}
	if q.Get("limit") != strconv.Itoa(listPage) || start%listPage != 0 {
		http.Error(w, "unexpected page "+r.URL.RawQuery, http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buf = append(s.buf[:0], '[')
	for i := start; i < min(start+listPage, listTotal); i++ {
		if i > start {
			s.buf = append(s.buf, ',')
		}
		s.buf = append(s.buf, s.head...)
		s.buf = append(s.buf, listUserID(i)...)
		s.buf = append(s.buf, s.tail...)
	}
	s.buf = append(s.buf, ']')
	_, _ = w.Write(s.buf)
}

// lister is one side's walk over every user: it calls item for each user
// (with its 1-based position) and returns how many it saw.
type lister func(item func(n int)) int

func buildUsersAll(tb testing.TB) *comparison {
	srv := newListServer(tb)
	ctx := context.Background()
	c := newClient(tb, srv.URL)
	oc := clerkv2user.NewClient(officialConfig(srv.URL))
	hc := newHTTPClient()
	tb.Cleanup(hc.CloseIdleConnections)
	floorType := reflect.SliceOf(mirror(reflect.TypeFor[users.User]()))

	var walks [nSides]lister
	walks[ours] = func(item func(int)) int {
		n := 0
		for u, err := range c.Users.All(ctx, nil) {
			if err != nil {
				tb.Fatal(err)
			}
			n++
			if u.ID != listUserID(n-1) {
				tb.Fatalf("user %d is %s", n, u.ID)
			}
			item(n)
		}
		return n
	}
	walks[official] = func(item func(int)) int {
		n := 0
		params := &clerkv2user.ListParams{}
		params.Limit = clerkv2.Int64(listPage)
		for offset := int64(0); ; {
			params.Offset = clerkv2.Int64(offset)
			page, err := oc.List(ctx, params)
			if err != nil {
				tb.Fatal(err)
			}
			for _, u := range page.Users {
				n++
				if u.ID != listUserID(n-1) {
					tb.Fatalf("user %d is %s", n, u.ID)
				}
				item(n)
			}
			offset += int64(len(page.Users))
			if len(page.Users) == 0 || offset >= page.TotalCount {
				return n
			}
		}
	}
	walks[floor] = func(item func(int)) int {
		n := 0
		for offset := 0; ; offset += listPage {
			page := reflect.New(floorType)
			url := fmt.Sprintf("%s/v1/users?limit=%d&offset=%d", srv.URL, listPage, offset)
			if err := getJSON(ctx, hc, url, page.Interface()); err != nil {
				tb.Fatal(err)
			}
			users := page.Elem()
			for i := range users.Len() {
				n++
				if id := users.Index(i).FieldByName("ID").String(); id != listUserID(n-1) {
					tb.Fatalf("user %d is %s", n, id)
				}
				item(n)
			}
			if users.Len() < listPage {
				return n
			}
		}
	}
	// onePage holds one page as each side decodes it, for the unit of the
	// heap figures.
	onePage := [nSides]func() any{
		ours: func() any {
			p, err := c.Users.List(ctx, &users.ListParams{Limit: clerk.Int(listPage)})
			if err != nil || len(p.Data) != listPage {
				tb.Fatal(err)
			}
			return p
		},
		official: func() any {
			params := &clerkv2user.ListParams{}
			params.Limit = clerkv2.Int64(listPage)
			p, err := oc.List(ctx, params)
			if err != nil || len(p.Users) != listPage {
				tb.Fatal(err)
			}
			return p
		},
		floor: func() any {
			page := reflect.New(floorType)
			if err := getJSON(ctx, hc, fmt.Sprintf("%s/v1/users?limit=%d&offset=0", srv.URL, listPage), page.Interface()); err != nil {
				tb.Fatal(err)
			}
			return page.Interface()
		},
	}

	cmp := &comparison{
		what:   fmt.Sprintf("listing %s users (%s each), pages of %d", thousands(listTotal), kb(len(compactUser(tb))), listPage),
		rounds: minRounds, // a walk takes seconds
	}
	for s := range nSides {
		cmp.ops[s] = func() {
			if n := walks[s](func(int) {}); n != listTotal {
				tb.Fatalf("%s listed %d users", sideName(s), n)
			}
		}
	}
	// The heap figures are measured after measure's timed rounds, which
	// the sampling would slow down.
	cmp.extra = func() []row {
		var heap [nSides]heapFigures
		for s := range nSides {
			heap[s] = liveHeapPeak(tb, srv, onePage[s], walks[s])
		}
		reqs := row{what: "… requests per listing"}
		peak := row{what: fmt.Sprintf("… peak live heap at page boundaries, in pages (a page: ours %s, official %s, floor %s)",
			mb(heap[ours].page), mb(heap[official].page), mb(heap[floor].page))}
		marked := row{what: "… largest heap a GC marked mid-walk (upper bound, see liveHeapPeak)"}
		for s := range nSides {
			h := heap[s]
			reqs.cells[s] = strconv.FormatInt(h.requests, 10)
			peak.cells[s] = fmt.Sprintf("%.2f (%s)", h.pages(h.peak), mb(h.peak))
			marked.cells[s] = fmt.Sprintf("%.2f (%s)", h.pages(h.marked), mb(h.marked))
		}
		peak.goal = "ours ≤ 2 pages"
		peak.met = metText(heap[ours].pages(heap[ours].peak) <= 2)
		return []row{reqs, peak, marked}
	}
	return cmp
}

// heapFigures is one side's heap measurement, in bytes above the live heap
// before the walk.
type heapFigures struct {
	page     uint64 // one decoded page of listPage users, as the side holds it
	peak     uint64 // the largest live heap at a page boundary
	marked   uint64 // the largest heap a GC cycle marked during the walk
	requests int64  // the requests of the walk
}

func (h heapFigures) pages(n uint64) float64 { return float64(n) / float64(h.page) }

// liveHeapPeak measures one walk's heap. The live heap is what a forced
// collection (runtime.GC) finds reachable (runtime/metrics
// /gc/heap/live:bytes), minus the live heap before the walk; its peak is
// the largest of the samples taken at every page boundary:
//   - when the server receives a page request: the client is waiting for
//     the next page, with whatever it still holds of the previous one;
//   - at the first user of each page: the new page is decoded, and whatever
//     else the client still holds.
//
// The unit, one page, is the live heap that one decoded page adds, as the
// same side holds it.
//
// In the middle of decoding a page, every side holds that page's JSON (read
// whole) and the users decoded so far, which no boundary sample sees.
// marked bounds that from above: the largest heap that any collection during
// the walk marked (read after each cycle by a finalizer that re-arms itself,
// with GOGC at 25 so that cycles come often); it overcounts, since what is
// allocated while a cycle marks counts as marked even when it is garbage at
// once.
func liveHeapPeak(tb testing.TB, srv *listServer, onePage func() any, walk lister) heapFigures {
	var h heapFigures
	base := liveAfterGC()
	p := onePage()
	h.page = liveAfterGC() - base
	runtime.KeepAlive(p)
	p = nil

	defer debug.SetGCPercent(debug.SetGCPercent(25))
	base = liveAfterGC()
	var peak, marked atomic.Uint64
	above := func(x *atomic.Uint64, live uint64) {
		for live > base {
			old := x.Load()
			if live-base <= old || x.CompareAndSwap(old, live-base) {
				return
			}
		}
	}
	stop := onEveryGC(func() { above(&marked, liveHeap()) })
	sample := func() { above(&peak, liveAfterGC()) }
	srv.onPage.Store(&sample)
	n0 := srv.requests.Load()
	n := walk(func(n int) {
		if n%listPage == 1 {
			sample()
		}
	})
	h.requests = srv.requests.Load() - n0
	srv.onPage.Store(nil)
	stop()
	if n != listTotal {
		tb.Fatalf("walked %d users", n)
	}
	h.peak, h.marked = peak.Load(), marked.Load()
	return h
}

// liveAfterGC collects and returns the live heap.
func liveAfterGC() uint64 {
	runtime.GC()
	return liveHeap()
}

// liveHeap is the heap the last collection marked live.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// onEveryGC calls f after every garbage-collection cycle until stop is
// called: an object's finalizer runs once its cycle has found it garbage,
// and arms the next object.
func onEveryGC(f func()) (stop func()) {
	var stopped atomic.Bool
	var arm func()
	arm = func() {
		type sentinel struct {
			_ *byte // not a tiny allocation, which might never be finalized
			_ [32]byte
		}
		runtime.SetFinalizer(&sentinel{}, func(*sentinel) {
			if !stopped.Load() {
				f()
				arm()
			}
		})
	}
	arm()
	return func() { stopped.Store(true) }
}

func mb(n uint64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }
