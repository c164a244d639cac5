package internal

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
	"weak"
)

func TestPath(t *testing.T) {
	tests := []struct {
		tmpl    string
		ids     []string
		want    string
		wantErr string
	}{
		{"/users/{user_id}", []string{"user_1"}, "/users/user_1", ""},
		{"/organizations/{organization_id}/memberships/{user_id}", []string{"org_1", "user_2"}, "/organizations/org_1/memberships/user_2", ""},
		{"/users/{user_id}/oauth_access_tokens/{provider}", []string{"u", "oauth_google"}, "/users/u/oauth_access_tokens/oauth_google", ""},
		{"/organizations/{organization_id}", []string{"acme-corp"}, "/organizations/acme-corp", ""},
		{"/organizations/{organization_id}", []string{"ünïcode"}, "/organizations/%C3%BCn%C3%AFcode", ""},
		{"/users/{user_id}", []string{""}, "", "user_id is empty"},
		{"/users/{user_id}", []string{".."}, "", "user_id is not a valid ID"},
		{"/users/{user_id}", []string{"."}, "", "not a valid ID"},
		{"/users/{user_id}", []string{"a/../../admin"}, "", "character not allowed"},
		{"/users/{user_id}", []string{"a%2F"}, "", "character not allowed"},
		{"/users/{user_id}", []string{"a?b=c"}, "", "character not allowed"},
		{"/users/{user_id}", []string{"a#b"}, "", "character not allowed"},
		{"/users/{user_id}", []string{"a b"}, "", "character not allowed"},
		{"/users/{user_id}", []string{"a\nb"}, "", "character not allowed"},
		{"/users/{user_id}", []string{"a\\b"}, "", "character not allowed"},
		{"/users/{user_id}", []string{"\xff"}, "", "character not allowed"},
		{"/users/{user_id}", []string{strings.Repeat("a", 2000)}, "", "not a valid ID"},
	}
	for _, tt := range tests {
		got, err := Path(tt.tmpl, tt.ids...)
		if tt.wantErr != "" {
			if !errors.Is(err, ErrInvalidParams) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Path(%q, %q) err = %v, want %q", tt.tmpl, tt.ids, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("Path(%q, %q) = %q, %v, want %q", tt.tmpl, tt.ids, got, err, tt.want)
		}
	}
	if _, err := Path("/users/{user_id}"); err == nil {
		t.Error("missing ID accepted")
	}
	if _, err := Path("/users", "x"); err == nil {
		t.Error("extra ID accepted")
	}
}

func TestQuery(t *testing.T) {
	type Embedded struct {
		Limit  *int `url:"limit"`
		Offset *int `url:"offset"`
	}
	type params struct {
		Embedded
		Emails   []string   `url:"email_address"`
		Query    *string    `url:"query"`
		Banned   *bool      `url:"banned"`
		Plain    string     `url:"subject"`
		Count    int        `url:"count"`
		After    *time.Time `url:"created_at_after"`
		Before   time.Time  `url:"created_at_before"`
		Ignored  string
		Skipped  string `url:"-"`
		internal string `url:"internal"`
	}
	ten, f := 10, false
	q := "jo"
	at := time.UnixMilli(1700000000123)
	got := Query(&params{
		Embedded: Embedded{Limit: &ten},
		Emails:   []string{"a@b.co", "c@d.co"},
		Query:    &q, Banned: &f, Plain: "user_1", After: &at, Before: at,
		Ignored: "x", Skipped: "y", internal: "z",
	}).Encode()
	want := "banned=false&created_at_after=1700000000123&created_at_before=1700000000123&email_address=a%40b.co&email_address=c%40d.co&limit=10&query=jo&subject=user_1"
	if got != want {
		t.Fatalf("Query =\n %s\nwant\n %s", got, want)
	}
	if n := len(Query((*params)(nil))); n != 0 {
		t.Fatalf("nil params gave %d values", n)
	}
	if n := len(Query(nil)); n != 0 {
		t.Fatalf("untyped nil params gave %d values", n)
	}
	if n := len(Query(params{})); n != 0 {
		t.Fatalf("zero params gave %d values", n)
	}
}

