package internal

// IsBase64URLSegment reports whether s is a non-empty run of base64url
// characters (RFC 4648 §5, no padding): the shape of each of a compact
// JWT's three segments. The token paths of the root package and jwt/ use it
// to tell a JWT from other strings before decoding anything.
func IsBase64URLSegment(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}
