package benchmarks

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"
	"time"

	clerkv2 "github.com/clerk/clerk-sdk-go/v2"
	clerkv2user "github.com/clerk/clerk-sdk-go/v2/user"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
	"github.com/go-clerk/clerk/users"
)

const (
	benchKey = "sk_test_benchmarks"
	userID   = "user_2g7np7Hrk0SN6kj5EDMLDaKNL0S"
)

// buildUsersGet: Users.Get on loopback against a server that answers the
// spec-valid user with every field set (internal/spectest.UserJSON,
// compacted as the API sends it):
//
//   - ours: c.Users.Get, into users.User (time.Time, clerk.Metadata, every
//     nested account);
//   - official: clerk-sdk-go/v2's user.Client.Get (int64 times, metadata
//     left as raw JSON, fewer nested types);
//   - floor: a bare net/http GET decoded with encoding/json into a struct
//     of users.User's shape with int64 times (mirror).
func buildUsersGet(tb testing.TB) *comparison {
	body := compactUser(tb)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	tb.Cleanup(srv.Close)
	ctx := context.Background()

	c := newClient(tb, srv.URL)
	oc := clerkv2user.NewClient(officialConfig(srv.URL))
	hc := newHTTPClient()
	tb.Cleanup(hc.CloseIdleConnections)
	target := srv.URL + "/v1/users/" + userID
	floorType := mirror(reflect.TypeFor[users.User]())
	return &comparison{
		what: "Users.Get, loopback, every field (" + kb(len(body)) + ")",
		ops: [nSides]func(){
			ours: func() {
				u, err := c.Users.Get(ctx, userID)
				if err != nil || u.ID != userID {
					tb.Fatal(u, err)
				}
			},
			official: func() {
				u, err := oc.Get(ctx, userID)
				if err != nil || u.ID != userID {
					tb.Fatal(u, err)
				}
			},
			floor: func() {
				u := reflect.New(floorType)
				if err := getJSON(ctx, hc, target, u.Interface()); err != nil || u.Elem().FieldByName("ID").String() != userID {
					tb.Fatal(err)
				}
			},
		},
		goal: &goal{"ours/official ≤ 1.0, allocs ≤ official's", func(r *result) bool {
			return r.ratio[official] <= 1 && r.allocs[ours] <= r.allocs[official]
		}},
	}
}

// newClient is this SDK's client of a loopback server.
func newClient(tb testing.TB, url string) *clerk.Client {
	c, err := clerk.New(benchKey, clerk.WithBaseURL(url+"/v1"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { c.Close() })
	return c
}

// officialConfig configures an official SDK client of a loopback server,
// with an HTTP client set as this SDK sets its own.
func officialConfig(url string) *clerkv2.ClientConfig {
	return &clerkv2.ClientConfig{BackendConfig: clerkv2.BackendConfig{
		HTTPClient: newHTTPClient(),
		URL:        clerkv2.String(url + "/v1"),
		Key:        clerkv2.String(benchKey),
	}}
}

// getJSON is the floor's GET: net/http and encoding/json, the body drained
// so that the connection is reused.
func getJSON(ctx context.Context, hc *http.Client, url string, into any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+benchKey)
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	err = json.NewDecoder(resp.Body).Decode(into)
	_, _ = io.Copy(io.Discard, resp.Body)
	return err
}

// compactUser is spectest.UserJSON as the API sends it, without spaces.
func compactUser(tb testing.TB) []byte {
	var buf bytes.Buffer
	if err := json.Compact(&buf, spectest.UserJSON); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func kb(n int) string { return fmt.Sprintf("%.1f kB", float64(n)/1000) }

// newHTTPClient is a client with a transport of its own, set as this SDK
// sets its own.
func newHTTPClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 32
	return &http.Client{Transport: t}
}

var (
	timeType   = reflect.TypeFor[time.Time]()
	secretType = reflect.TypeFor[clerk.Secret]()
)

// mirror returns t with every time.Time replaced by int64 (Clerk's Unix
// milliseconds) and every clerk.Secret by string: a type encoding/json
// decodes Clerk's JSON into, field for field, as this SDK's model holds it.
func mirror(t reflect.Type) reflect.Type {
	switch {
	case t == timeType:
		return reflect.TypeFor[int64]()
	case t == secretType:
		return reflect.TypeFor[string]()
	}
	switch t.Kind() {
	case reflect.Pointer:
		return reflect.PointerTo(mirror(t.Elem()))
	case reflect.Slice:
		return reflect.SliceOf(mirror(t.Elem()))
	case reflect.Map:
		return reflect.MapOf(t.Key(), mirror(t.Elem()))
	case reflect.Struct:
		fields := make([]reflect.StructField, 0, t.NumField())
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			f.Type = mirror(f.Type)
			f.Anonymous = false
			f.Index = nil
			f.Offset = 0
			fields = append(fields, f)
		}
		return reflect.StructOf(fields)
	}
	return t
}

// buildUserDecode isolates the decoding of the same user, without the
// transport: this SDK's codec into users.User, encoding/json into the
// official SDK's clerk.User, and encoding/json into the floor's mirror of
// users.User.
func buildUserDecode(tb testing.TB) *comparison {
	body := compactUser(tb)
	floorType := mirror(reflect.TypeFor[users.User]())
	check := func(err error) {
		if err != nil {
			tb.Fatal(err)
		}
	}
	return &comparison{
		what: "decoding that user, no transport",
		ops: [nSides]func(){
			ours:     func() { var u users.User; check(internal.Unmarshal(body, &u)) },
			official: func() { var u clerkv2.User; check(json.Unmarshal(body, &u)) },
			floor:    func() { check(json.Unmarshal(body, reflect.New(floorType).Interface())) },
		},
	}
}
