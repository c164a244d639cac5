package internal

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"runtime"
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
	type item struct{ ID string }
	var a, b Page[item]
	if err := json.Unmarshal([]byte(` [{"ID":"1"},{"ID":"2"}]`), &a); err != nil || len(a.Data) != 2 || a.TotalCount != 0 || a.Data[1].ID != "2" {
		t.Fatalf("bare array: %+v %v", a, err)
	}
	if err := json.Unmarshal([]byte(`{"data":[{"ID":"3"}],"total_count":41}`), &b); err != nil || len(b.Data) != 1 || b.TotalCount != 41 {
		t.Fatalf("object: %+v %v", b, err)
	}
	if err := json.Unmarshal([]byte(`"nope"`), &b); err == nil {
		t.Fatal("a string decoded as a page")
	}
}

type pagerItem struct{ ID string }

// fakeList serves n items through a Pager's Fetch and records the calls.
type fakeList struct {
	n, maxLimit int
	withTotal   bool
	failAt      int // fail the call with this index (1-based), 0 never
	calls       []PageRequest
}

func (f *fakeList) fetch(_ context.Context, r PageRequest) (*Page[pagerItem], error) {
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

func TestAll(t *testing.T) {
	cursor := func(it *pagerItem) string { return it.ID }
	tests := []struct {
		name      string
		list      fakeList
		pager     Pager[pagerItem]
		wantItems int
		wantCalls int
	}{
		{"offset, no total, exact multiple", fakeList{n: 1000, maxLimit: 500}, Pager[pagerItem]{Limit: 500}, 1000, 3},
		{"offset, no total", fakeList{n: 1234, maxLimit: 500}, Pager[pagerItem]{Limit: 500}, 1234, 3},
		{"offset, total known", fakeList{n: 1000, maxLimit: 500, withTotal: true}, Pager[pagerItem]{Limit: 500}, 1000, 2},
		{"server caps the page below the limit, total known", fakeList{n: 1000, maxLimit: 100, withTotal: true}, Pager[pagerItem]{Limit: 500}, 1000, 10},
		{"starting offset", fakeList{n: 100, maxLimit: 500, withTotal: true}, Pager[pagerItem]{Limit: 30, Offset: 40}, 60, 2},
		{"cursor", fakeList{n: 10000, maxLimit: 500}, Pager[pagerItem]{Limit: 500, Cursor: cursor}, 10000, 21},
		{"empty", fakeList{n: 0, maxLimit: 500, withTotal: true}, Pager[pagerItem]{Limit: 500}, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := tt.list
			p := tt.pager
			p.Fetch = l.fetch
			seen := map[string]bool{}
			for it, err := range All(context.Background(), p) {
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
			if p.Cursor != nil && len(l.calls) > 1 && (l.calls[1].StartingAfter != "item_499" || l.calls[1].Offset != 0) {
				t.Fatalf("second call %+v, want starting_after item_499 and no offset", l.calls[1])
			}
		})
	}
}

func TestAllStops(t *testing.T) {
	l := &fakeList{n: 5000, maxLimit: 100}
	n := 0
	for _, err := range All(context.Background(), Pager[pagerItem]{Limit: 100, Fetch: l.fetch}) {
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
	for _, err := range All(context.Background(), Pager[pagerItem]{Limit: 100, Fetch: l.fetch}) {
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
	for _, err := range All(ctx, Pager[pagerItem]{Limit: 100, Fetch: l.fetch}) {
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v", err)
		}
	}
	if len(l.calls) != 0 {
		t.Fatal("a cancelled context fetched")
	}
}

type stamped struct {
	Name      string     `json:"name"`
	CreatedAt time.Time  `json:"created_at"`
	ExpiresAt *time.Time `json:"expires_at"`
}

func (s *stamped) UnmarshalJSON(b []byte) error {
	type plain stamped
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt Millis    `json:"created_at"`
		ExpiresAt MillisPtr `json:"expires_at"`
	}{(*plain)(s), Millis{&s.CreatedAt}, MillisPtr{&s.ExpiresAt}})
}

func (s stamped) MarshalJSON() ([]byte, error) {
	type plain stamped
	return json.Marshal(struct {
		plain
		CreatedAt Millis    `json:"created_at"`
		ExpiresAt MillisPtr `json:"expires_at"`
	}{plain(s), Millis{&s.CreatedAt}, MillisPtr{&s.ExpiresAt}})
}