func TestPageDecodesBothShapes(t *testing.T) {
	type item struct {
		ID string `json:"id"`
	}
	a, err := decodePage[item]([]byte(` [{"id":"1"},{"id":"2"}]`), "data")
	if err != nil || len(a.Data) != 2 || a.TotalCount != 0 || a.Data[1].ID != "2" {
		t.Fatalf("bare array: %+v %v", a, err)
	}
	b, err := decodePage[item]([]byte(`{"data":[{"id":"3"}],"total_count":41}`), "data")
	if err != nil || len(b.Data) != 1 || b.TotalCount != 41 {
		t.Fatalf("object: %+v %v", b, err)
	}
	m, err := decodePage[item]([]byte(`{"m2m_tokens":[{"id":"4"}],"total_count":1}`), "m2m_tokens")
	if err != nil || len(m.Data) != 1 || m.Data[0].ID != "4" || m.TotalCount != 1 {
		t.Fatalf("m2m_tokens: %+v %v", m, err)
	}
	// Items under another key than the endpoint's are not its items, and an
	// object without the endpoint's key is not an empty page.
	if o, err := decodePage[item]([]byte(`{"m2m_tokens":[{"id":"4"}],"total_count":1}`), "data"); o != nil || !errors.Is(err, ErrInvalidResponse) {
		t.Fatalf("m2m_tokens read as data: %+v %v, want ErrInvalidResponse", o, err)
	}
	// An empty list is a page of no items, in both shapes.
	for _, empty := range []string{`{"data":[],"total_count":0}`, `[]`} {
		if e, err := decodePage[item]([]byte(empty), "data"); err != nil || e == nil || len(e.Data) != 0 {
			t.Errorf("%s: %+v %v, want an empty page", empty, e, err)
		}
	}
	for _, bad := range []string{`"nope"`, ``, ` `, `null`, `[null]`, `{"data":[null]}`, `[1]`, `{}`, `{"unexpected":true}`, `{"total_count":0}`, `{"data":null}`} {
		if _, err := decodePage[item]([]byte(bad), "data"); !errors.Is(err, ErrInvalidResponse) {
			t.Errorf("%q: err = %v, want ErrInvalidResponse", bad, err)
		}
	}
	for _, bad := range []string{`{"m2m_token":[{"id":"4"}],"total_count":1}`, `{"data":[{"id":"4"}],"total_count":1}`, `{}`, `{"m2m_tokens":[null]}`} {
		if p, err := decodePage[item]([]byte(bad), "m2m_tokens"); p != nil || !errors.Is(err, ErrInvalidResponse) {
			t.Errorf("m2m_tokens %q: got %+v, %v; want ErrInvalidResponse", bad, p, err)
		}
	}
}

// TestCallList: the answer of a call that answers a list of resources is
// read in both list shapes, without a JSON method on Page; a null item in
// it, or an answer without the list, is ErrInvalidResponse.
func TestCallList(t *testing.T) {
	type item struct {
		ID string `json:"id"`
	}
	for body, want := range map[string]string{
		`[{"id":"5"}]`:                          "5",
		`{"data":[{"id":"6"}],"total_count":1}`: "6",
		`[{"id":"7"},null]`:                     "",
		`{}`:                                    "",
		`{"unexpected":true}`:                   "",
		`null`:                                  "",
	} {
		_, base := serve(t, answer{200, nil, body})
		c, _ := newTestClient(t, base, Config{})
		p, err := CallList[item](context.Background(), c, http.MethodPost, "/invitations/bulk", []map[string]string{{"email_address": "a@b.co"}})
		switch {
		case want == "" && (p != nil || !errors.Is(err, ErrInvalidResponse)):
			t.Errorf("%s: got %+v, %v; want ErrInvalidResponse", body, p, err)
		case want != "" && (err != nil || len(p.Data) != 1 || p.Data[0].ID != want):
			t.Errorf("%s: got %+v, %v; want item %s", body, p, err, want)
		}
	}
}

