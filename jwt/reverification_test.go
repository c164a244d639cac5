package jwt

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// TestIsReverified checks IsReverified against @clerk/shared 4.41.0's
// reverification check (has({reverification})): every expectation below is
// what it answers for the same fva and level, afterMinutes = maxAge.
func TestIsReverified(t *testing.T) {
	tests := []struct {
		fva    []int
		level  ReverificationLevel
		maxAge time.Duration
		want   bool
	}{
		// First factor.
		{[]int{9, -1}, FirstFactor, 10 * time.Minute, true},
		{[]int{10, -1}, FirstFactor, 10 * time.Minute, false}, // age must be below maxAge
		{[]int{0, 0}, FirstFactor, time.Minute, true},
		{[]int{-1, 0}, FirstFactor, time.Hour, false}, // no first factor
		// Second factor: the second when set up, else the first.
		{[]int{100, 5}, SecondFactor, 10 * time.Minute, true},
		{[]int{5, 100}, SecondFactor, 10 * time.Minute, false},
		{[]int{5, -1}, SecondFactor, 10 * time.Minute, true},
		{[]int{-1, 5}, SecondFactor, 10 * time.Minute, true},
		{[]int{-1, 50}, SecondFactor, 10 * time.Minute, false},
		// Multi-factor: both, or the first without a second factor.
		{[]int{5, 5}, MultiFactor, 10 * time.Minute, true},
		{[]int{5, 50}, MultiFactor, 10 * time.Minute, false},
		{[]int{50, 5}, MultiFactor, 10 * time.Minute, false},
		{[]int{5, -1}, MultiFactor, 10 * time.Minute, true},
		{[]int{-1, 5}, MultiFactor, 10 * time.Minute, false},
		// A fraction of a minute: an age of 1 minute is below 90 s.
		{[]int{1, -1}, FirstFactor, 90 * time.Second, true},
		{[]int{2, -1}, FirstFactor, 90 * time.Second, false},
		{[]int{0, -1}, FirstFactor, time.Nanosecond, true},
		// Fail closed.
		{[]int{-1, -1}, FirstFactor, time.Hour, false},
		{[]int{-2, 0}, SecondFactor, time.Hour, false},
		{[]int{0, 0}, "bogus", time.Hour, false},
		{[]int{0, 0}, "", time.Hour, false},
		{[]int{0, 0}, FirstFactor, 0, false},
		{[]int{0, 0}, FirstFactor, -time.Minute, false},
		{nil, FirstFactor, time.Hour, false},
		{[]int{0}, FirstFactor, time.Hour, false},
		{[]int{0, 0, 0}, FirstFactor, time.Hour, false},
		// No overflow for huge ages and durations.
		{[]int{153722867, -1}, FirstFactor, time.Duration(1<<63 - 1), true}, // 153722867.28 minutes
		{[]int{153722868, -1}, FirstFactor, time.Duration(1<<63 - 1), false},
		{[]int{1 << 60, -1}, FirstFactor, time.Duration(1<<63 - 1), false},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%v/%s/%s", tc.fva, tc.level, tc.maxAge), func(t *testing.T) {
			c := &Claims{UserID: "user_1", FactorVerificationAge: tc.fva}
			if got := c.IsReverified(tc.level, tc.maxAge); got != tc.want {
				t.Errorf("IsReverified = %v, want %v", got, tc.want)
			}
		})
	}
	noUser := &Claims{FactorVerificationAge: []int{0, 0}}
	if noUser.IsReverified(FirstFactor, time.Hour) {
		t.Error("reverified without a user")
	}
}

func TestReverificationPreset(t *testing.T) {
	for name, want := range map[string]struct {
		level  ReverificationLevel
		maxAge time.Duration
	}{
		"strict_mfa": {MultiFactor, 10 * time.Minute},
		"strict":     {SecondFactor, 10 * time.Minute},
		"moderate":   {SecondFactor, time.Hour},
		"lax":        {SecondFactor, 24 * time.Hour},
	} {
		level, maxAge, ok := ReverificationPreset(name)
		if !ok || level != want.level || maxAge != want.maxAge {
			t.Errorf("ReverificationPreset(%q) = %q, %s, %v", name, level, maxAge, ok)
		}
	}
	for _, name := range []string{"", "Strict", "first_factor", "none"} {
		if level, maxAge, ok := ReverificationPreset(name); ok || level != "" || maxAge != 0 {
			t.Errorf("ReverificationPreset(%q) = %q, %s, %v", name, level, maxAge, ok)
		}
	}
}

// TestIsReverifiedFromToken checks the claim's path from a verified token.
func TestIsReverifiedFromToken(t *testing.T) {
	v := newPEMVerifier(t)
	strict := func(fva any) bool {
		t.Helper()
		c, err := v.Verify(context.Background(), mint(t, with(baseClaims(), "fva", fva)))
		if err != nil {
			t.Fatal(err)
		}
		level, maxAge, _ := ReverificationPreset("strict")
		return c.IsReverified(level, maxAge)
	}
	if !strict([]int{3, 4}) || strict([]int{3, 40}) || strict(nil) || strict([]int{4}) || strict([]float64{3, 0.5}) {
		t.Error("strict reverification decided wrongly from the token's fva")
	}
}
