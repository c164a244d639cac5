package internal

import "testing"

func TestIsBase64URLSegment(t *testing.T) {
	for s, want := range map[string]bool{
		"":             false,
		"eyJhbGciOiJ9": true,
		"a-b_c":        true,
		"AZaz09":       true,
		"ab=":          false, // padding is not part of a compact JWT segment
		"a+b":          false, // standard base64, not base64url
		"a/b":          false,
		"a.b":          false,
		"a b":          false,
		"é":            false,
	} {
		if got := IsBase64URLSegment(s); got != want {
			t.Errorf("IsBase64URLSegment(%q) = %v, want %v", s, got, want)
		}
	}
}