// TestListWithoutItsKey: a list answer that is an object without the
// endpoint's key (the items under another name, no items at all) is
// ErrInvalidResponse, never an empty page.
func TestListWithoutItsKey(t *testing.T) {
	type item struct {
		ID string `json:"id"`
	}
	for _, tc := range []struct{ key, body string }{
		{"m2m_tokens", `{"m2m_token":[{"id":"1"}],"total_count":1}`},
		{"m2m_tokens", `{"data":[{"id":"1"}],"total_count":1}`},
		{"data", `{}`},
		{"data", `{"total_count":3}`},
		{"data", `{"unexpected":true}`},
	} {
		_, base := serve(t, answer{200, nil, tc.body})
		c, _ := newTestClient(t, base, Config{})
		p, err := ListAt[item](context.Background(), c, tc.key, "/m2m_tokens", nil)
		if p != nil || !errors.Is(err, ErrInvalidResponse) {
			t.Errorf("%s %s: got %+v, %v; want ErrInvalidResponse", tc.key, tc.body, p, err)
		}
	}
}

type pagerItem struct{ ID string }

// fakeList serves n items a page at a time and records the calls.
type fakeList struct {
	n, maxLimit int
	withTotal   bool
	failAt      int // fail the call with this index (1-based), 0 never
	calls       []pageRequest
}

func (f *fakeList) fetch(_ context.Context, r pageRequest) (*Page[pagerItem], error) {
	f.calls = append(f.calls, r)
	if f.failAt == len(f.calls) {
		return nil, &APIError{StatusCode: 500}
	}
	start := r.Offset
	if r.StartingAfter != "" {
		fmt.Sscanf(r.StartingAfter, "item_%d", &start)
		start++
	}
	lim := min(r.Limit, f.maxLimit)
	p := &Page[pagerItem]{}
	if f.withTotal {
		p.TotalCount = int64(f.n)
	}
	for i := start; i < f.n && i < start+lim; i++ {
		p.Data = append(p.Data, &pagerItem{ID: fmt.Sprintf("item_%d", i)})
	}
	return p, nil
}

// fakeParams is a params struct as the services have them.
type fakeParams struct {
	Filter        string  `url:"filter"`
	Limit         *int    `url:"limit"`
	Offset        *int    `url:"offset"`
	StartingAfter *string `url:"starting_after"`
}

// list is fakeList behind a service's List signature.
func (f *fakeList) list(ctx context.Context, p *fakeParams) (*Page[pagerItem], error) {
	r := pageRequest{Limit: *p.Limit}
	if p.Offset != nil {
		r.Offset = *p.Offset
	}
	if p.StartingAfter != nil {
		r.StartingAfter = *p.StartingAfter
	}
	return f.fetch(ctx, r)
}

func cursorID(it *pagerItem) string { return it.ID }

func TestAll(t *testing.T) {
	ip := func(n int) *int { return &n }
	tests := []struct {
		name      string
		list      fakeList
		params    *fakeParams
		paging    Paging[pagerItem]
		wantItems int
		wantCalls int
	}{
		{"offset, no total, exact multiple", fakeList{n: 1000, maxLimit: 500}, nil, Paging[pagerItem]{Max: 500}, 1000, 3},
		{"offset, no total", fakeList{n: 1234, maxLimit: 500}, nil, Paging[pagerItem]{Max: 500}, 1234, 3},
		{"offset, total known", fakeList{n: 1000, maxLimit: 500, withTotal: true}, nil, Paging[pagerItem]{Max: 500}, 1000, 2},
		{"server caps the page below the limit, total known", fakeList{n: 1000, maxLimit: 100, withTotal: true}, nil, Paging[pagerItem]{Max: 500}, 1000, 10},
		{"starting offset", fakeList{n: 100, maxLimit: 500, withTotal: true}, &fakeParams{Limit: ip(30), Offset: ip(40)}, Paging[pagerItem]{Max: 500}, 60, 2},
		{"limit above the maximum", fakeList{n: 1000, maxLimit: 1000, withTotal: true}, &fakeParams{Limit: ip(800)}, Paging[pagerItem]{Max: 500}, 1000, 2},
		{"cursor", fakeList{n: 10000, maxLimit: 500}, nil, Paging[pagerItem]{Max: 500, Cursor: cursorID}, 10000, 21},
		{"empty", fakeList{n: 0, maxLimit: 500, withTotal: true}, nil, Paging[pagerItem]{Max: 500}, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := tt.list
			seen := map[string]bool{}
			for it, err := range All(context.Background(), tt.params, tt.paging, l.list) {
				if err != nil {
					t.Fatal(err)
				}
				if seen[it.ID] {
					t.Fatalf("%s yielded twice", it.ID)
				}
				seen[it.ID] = true
			}
			if len(seen) != tt.wantItems || len(l.calls) != tt.wantCalls {
				t.Fatalf("items %d calls %d, want %d and %d (%+v)", len(seen), len(l.calls), tt.wantItems, tt.wantCalls, l.calls)
			}
			if tt.paging.Cursor != nil && len(l.calls) > 1 && (l.calls[1].StartingAfter != "item_499" || l.calls[1].Offset != 0) {
				t.Fatalf("second call %+v, want starting_after item_499 and no offset", l.calls[1])
			}
		})
	}
}

