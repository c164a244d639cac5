package organizations

// Small assertion helpers in testify's argument order. (testify itself
// cannot be imported yet: go.sum lacks its dependencies go-spew, go-difflib
// and yaml.v3.) The assert* helpers report with t.Errorf, so they are safe
// in handler goroutines; the require* ones stop the test and belong on the
// test goroutine only.

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func msgOf(msg []any) string {
	if len(msg) == 0 {
		return ""
	}
	if f, ok := msg[0].(string); ok {
		return ": " + fmt.Sprintf(f, msg[1:]...)
	}
	return ": " + fmt.Sprint(msg...)
}

func assertEqual(t testing.TB, want, got any, msg ...any) bool {
	t.Helper()
	if !reflect.DeepEqual(want, got) {
		t.Errorf("not equal%s\n got: %#v\nwant: %#v", msgOf(msg), got, want)
		return false
	}
	return true
}

func requireNoError(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}

func assertErrorIs(t testing.TB, err, target error, msg ...any) bool {
	t.Helper()
	if !errors.Is(err, target) {
		t.Errorf("error %v is not %v%s", err, target, msgOf(msg))
		return false
	}
	return true
}

func requireErrorAs(t testing.TB, err error, target any) {
	t.Helper()
	if !errors.As(err, target) {
		t.Fatalf("error %v (%T) is not a %T", err, err, target)
	}
}

func isNil(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Interface, reflect.Func, reflect.Chan:
		return rv.IsNil()
	}
	return false
}

func assertNil(t testing.TB, v any, msg ...any) {
	t.Helper()
	if !isNil(v) {
		t.Errorf("want nil, got %#v%s", v, msgOf(msg))
	}
}

func assertTrue(t testing.TB, ok bool, msg ...any) {
	t.Helper()
	if !ok {
		t.Errorf("want true%s", msgOf(msg))
	}
}

func assertFalse(t testing.TB, ok bool, msg ...any) {
	t.Helper()
	if ok {
		t.Errorf("want false%s", msgOf(msg))
	}
}

func assertLen(t testing.TB, v any, n int, msg ...any) {
	t.Helper()
	if l := reflect.ValueOf(v).Len(); l != n {
		t.Errorf("length %d, want %d%s", l, n, msgOf(msg))
	}
}

func assertEmpty(t testing.TB, v any, msg ...any) {
	t.Helper()
	if !isNil(v) && reflect.ValueOf(v).Len() != 0 {
		t.Errorf("want empty, got %#v%s", v, msgOf(msg))
	}
}

func assertContains(t testing.TB, s, sub string, msg ...any) {
	t.Helper()
	if !strings.Contains(s, sub) {
		t.Errorf("%q does not contain %q%s", s, sub, msgOf(msg))
	}
}

func assertNotContains(t testing.TB, s, sub string, msg ...any) {
	t.Helper()
	if strings.Contains(s, sub) {
		t.Errorf("%q contains %q%s", s, sub, msgOf(msg))
	}
}

func assertJSONEq(t testing.TB, want, got string, msg ...any) {
	t.Helper()
	var w, g any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Errorf("want is not JSON: %v", err)
		return
	}
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		t.Errorf("got %q is not JSON: %v%s", got, err, msgOf(msg))
		return
	}
	if !reflect.DeepEqual(w, g) {
		t.Errorf("JSON differs%s\n got: %s\nwant: %s", msgOf(msg), got, want)
	}
}

func assertNoError(t testing.TB, err error, msg ...any) {
	t.Helper()
	if err != nil {
		t.Errorf("unexpected error: %v%s", err, msgOf(msg))
	}
}
