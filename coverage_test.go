package clerk_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/internal/spectest"
)

// TestEveryOperationIsReachable calls every exported method of every
// service of clerk.Client by reflection, with placeholder arguments, against
// a server that maps each request to an operation of Clerk's spec, and
// checks the SDK's coverage of the Backend API: every current (not
// deprecated) operation is sent but GET /public/interstitial (an HTML page
// for browsers), and no request falls outside the spec. It is the figure
// the README's coverage section gives (234 of 235).
func TestEveryOperationIsReachable(t *testing.T) {
	var (
		mu      sync.Mutex
		sent    = map[string]bool{} // "METHOD /path/template"
		outside = map[string]bool{}
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		op, _ := spectest.ValidateRequest(r, body) // placeholders need not be valid values: the route is what counts
		mu.Lock()
		if op.Path != "" {
			sent[op.Method+" "+op.Path] = true
		} else {
			outside[r.Method+" "+r.URL.Path] = true
		}
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{}`)
	}))
	defer srv.Close()
	c, err := clerk.New("sk_test_coverage", clerk.WithBaseURL(srv.URL+"/v1"), clerk.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()

	cv := reflect.ValueOf(c).Elem()
	for i := 0; i < cv.NumField(); i++ {
		f := cv.Type().Field(i)
		if !f.IsExported() || f.Type.Kind() != reflect.Pointer || f.Type.NumMethod() == 0 {
			continue
		}
		svc := cv.Field(i)
		for m := 0; m < svc.NumMethod(); m++ {
			method := svc.Type().Method(m)
			for _, level := range []fillLevel{fillAll, fillNil, fillEmpty} {
				callMethod(t, f.Name+"."+method.Name, svc.Method(m), level)
			}
		}
	}

	doc, err := spectest.Doc()
	if err != nil {
		t.Fatal(err)
	}
	var current, missing []string
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if op.Deprecated {
				continue
			}
			key := method + " " + path
			current = append(current, key)
			if !sent[key] {
				missing = append(missing, key)
			}
		}
	}
	sort.Strings(missing)
	covered := len(current) - len(missing)
	t.Logf("coverage: %d of %d current operations of the spec", covered, len(current))
	if want := []string{"GET /public/interstitial"}; !slices.Equal(missing, want) {
		t.Errorf("operations no public method sends: %v, want only %v", missing, want)
	}
	if len(outside) > 0 {
		t.Errorf("requests outside the spec: %v", outside)
	}
}

// fillLevel says how callMethod fills the arguments of a call.
type fillLevel int

const (
	fillAll   fillLevel = iota // every field of every params struct set
	fillNil                    // params pointers nil
	fillEmpty                  // params pointers to empty structs
)

// callMethod calls fn with placeholder arguments, and takes the first item
// of an iterator it returns, recovering from a panic (a placeholder a
// method cannot use is a refusal, not a failure of this test).
func callMethod(t *testing.T, name string, fn reflect.Value, level fillLevel) {
	defer func() {
		if r := recover(); r != nil {
			t.Logf("%s (level %d) panicked: %v", name, level, r)
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	ft := fn.Type()
	args := make([]reflect.Value, 0, ft.NumIn())
	n := 0
	for i := 0; i < ft.NumIn(); i++ {
		if ft.IsVariadic() && i == ft.NumIn()-1 {
			break
		}
		args = append(args, fill(ctx, ft.In(i), level, &n, 0))
	}
	for _, out := range fn.Call(args) {
		if out.Kind() == reflect.Func && out.Type().NumIn() == 1 && out.Type().In(0).Kind() == reflect.Func {
			stop := reflect.MakeFunc(out.Type().In(0), func([]reflect.Value) []reflect.Value {
				return []reflect.Value{reflect.ValueOf(false)}
			})
			out.Call([]reflect.Value{stop})
		}
	}
}

var (
	contextType = reflect.TypeFor[context.Context]()
	readerType  = reflect.TypeFor[io.Reader]()
	timeType    = reflect.TypeFor[time.Time]()
	secretType  = reflect.TypeFor[clerk.Secret]()
	headerType  = reflect.TypeFor[http.Header]()
)

// fill builds a placeholder of type typ: strings "phN" (never a literal
// path segment; an address for a field named like an email), 1, true, a
// time an hour ahead, one-element slices, structs with their exported
// fields filled (pointers to them, depending on level).
func fill(ctx context.Context, typ reflect.Type, level fillLevel, n *int, depth int) reflect.Value {
	*n++
	switch {
	case typ == contextType:
		return reflect.ValueOf(ctx)
	case typ == readerType:
		return reflect.ValueOf(io.Reader(strings.NewReader("data")))
	case typ == timeType:
		return reflect.ValueOf(time.Now().Add(time.Hour))
	case typ == secretType:
		return reflect.ValueOf(clerk.NewSecret(fmt.Sprintf("ph%d", *n)))
	case typ == headerType:
		return reflect.ValueOf(http.Header{"X-Ph": {"1"}})
	case depth > 8:
		return reflect.Zero(typ)
	}
	switch typ.Kind() {
	case reflect.String:
		return reflect.ValueOf(fmt.Sprintf("ph%d", *n)).Convert(typ)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return reflect.ValueOf(1).Convert(typ)
	case reflect.Bool:
		return reflect.ValueOf(true).Convert(typ)
	case reflect.Pointer:
		if typ.Elem().Kind() == reflect.Struct && typ.Elem() != timeType && depth == 0 {
			switch level {
			case fillNil:
				return reflect.Zero(typ)
			case fillEmpty:
				return reflect.New(typ.Elem())
			}
		}
		p := reflect.New(typ.Elem())
		p.Elem().Set(fill(ctx, typ.Elem(), level, n, depth+1))
		return p
	case reflect.Struct:
		v := reflect.New(typ).Elem()
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			if !f.IsExported() {
				continue
			}
			if f.Type.Kind() == reflect.String && strings.Contains(strings.ToLower(f.Name), "email") {
				v.Field(i).SetString(fmt.Sprintf("ph%d@example.com", *n))
				continue
			}
			v.Field(i).Set(fill(ctx, f.Type, level, n, depth+1))
		}
		return v
	case reflect.Slice:
		if typ.Elem().Kind() == reflect.Uint8 {
			return reflect.ValueOf([]byte(`{"k":"v"}`)).Convert(typ)
		}
		s := reflect.MakeSlice(typ, 1, 1)
		s.Index(0).Set(fill(ctx, typ.Elem(), level, n, depth+1))
		return s
	case reflect.Map:
		return reflect.MakeMap(typ)
	case reflect.Interface:
		if typ.NumMethod() == 0 {
			return reflect.ValueOf(map[string]any{"k": "v"})
		}
	}
	return reflect.Zero(typ)
}