// TestAllCopiesParams: the caller's params are never changed, every page
// gets a copy with its filters, and two walks at once share nothing.
func TestAllCopiesParams(t *testing.T) {
	ip := func(n int) *int { return &n }
	params := &fakeParams{Filter: "f", Limit: ip(10), Offset: ip(5)}
	var got []fakeParams
	list := func(_ context.Context, p *fakeParams) (*Page[pagerItem], error) {
		got = append(got, *p)
		if len(got) > 2 {
			return &Page[pagerItem]{}, nil
		}
		p.Filter = "changed by the list" // must not reach the next page
		return &Page[pagerItem]{Data: make([]*pagerItem, 10)}, nil
	}
	for range All(context.Background(), params, Paging[pagerItem]{Max: 500}, list) {
	}
	if params.Filter != "f" || *params.Limit != 10 || *params.Offset != 5 || params.StartingAfter != nil {
		t.Fatalf("params changed: %+v", params)
	}
	if len(got) != 3 || got[1].Filter != "f" || *got[1].Offset != 15 || *got[2].Offset != 25 || got[0].Limit == got[1].Limit {
		t.Fatalf("pages asked: %+v", got)
	}
}

// pageOf is the page of the items in live that p asks for, with the total.
func pageOf(live []string, p *fakeParams) *Page[pagerItem] {
	page := &Page[pagerItem]{TotalCount: int64(len(live))}
	for i := *p.Offset; i < len(live) && i < *p.Offset+*p.Limit; i++ {
		page.Data = append(page.Data, &pagerItem{ID: live[i]})
	}
	return page
}

// TestAllSurvivesRemovals is the sign-out loop of issue 9: the caller
// removes every item it is given from a list whose filter then drops it
// (revoking sessions listed with status=active). An offset walk that only
// adds the page length skips a page for every page removed; with an ID the
// walk steps back by what the total lost and yields each item once.
func TestAllSurvivesRemovals(t *testing.T) {
	for _, n := range []int{0, 1, 499, 500, 501, 1200, 2000} {
		live := make([]string, n)
		for i := range live {
			live[i] = fmt.Sprintf("item_%d", i)
		}
		calls := 0
		list := func(ctx context.Context, p *fakeParams) (*Page[pagerItem], error) {
			calls++
			return pageOf(live, p), nil
		}
		seen := map[string]int{}
		for it, err := range All(context.Background(), nil, Paging[pagerItem]{Max: 500, ID: cursorID}, list) {
			if err != nil {
				t.Fatal(err)
			}
			seen[it.ID]++
			live = slices.DeleteFunc(live, func(id string) bool { return id == it.ID }) // revoked
		}
		if len(seen) != n || len(live) != 0 {
			t.Errorf("%d items: %d yielded, %d left unseen (%d calls)", n, len(seen), len(live), calls)
		}
		for id, k := range seen {
			if k != 1 {
				t.Errorf("%d items: %s yielded %d times", n, id, k)
			}
		}
	}
}

