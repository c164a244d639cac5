package internal

import (
	"net"
	"net/url"
	"strings"
)

// CheckSecretURL refuses a URL that a secret key would cross the network
// unencrypted to: it must be https, or http to a loopback host (tests, a
// local proxy on the same machine).
func CheckSecretURL(u *url.URL) bool {
	switch u.Scheme {
	case "https":
		return true
	case "http":
		h := u.Hostname()
		if strings.EqualFold(h, "localhost") {
			return true
		}
		ip := net.ParseIP(h)
		return ip != nil && ip.IsLoopback()
	}
	return false
}
