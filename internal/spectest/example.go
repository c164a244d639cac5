package spectest

import (
	"fmt"
	"testing"
)

// NewExampleServer starts a spec-checking server, as NewServer does, for an
// Example function, which has no *testing.T: what a test would be told (a
// request, or with WithResponseValidation an answer, that departs from the
// spec) is printed to standard output instead, so that the Example's
// // Output no longer matches. done closes the server; defer it.
func NewExampleServer(opts ...Option) (srv *Server, done func()) {
	t := &exampleT{}
	return NewServer(t, opts...), t.done
}

// exampleT is the testing.TB of NewExampleServer: NewServer calls only the
// methods below.
type exampleT struct {
	testing.TB // nil
	cleanups   []func()
}

func (t *exampleT) Helper()                           {}
func (t *exampleT) Errorf(format string, args ...any) { fmt.Printf(format+"\n", args...) }
func (t *exampleT) Fatal(args ...any)                 { panic(fmt.Sprint(args...)) }
func (t *exampleT) Fatalf(format string, args ...any) { panic(fmt.Sprintf(format, args...)) }
func (t *exampleT) Cleanup(f func())                  { t.cleanups = append(t.cleanups, f) }

// done runs the cleanups, last first, as testing does.
func (t *exampleT) done() {
	for i := len(t.cleanups) - 1; i >= 0; i-- {
		t.cleanups[i]()
	}
}
