package clerk

import (
	"errors"
	"fmt"
	"time"
)

// ErrReverificationRequired is the reason RequireAuth answers 403 to a
// session whose user has not verified recently enough for a
// RequireReverification route. It also matches ErrAccessDenied.
var ErrReverificationRequired = errors.New("clerk: reverification required")

// VerificationLevel says which factors a reverification asks for, as
// Clerk names them.
type VerificationLevel string

// Clerk's verification levels.
const (
	// FirstFactor asks for the first factor (password, email or phone
	// code, ...).
	FirstFactor VerificationLevel = "first_factor"
	// SecondFactor asks for the second factor, or the first for a user
	// without one.
	SecondFactor VerificationLevel = "second_factor"
	// MultiFactor asks for both factors, or the first for a user without a
	// second.
	MultiFactor VerificationLevel = "multi_factor"
)

// ReverificationPreset names one of Clerk's reverification presets.
type ReverificationPreset string

// Clerk's reverification presets, with the level and the age they stand
// for (as @clerk/shared defines them).
const (
	// ReverifyStrictMFA: both factors within the last 10 minutes.
	ReverifyStrictMFA ReverificationPreset = "strict_mfa"
	// ReverifyStrict: the second factor within the last 10 minutes.
	ReverifyStrict ReverificationPreset = "strict"
	// ReverifyModerate: the second factor within the last hour.
	ReverifyModerate ReverificationPreset = "moderate"
	// ReverifyLax: the second factor within the last day.
	ReverifyLax ReverificationPreset = "lax"
)

// reverification is a RequireReverification requirement: the factors, and
// the age in minutes below which a verification counts.
type reverification struct {
	preset       ReverificationPreset // "" for a custom level and age
	level        VerificationLevel
	afterMinutes int
}

// presetOf returns the level and age a Clerk preset stands for.
func presetOf(p ReverificationPreset) (reverification, bool) {
	switch p {
	case ReverifyStrictMFA:
		return reverification{p, MultiFactor, 10}, true
	case ReverifyStrict:
		return reverification{p, SecondFactor, 10}, true
	case ReverifyModerate:
		return reverification{p, SecondFactor, 60}, true
	case ReverifyLax:
		return reverification{p, SecondFactor, 1440}, true
	}
	return reverification{}, false
}

// RequireReverification makes RequireAuth answer 403 to a session token
// whose user has not verified the preset's factors recently enough, as read
// from the token's fva claim (a token without it fails). The answer's body
// is Clerk's reverification error,
//
//	{"clerk_error":{"type":"forbidden","reason":"reverification-error","metadata":{"reverification":"strict"}}}
//
// on which Clerk's frontend SDKs (useReverification) ask the user to verify
// again and retry. It is about session tokens, as RequirePermission is; a
// later RequireReverification on the same route replaces it. It panics on a
// preset that is not one of Clerk's.
func RequireReverification(preset ReverificationPreset) AuthOption {
	rv, ok := presetOf(preset)
	if !ok {
		panic(fmt.Sprintf("clerk: RequireReverification: unknown preset %q", preset))
	}
	return func(o *authOptions) { o.reverify = &rv }
}

// RequireReverificationWithin is RequireReverification with a level and an
// age of its own: the factors of level must have been verified less than
// maxAge ago. maxAge is counted in whole minutes, as fva is; it panics if
// maxAge is not a positive number of whole minutes or level is not one of
// Clerk's.
func RequireReverificationWithin(level VerificationLevel, maxAge time.Duration) AuthOption {
	if level != FirstFactor && level != SecondFactor && level != MultiFactor {
		panic(fmt.Sprintf("clerk: RequireReverificationWithin: unknown level %q", level))
	}
	if maxAge < time.Minute || maxAge%time.Minute != 0 {
		panic(fmt.Sprintf("clerk: RequireReverificationWithin: %v is not a positive number of whole minutes", maxAge))
	}
	rv := reverification{level: level, afterMinutes: int(maxAge / time.Minute)}
	return func(o *authOptions) { o.reverify = &rv }
}

// met reports whether a session's fva claim (minutes since the first and
// the second factor were verified, -1 for a factor the user does not have)
// meets the requirement, as @clerk/shared decides it: a missing or
// malformed claim fails, and so does a user with neither factor; a user
// without a second factor is asked for the first instead.
func (rv *reverification) met(fva []int) bool {
	if len(fva) != 2 || !validFactorAge(fva[0]) || !validFactorAge(fva[1]) {
		return false
	}
	f1, f2 := fva[0], fva[1]
	if f1 == -1 && f2 == -1 {
		return false
	}
	fresh1 := f1 != -1 && rv.afterMinutes > f1
	fresh2 := f2 != -1 && rv.afterMinutes > f2
	switch rv.level {
	case FirstFactor:
		return fresh1
	case SecondFactor:
		if f2 == -1 {
			return fresh1
		}
		return fresh2
	case MultiFactor:
		if f2 == -1 {
			return fresh1
		}
		return fresh1 && fresh2
	}
	return false
}

func validFactorAge(m int) bool { return m >= -1 }

// errorBody is Clerk's reverification error for the requirement: the
// preset's name, or the level and age.
func (rv *reverification) errorBody() any {
	var cfg any = rv.preset
	if rv.preset == "" {
		cfg = map[string]any{"level": rv.level, "afterMinutes": rv.afterMinutes}
	}
	return map[string]any{"clerk_error": map[string]any{
		"type": "forbidden", "reason": "reverification-error",
		"metadata": map[string]any{"reverification": cfg},
	}}
}
