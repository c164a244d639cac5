package jwt

import (
	"encoding/base64"
	"errors"
	"strings"
)

// frontendAPIHost decodes the Frontend API host from a publishable key:
// "pk_test_" or "pk_live_" followed by the base64 of the host and "$".
func frontendAPIHost(publishableKey string) (string, error) {
	var enc string
	switch {
	case strings.HasPrefix(publishableKey, "pk_test_"):
		enc = publishableKey[len("pk_test_"):]
	case strings.HasPrefix(publishableKey, "pk_live_"):
		enc = publishableKey[len("pk_live_"):]
	default:
		return "", errors.New(`jwt: publishable key must start with "pk_test_" or "pk_live_"`)
	}
	enc = strings.TrimRight(enc, "=")
	raw, err := base64.RawStdEncoding.DecodeString(enc)
	if err != nil {
		if raw, err = base64.RawURLEncoding.DecodeString(enc); err != nil {
			return "", errors.New("jwt: publishable key is not valid base64")
		}
	}
	host, ok := strings.CutSuffix(string(raw), "$")
	if !ok || !validHost(host) {
		return "", errors.New(`jwt: publishable key does not encode a host followed by "$"`)
	}
	return strings.ToLower(host), nil
}

// validHost reports whether s is a DNS name of at least two non-empty
// labels of letters, digits and hyphens: no port, path, user or query.
func validHost(s string) bool {
	if len(s) == 0 || len(s) > 253 || !strings.Contains(s, ".") {
		return false
	}
	labelLen := 0
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case b == '.':
			if labelLen == 0 {
				return false
			}
			labelLen = 0
		case b == '-' || b >= '0' && b <= '9' || b|0x20 >= 'a' && b|0x20 <= 'z':
			labelLen++
		default:
			return false
		}
	}
	return labelLen > 0
}

// isClerkIssuer reports whether iss has one of the shapes of a Clerk
// Frontend API URL, accepted when no issuer is configured:
//
//   - https://clerk.<domain> (production instances, e.g. https://clerk.example.com),
//   - https://<name>.clerk.accounts.<tld> (development instances, e.g.
//     https://happy-hippo-1.clerk.accounts.dev).
//
// The URL must be exactly scheme and host: no port, path, query or user.
func isClerkIssuer(iss string) bool {
	host, ok := strings.CutPrefix(iss, "https://")
	if !ok || !validHost(host) {
		return false
	}
	host = strings.ToLower(host)
	if strings.HasPrefix(host, "clerk.") && strings.Count(host, ".") >= 2 {
		return true
	}
	i := strings.Index(host, ".clerk.accounts.")
	return i > 0 && i+len(".clerk.accounts.") < len(host)
}
