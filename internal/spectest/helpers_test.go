package spectest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/go-clerk/clerk/internal"
)

// TestSecretNeverPrinted (issue 9, item 6): a Secret shows as "[redacted]"
// through fmt (every verb), log/slog (text and JSON handlers, which print
// composites with fmt and encoding/json) and encoding/json, at top level,
// behind a pointer, in a slice, a map or a struct field, and in a struct of
// the user's own that holds it.
func TestSecretNeverPrinted(t *testing.T) {
	const value = "sk_live_SECRETvalue"
	s := internal.NewSecret(value)
	type holder struct {
		Name string
		Key  internal.Secret
		key  internal.Secret // unexported: fmt reaches it without its methods
	}
	for _, v := range []any{s, holder{Name: "n", Key: s, key: s}, []holder{{Key: s}}} {
		for _, leak := range Leaks(v, "SECRETvalue") {
			t.Error(leak)
		}
	}
	if got := fmt.Sprintf("%v|%+v|%#v|%s", s, s, s, s); got != `[redacted]|[redacted]|"[redacted]"|[redacted]` {
		t.Errorf("formats: %s", got)
	}
	if s.Reveal() != value || internal.NewSecret("").Reveal() != "" || !internal.NewSecret("").IsZero() {
		t.Error("Reveal does not give the value back")
	}
	if got := fmt.Sprint(internal.Secret{}); got != "" {
		t.Errorf("an empty secret prints %q", got)
	}
}

// TestLeaksFindsALeak: the check itself can fail.
func TestLeaksFindsALeak(t *testing.T) {
	type plain struct{ Key string }
	leaks := Leaks(plain{Key: "sk_live_SECRETvalue"}, "SECRETvalue")
	for _, how := range []string{"fmt %v, top level", "slog text, slice", "slog JSON, map", "encoding/json, struct field"} {
		found := false
		for _, l := range leaks {
			found = found || strings.HasPrefix(l, how+" ")
		}
		if !found {
			t.Errorf("Leaks missed %q: %q", how, leaks)
		}
	}
}
