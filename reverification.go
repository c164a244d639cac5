package clerk

import (
	"errors"
	"fmt"
	"time"

	"github.com/go-clerk/clerk/jwt"
)

// ErrReverificationRequired is the reason RequireAuth answers 403 to a
// session whose user has not verified recently enough for a
// RequireReverification route. It also matches ErrAccessDenied.
var ErrReverificationRequired = errors.New("clerk: reverification required")

// VerificationLevel says which factors a reverification asks for, as
// Clerk names them (jwt.ReverificationLevel).
type VerificationLevel = jwt.ReverificationLevel

// Clerk's verification levels.
const (
	// FirstFactor asks for the first factor (password, email or phone
	// code, ...).
	FirstFactor = jwt.FirstFactor
	// SecondFactor asks for the second factor, or the first for a user
	// without one.
	SecondFactor = jwt.SecondFactor
	// MultiFactor asks for both factors, or the first for a user without a
	// second.
	MultiFactor = jwt.MultiFactor
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
// the age below which a verification counts.
type reverification struct {
	preset ReverificationPreset // "" for a custom level and age
	level  VerificationLevel
	maxAge time.Duration
}

// presetOf returns the level and age a Clerk preset stands for.
func presetOf(p ReverificationPreset) (reverification, bool) {
	level, maxAge, ok := jwt.ReverificationPreset(string(p))
	return reverification{p, level, maxAge}, ok
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
	rv := reverification{level: level, maxAge: maxAge}
	return func(o *authOptions) { o.reverify = &rv }
}

// met reports whether a session's claims meet the requirement, as
// @clerk/shared decides it (jwt.Claims.IsReverified): a missing or
// malformed fva fails, and so does a user with neither factor.
func (rv *reverification) met(c *jwt.Claims) bool {
	return c != nil && c.IsReverified(rv.level, rv.maxAge)
}

// errorBody is Clerk's reverification error for the requirement: the
// preset's name, or the level and age.
func (rv *reverification) errorBody() any {
	var cfg any = rv.preset
	if rv.preset == "" {
		cfg = map[string]any{"level": rv.level, "afterMinutes": int(rv.maxAge / time.Minute)}
	}
	return map[string]any{"clerk_error": map[string]any{
		"type": "forbidden", "reason": "reverification-error",
		"metadata": map[string]any{"reverification": cfg},
	}}
}