// TestAllOverlapIsNotYieldedTwice: items that come again at the head of a
// page because the list grew at its head (newest first) are not yielded
// again.
func TestAllOverlapIsNotYieldedTwice(t *testing.T) {
	live := make([]string, 1000)
	for i := range live {
		live[i] = fmt.Sprintf("item_%d", i)
	}
	added := 0
	list := func(_ context.Context, p *fakeParams) (*Page[pagerItem], error) { return pageOf(live, p), nil }
	seen := map[string]int{}
	for it, err := range All(context.Background(), nil, Paging[pagerItem]{Max: 100, ID: cursorID}, list) {
		if err != nil {
			t.Fatal(err)
		}
		if seen[it.ID]++; seen[it.ID] > 1 {
			t.Fatalf("%s yielded twice", it.ID)
		}
		if len(seen)%100 == 50 && added < 3 { // a new item at the head
			live = append([]string{fmt.Sprintf("new_%d", added)}, live...)
			added++
		}
	}
	if len(seen) < 1000 {
		t.Fatalf("yielded %d of the 1000 items there were all along", len(seen))
	}
}

func TestAllStops(t *testing.T) {
	l := &fakeList{n: 5000, maxLimit: 100}
	n := 0
	p100 := Paging[pagerItem]{Max: 100}
	for _, err := range All(context.Background(), nil, p100, l.list) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 150 {
			break
		}
	}
	if len(l.calls) != 2 {
		t.Fatalf("break after 150 items made %d calls, want 2", len(l.calls))
	}

	l = &fakeList{n: 5000, maxLimit: 100, failAt: 3}
	var items, errs int
	for _, err := range All(context.Background(), nil, p100, l.list) {
		if err != nil {
			errs++
			continue
		}
		items++
	}
	if items != 200 || errs != 1 || len(l.calls) != 3 {
		t.Fatalf("items %d errors %d calls %d, want 200, 1, 3", items, errs, len(l.calls))
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	l = &fakeList{n: 10, maxLimit: 100}
	for _, err := range All(ctx, nil, p100, l.list) {
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v", err)
		}
	}
	if len(l.calls) != 0 {
		t.Fatal("a cancelled context fetched")
	}
}

func TestMetadataDecode(t *testing.T) {
	m := Metadata{"role": "admin", "seats": 3}
	var v struct {
		Role  string `json:"role"`
		Seats int    `json:"seats"`
	}
	if err := m.Decode(&v); err != nil || v.Role != "admin" || v.Seats != 3 {
		t.Fatalf("%+v %v", v, err)
	}
}

