package apikeys

// A small stand-in for testify's assert and require, with the same call
// shapes: testify cannot be imported while go.sum lacks its dependencies
// (go-spew, go-difflib, yaml.v3). assert reports with t.Errorf, so it is safe
// in handler goroutines; require stops the test and belongs on the test
// goroutine only.

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

type checker struct{ fatal bool }

var (
	assert  = checker{}
	require = checker{fatal: true}
)

func (c checker) fail(t testing.TB, msg []any, format string, args ...any) bool {
	t.Helper()
	s := fmt.Sprintf(format, args...)
	if len(msg) > 0 {
		if f, ok := msg[0].(string); ok {
			s += ": " + fmt.Sprintf(f, msg[1:]...)
		} else {
			s += ": " + fmt.Sprint(msg...)
		}
	}
	if c.fatal {
		t.Fatal(s)
	}
	t.Error(s)
	return false
}

func (c checker) Equal(t testing.TB, want, got any, msg ...any) bool {
	t.Helper()
	if !reflect.DeepEqual(want, got) {
		return c.fail(t, msg, "not equal:\n want: %#v\n  got: %#v", want, got)
	}
	return true
}

func (c checker) EqualValues(t testing.TB, want, got any, msg ...any) bool {
	t.Helper()
	w, g := reflect.ValueOf(want), reflect.ValueOf(got)
	if w.IsValid() && g.IsValid() && g.Type().ConvertibleTo(w.Type()) {
		got = g.Convert(w.Type()).Interface()
	}
	return c.Equal(t, want, got, msg...)
}

func (c checker) True(t testing.TB, v bool, msg ...any) bool {
	t.Helper()
	if !v {
		return c.fail(t, msg, "should be true")
	}
	return true
}

func (c checker) False(t testing.TB, v bool, msg ...any) bool {
	t.Helper()
	if v {
		return c.fail(t, msg, "should be false")
	}
	return true
}

func isNil(v any) bool {
	if v == nil {
		return true
	}
	r := reflect.ValueOf(v)
	switch r.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Interface, reflect.Func, reflect.Chan:
		return r.IsNil()
	}
	return false
}

func (c checker) Nil(t testing.TB, v any, msg ...any) bool {
	t.Helper()
	if !isNil(v) {
		return c.fail(t, msg, "should be nil, is %#v", v)
	}
	return true
}

func (c checker) NotNil(t testing.TB, v any, msg ...any) bool {
	t.Helper()
	if isNil(v) {
		return c.fail(t, msg, "should not be nil")
	}
	return true
}

func isEmpty(v any) bool {
	if isNil(v) {
		return true
	}
	r := reflect.ValueOf(v)
	switch r.Kind() {
	case reflect.Slice, reflect.Map, reflect.String, reflect.Chan, reflect.Array:
		return r.Len() == 0
	}
	return r.IsZero()
}

func (c checker) Empty(t testing.TB, v any, msg ...any) bool {
	t.Helper()
	if !isEmpty(v) {
		return c.fail(t, msg, "should be empty, is %#v", v)
	}
	return true
}

func (c checker) NotEmpty(t testing.TB, v any, msg ...any) bool {
	t.Helper()
	if isEmpty(v) {
		return c.fail(t, msg, "should not be empty")
	}
	return true
}

func (c checker) Len(t testing.TB, v any, n int, msg ...any) bool {
	t.Helper()
	if l := reflect.ValueOf(v).Len(); l != n {
		return c.fail(t, msg, "length is %d, want %d", l, n)
	}
	return true
}

func (c checker) Contains(t testing.TB, s, sub string, msg ...any) bool {
	t.Helper()
	if !strings.Contains(s, sub) {
		return c.fail(t, msg, "%q does not contain %q", s, sub)
	}
	return true
}

func (c checker) NotContains(t testing.TB, s, sub string, msg ...any) bool {
	t.Helper()
	if strings.Contains(s, sub) {
		return c.fail(t, msg, "%q should not contain %q", s, sub)
	}
	return true
}

func (c checker) NoError(t testing.TB, err error, msg ...any) bool {
	t.Helper()
	if err != nil {
		return c.fail(t, msg, "unexpected error: %v", err)
	}
	return true
}

func (c checker) Error(t testing.TB, err error, msg ...any) bool {
	t.Helper()
	if err == nil {
		return c.fail(t, msg, "an error is expected")
	}
	return true
}

func (c checker) ErrorIs(t testing.TB, err, target error, msg ...any) bool {
	t.Helper()
	if !errors.Is(err, target) {
		return c.fail(t, msg, "error %v does not match %v", err, target)
	}
	return true
}

func (c checker) ErrorAs(t testing.TB, err error, target any, msg ...any) bool {
	t.Helper()
	if !errors.As(err, target) {
		return c.fail(t, msg, "error %v is not a %T", err, target)
	}
	return true
}
