package jwt

import "time"

// A ReverificationLevel is the factor a reverification check asks the user
// to have verified recently, as in Clerk's SDKs.
type ReverificationLevel string

// The reverification levels of Clerk's SDKs.
const (
	// FirstFactor asks for the first factor (a password, a code...).
	FirstFactor ReverificationLevel = "first_factor"
	// SecondFactor asks for the second factor, or for the first factor
	// when the user has no second factor.
	SecondFactor ReverificationLevel = "second_factor"
	// MultiFactor asks for both factors, or for the first factor when the
	// user has no second factor.
	MultiFactor ReverificationLevel = "multi_factor"
)

// ReverificationPreset returns the level and maximum age of one of the
// presets of Clerk's SDKs:
//
//	strict_mfa  MultiFactor   10 minutes
//	strict      SecondFactor  10 minutes
//	moderate    SecondFactor  1 hour
//	lax         SecondFactor  24 hours
//
// ok is false for any other name.
func ReverificationPreset(name string) (level ReverificationLevel, maxAge time.Duration, ok bool) {
	switch name {
	case "strict_mfa":
		return MultiFactor, 10 * time.Minute, true
	case "strict":
		return SecondFactor, 10 * time.Minute, true
	case "moderate":
		return SecondFactor, time.Hour, true
	case "lax":
		return SecondFactor, 24 * time.Hour, true
	}
	return "", 0, false
}

// IsReverified reports whether the user verified the factors that level
// asks for less than maxAge ago, judged from the token's fva claim
// ([Claims.FactorVerificationAge]) as Clerk's SDKs judge it. It fails
// closed: it reports false without a user, without a well-formed fva (two
// ages, each -1 or at least 0), when neither factor is set up (both -1),
// for a maxAge that is not positive and for an unknown level. Otherwise a
// factor is fresh when it is set up and its age in minutes is below
// maxAge, and:
//
//   - [FirstFactor] needs the first factor fresh;
//   - [SecondFactor] needs the second factor fresh, or the first when only
//     one of them is set up;
//   - [MultiFactor] needs both fresh, or the first when the user has no
//     second factor, and fails when the user has no first factor.
//
// Use [ReverificationPreset] for Clerk's named presets.
func (c *Claims) IsReverified(level ReverificationLevel, maxAge time.Duration) bool {
	fva := c.FactorVerificationAge
	if c.UserID == "" || len(fva) != 2 || fva[0] < -1 || fva[1] < -1 || maxAge <= 0 {
		return false
	}
	first, second := fva[0], fva[1]
	if first == -1 && second == -1 {
		return false
	}
	// age*minute < maxAge, without overflow: age < ceil(maxAge / minute).
	limit := int64(maxAge / time.Minute)
	if maxAge%time.Minute != 0 {
		limit++
	}
	firstFresh := first != -1 && int64(first) < limit
	secondFresh := second != -1 && int64(second) < limit
	switch level {
	case FirstFactor:
		return firstFresh
	case SecondFactor:
		if second == -1 {
			return firstFresh
		}
		return secondFresh
	case MultiFactor:
		if second == -1 {
			return firstFresh
		}
		if first == -1 {
			return false
		}
		return firstFresh && secondFresh
	}
	return false
}