// TestNothingOnStderrByDefault runs failing and retried calls with no
// logger in a child process and checks that nothing reaches its stderr:
// retryablehttp's default logger would print every request there. Swapping
// os.Stderr in this process would not see it: that logger holds the
// *os.File that os.Stderr was when the package was initialised.
func TestNothingOnStderrByDefault(t *testing.T) {
	if os.Getenv("GO_CLERK_STDERR_CHILD") == "1" {
		_, base := serve(t, answer{503, nil, ""}, answer{429, nil, ""}, answer{404, nil, ""})
		c, _ := newTestClient(t, base, Config{})
		_ = c.Get(context.Background(), "/users/user_1", nil, nil)
		c2, _ := newTestClient(t, "http://"+closedAddr(t)+"/v1", Config{MaxRetries: 1})
		_ = c2.Get(context.Background(), "/users/user_1", nil, nil)
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestNothingOnStderrByDefault$", "-test.count=1")
	cmd.Env = append(os.Environ(), "GO_CLERK_STDERR_CHILD=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || !strings.Contains(string(out), "PASS") {
		t.Fatalf("child: %v\n%s\n%s", err, out, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Fatalf("stderr received: %s", stderr.String())
	}
}

func FuzzNewAPIError(f *testing.F) {
	f.Add(422, []byte(`{"errors":[{"code":"c","message":"m","long_message":"l","meta":{"a":1}}],"clerk_trace_id":"t"}`))
	f.Add(502, []byte("<html>bad</html>"))
	f.Add(429, []byte{})
	f.Add(404, []byte(`{"errors":[]}`))
	f.Add(500, []byte(`{"errors":[{"code":"\u2028x","long_message":"a\nb`+canaryKey+`"}]}`))
	f.Add(400, []byte(`{"errors":[{"code":"a\nb"}],"clerk_trace_id":"t\r\nu"}`))
	// The key where Error() does not reach: a second error's message, and
	// meta (as a value, nested, and as a member name).
	f.Add(422, []byte(`{"errors":[{"code":"c","message":"m"},{"code":"d","message":"bad key `+canaryKey+`"}]}`))
	f.Add(400, []byte(`{"errors":[{"code":"c","meta":{"param_name":"`+canaryKey+`"}}]}`))
	f.Add(400, []byte(`{"errors":[{"code":"c"},{"code":"d","meta":{"a":[1,{"b":"x`+canaryKey+`"}],"`+canaryKey+`":0}}]}`))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		e := NewAPIError(status, http.Header{"Clerk-Trace-Id": {"h"}}, body, 0, canaryKey)
		s := e.Error()
		if strings.ContainsAny(s, "\n\r\u0085\u2028\u2029") {
			t.Fatalf("Error() spans lines: %q", s)
		}
		if strings.Contains(s, canaryKey) || strings.Contains(fmt.Sprintf("%+v", e), canaryKey) {
			t.Fatalf("secret in %q", s)
		}
		// %+v of *APIError is Error(); the fields themselves (every
		// error's code and messages, meta, the trace ID, the body) are
		// what %#v of the value shows.
		if g := fmt.Sprintf("%#v", *e); strings.Contains(g, canaryKey) {
			t.Fatalf("secret in the fields: %s", g)
		}
		if !utf8.ValidString(e.Body) && utf8.Valid(body) {
			t.Fatalf("cut split a rune: %q", e.Body)
		}
		if e.StatusCode != status {
			t.Fatal("status lost")
		}
	})
}

// TestAllHoldsOnePage checks that the iterator keeps no page but the current
// one: weak pointers to pages already consumed are cleared by the garbage
// collector while the walk is still going on.
func TestAllHoldsOnePage(t *testing.T) {
	var pages []weak.Pointer[Page[pagerItem]]
	l := &fakeList{n: 10000, maxLimit: 500}
	list := func(ctx context.Context, p *fakeParams) (*Page[pagerItem], error) {
		page, err := l.list(ctx, p)
		pages = append(pages, weak.Make(page))
		return page, err
	}
	n := 0
	for _, err := range All(context.Background(), nil, Paging[pagerItem]{Max: 500, ID: cursorID}, list) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		if n == 10*500+1 { // the first item of the 11th page
			runtime.GC()
			runtime.GC()
			for i, w := range pages[:9] {
				if w.Value() != nil {
					t.Fatalf("page %d is still reachable while page 11 is walked", i+1)
				}
			}
		}
	}
	if n != 10000 {
		t.Fatalf("walked %d items", n)
	}
}

func TestPageSize(t *testing.T) {
	ip := func(n int) *int { return &n }
	for _, tt := range []struct {
		limit *int
		want  int
	}{{nil, 500}, {ip(0), 500}, {ip(-3), 500}, {ip(20), 20}, {ip(500), 500}, {ip(1000), 500}} {
		if got := PageSize(tt.limit, 500); got != tt.want {
			t.Errorf("PageSize(%v) = %d, want %d", tt.limit, got, tt.want)
		}
	}
}

// TestAllNilContext: a nil context is a caller's mistake that Do refuses
// with ErrInvalidParams; the iterator must refuse it the same way, once,
// instead of panicking before the first fetch.
func TestAllNilContext(t *testing.T) {
	l := &fakeList{n: 10, maxLimit: 100}
	var nilCtx context.Context
	var errs []error
	for it, err := range All(nilCtx, nil, Paging[pagerItem]{Max: 100}, l.list) {
		if it != nil {
			t.Fatalf("yielded %+v", it)
		}
		errs = append(errs, err)
	}
	if len(errs) != 1 || !errors.Is(errs[0], ErrInvalidParams) || len(l.calls) != 0 {
		t.Fatalf("errors %v after %d fetches, want one ErrInvalidParams and none", errs, len(l.calls))
	}
}