func TestMillis(t *testing.T) {
	var s stamped
	in := `{"name":"n","created_at":1700690400000,"expires_at":1700690400123}`
	if err := json.Unmarshal([]byte(in), &s); err != nil {
		t.Fatal(err)
	}
	if s.Name != "n" || !s.CreatedAt.Equal(time.UnixMilli(1700690400000)) || s.ExpiresAt == nil || s.ExpiresAt.UnixMilli() != 1700690400123 {
		t.Fatalf("decoded %+v", s)
	}
	out, _ := json.Marshal(s)
	if string(out) != in {
		t.Fatalf("round trip:\n %s\n %s", out, in)
	}
	var n stamped
	if err := json.Unmarshal([]byte(`{"created_at":null,"expires_at":null}`), &n); err != nil || !n.CreatedAt.IsZero() || n.ExpiresAt != nil {
		t.Fatalf("nulls: %+v %v", n, err)
	}
	var z stamped
	zb, _ := json.Marshal(z)
	var z2 stamped
	if err := json.Unmarshal(zb, &z2); err != nil || !z2.CreatedAt.IsZero() {
		t.Fatalf("zero time round trip: %s gave %v, %v", zb, z2.CreatedAt, err)
	}
	if err := json.Unmarshal([]byte(`{"created_at":1.7e12}`), &n); err != nil || n.CreatedAt.UnixMilli() != 1.7e12 {
		t.Fatalf("float: %+v %v", n, err)
	}
	if err := json.Unmarshal([]byte(`{"created_at":"yesterday"}`), &n); err == nil {
		t.Fatal("a string timestamp decoded")
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
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		e := NewAPIError(status, http.Header{"Clerk-Trace-Id": {"h"}}, body, 0, canaryKey)
		s := e.Error()
		if strings.ContainsAny(s, "\n\r\u0085\u2028\u2029") {
			t.Fatalf("Error() spans lines: %q", s)
		}
		if strings.Contains(s, canaryKey) || strings.Contains(fmt.Sprintf("%+v", e), canaryKey) {
			t.Fatalf("secret in %q", s)
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
	fetch := func(ctx context.Context, r PageRequest) (*Page[pagerItem], error) {
		p, err := l.fetch(ctx, r)
		pages = append(pages, weak.Make(p))
		return p, err
	}
	n := 0
	for _, err := range All(context.Background(), Pager[pagerItem]{Limit: 500, Fetch: fetch}) {
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

func TestPageSizeAndOffsetAll(t *testing.T) {
	ip := func(n int) *int { return &n }
	for _, tt := range []struct {
		limit *int
		want  int
	}{{nil, 500}, {ip(0), 500}, {ip(-3), 500}, {ip(20), 20}, {ip(500), 500}, {ip(1000), 500}} {
		if got := PageSize(tt.limit, 500); got != tt.want {
			t.Errorf("PageSize(%v) = %d, want %d", tt.limit, got, tt.want)
		}
	}
	l := &fakeList{n: 100, maxLimit: 500, withTotal: true}
	var calls [][2]int
	n := 0
	for _, err := range OffsetAll(context.Background(), ip(30), ip(10), 500, func(ctx context.Context, limit, offset *int) (*Page[pagerItem], error) {
		calls = append(calls, [2]int{*limit, *offset})
		return l.fetch(ctx, PageRequest{Limit: *limit, Offset: *offset})
	}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 90 || len(calls) != 3 || calls[0] != [2]int{30, 10} || calls[2] != [2]int{30, 70} {
		t.Fatalf("items %d, calls %v", n, calls)
	}
}

// TestAllNilContext: a nil context is a caller's mistake that Do refuses
// with ErrInvalidParams; the iterator must refuse it the same way, once,
// instead of panicking before the first fetch.
func TestAllNilContext(t *testing.T) {
	l := &fakeList{n: 10, maxLimit: 100}
	var nilCtx context.Context
	var errs []error
	for it, err := range All(nilCtx, Pager[pagerItem]{Limit: 100, Fetch: l.fetch}) {
		if it != nil {
			t.Fatalf("yielded %+v", it)
		}
		errs = append(errs, err)
	}
	if len(errs) != 1 || !errors.Is(errs[0], ErrInvalidParams) || len(l.calls) != 0 {
		t.Fatalf("errors %v after %d fetches, want one ErrInvalidParams and none", errs, len(l.calls))
	}
}
