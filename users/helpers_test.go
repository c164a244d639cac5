package users

import (
	"encoding/json"
	"reflect"
	"testing"
)

// Small assertion helpers: the module's go.sum does not carry testify's own
// dependencies, so the tests use the standard library only. The fatal ones
// are for the test goroutine; handlers report with t.Errorf through eq.

func eq(t testing.TB, want, got any, what ...any) {
	t.Helper()
	if !reflect.DeepEqual(want, got) {
		t.Errorf("%v: got %#v, want %#v", what, got, want)
	}
}

func truef(t testing.TB, cond bool, what ...any) {
	t.Helper()
	if !cond {
		t.Errorf("not true: %v", what)
	}
}

func isNil(t testing.TB, v any, what ...any) {
	t.Helper()
	if v == nil {
		return
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Interface, reflect.Func, reflect.Chan:
		if rv.IsNil() {
			return
		}
	}
	t.Errorf("%v: got %#v, want nil", what, v)
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func notNil(t testing.TB, v any, what ...any) {
	t.Helper()
	if v == nil {
		t.Fatalf("%v is nil", what)
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && rv.IsNil() {
		t.Fatalf("%v is nil", what)
	}
}

func lenIs(t testing.TB, v any, n int, what ...any) {
	t.Helper()
	if got := reflect.ValueOf(v).Len(); got != n {
		t.Fatalf("%v: len %d, want %d", what, got, n)
	}
}

func jsonEq(t testing.TB, want, got string) {
	t.Helper()
	var a, b any
	if err := json.Unmarshal([]byte(want), &a); err != nil {
		t.Fatalf("want is not JSON: %v", err)
	}
	if err := json.Unmarshal([]byte(got), &b); err != nil {
		t.Fatalf("got is not JSON: %v (%s)", err, got)
	}
	if !reflect.DeepEqual(a, b) {
		t.Errorf("JSON differs:\n got %s\nwant %s", got, want)
	}
}
