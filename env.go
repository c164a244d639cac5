package clerk

import (
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
)

// NewFromEnv is New configured from the environment variables Clerk's SDKs
// read, where they apply to a Go backend:
//
//   - CLERK_SECRET_KEY, required unless CLERK_MACHINE_SECRET_KEY is set;
//   - CLERK_MACHINE_SECRET_KEY, a machine's secret key (ak_...): with
//     CLERK_SECRET_KEY, WithMachineSecretKey (M2M-token calls use it);
//     alone, a machine-only client (NewMachine), which creates and verifies
//     M2M tokens and fails every other call locally with
//     ErrSecretKeyRequired;
//   - CLERK_API_URL, in Clerk's convention: the API's origin without the
//     version, such as https://api.clerk.com, to which "/v1" is added (as
//     Clerk's JS SDK does). A URL whose path already ends in /v1 is taken as
//     it is; one ending in another version (/v2) is refused, since this SDK
//     speaks v1; any other path (a proxy's /clerk) gets /v1 added;
//   - CLERK_PUBLISHABLE_KEY (the expected issuer), CLERK_JWT_KEY
//     (networkless session tokens), CLERK_AUTHORIZED_PARTIES
//     (comma-separated origins, see WithAuthorizedParties);
//   - CLERK_DOMAIN with CLERK_IS_SATELLITE=true: WithSatelliteDomain.
//     CLERK_IS_SATELLITE must be a boolean (true, false, 1, 0) and, when
//     true, needs CLERK_DOMAIN; CLERK_DOMAIN alone changes nothing;
//   - CLERK_PROXY_URL (WithProxyURL) and CLERK_SIGN_IN_URL (WithSignInURL),
//     for browsers' requests: where the handshake reaches the Frontend API,
//     where RequireAuth sends a signed-out page request. A proxy changes
//     where browsers reach Clerk, not the issuer of session tokens, which
//     @clerk/backend takes to be the instance's own Frontend API even
//     behind a proxy.
//
// The webhook signing secret is read by webhooks.NewVerifierFromEnv. Options given here override the
// environment. A variable that cannot work is an error here, matching
// ErrInvalidParams (ErrInvalidSecretKey for the secret key).
func NewFromEnv(opts ...Option) (*Client, error) {
	key, machineKey := os.Getenv("CLERK_SECRET_KEY"), os.Getenv("CLERK_MACHINE_SECRET_KEY")
	if key == "" && machineKey == "" {
		return nil, fmt.Errorf("%w: CLERK_SECRET_KEY is not set (nor CLERK_MACHINE_SECRET_KEY, for a machine-only client)", ErrInvalidSecretKey)
	}
	var env []Option
	if machineKey != "" {
		env = append(env, WithMachineSecretKey(machineKey))
	}
	if v := os.Getenv("CLERK_API_URL"); v != "" {
		base, err := apiRootFromEnv(v)
		if err != nil {
			return nil, fmt.Errorf("%w: CLERK_API_URL: %v", ErrInvalidParams, err)
		}
		env = append(env, WithBaseURL(base))
	}
	if v := os.Getenv("CLERK_PUBLISHABLE_KEY"); v != "" {
		env = append(env, WithPublishableKey(v))
	}
	if v := os.Getenv("CLERK_JWT_KEY"); v != "" {
		env = append(env, WithJWTKey(v))
	}
	if v := os.Getenv("CLERK_AUTHORIZED_PARTIES"); v != "" {
		var parties []string
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				parties = append(parties, p)
			}
		}
		env = append(env, WithAuthorizedParties(parties...))
	}
	if v := os.Getenv("CLERK_PROXY_URL"); v != "" {
		env = append(env, WithProxyURL(strings.TrimSpace(v)))
	}
	if v := os.Getenv("CLERK_SIGN_IN_URL"); v != "" {
		env = append(env, WithSignInURL(strings.TrimSpace(v)))
	}
	if v := os.Getenv("CLERK_IS_SATELLITE"); v != "" {
		satellite, err := strconv.ParseBool(strings.TrimSpace(v))
		if err != nil {
			return nil, fmt.Errorf("%w: CLERK_IS_SATELLITE is not a boolean", ErrInvalidParams)
		}
		domain := os.Getenv("CLERK_DOMAIN")
		if satellite && domain == "" {
			return nil, fmt.Errorf("%w: CLERK_IS_SATELLITE is true but CLERK_DOMAIN is not set", ErrInvalidParams)
		}
		if satellite {
			env = append(env, WithSatelliteDomain(domain))
		}
	}
	if key == "" {
		return newClient("", append(env, opts...))
	}
	return New(key, append(env, opts...)...)
}

// apiRootFromEnv turns CLERK_API_URL, in Clerk's convention (no version
// path), into the API root WithBaseURL takes. Its errors do not repeat the
// URL, which could carry credentials.
func apiRootFromEnv(v string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(v))
	if err != nil || u.Scheme == "" || u.Host == "" {
		return "", fmt.Errorf("not an absolute URL such as https://api.clerk.com")
	}
	p := strings.TrimRight(u.Path, "/")
	switch last := p[strings.LastIndexByte(p, '/')+1:]; {
	case last == "v1":
	case isVersion(last):
		return "", fmt.Errorf("its path names API version %s; this SDK speaks v1 (give the URL without a version)", last)
	default:
		p += "/v1"
	}
	u.Path, u.RawPath = p, ""
	return u.String(), nil
}

// isVersion reports whether s looks like an API version path segment: "v"
// and digits.
func isVersion(s string) bool {
	if len(s) < 2 || s[0] != 'v' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
