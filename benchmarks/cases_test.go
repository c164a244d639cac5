package benchmarks

import "testing"

// namedCase builds one comparison; build may fail tb.
type namedCase struct {
	name  string
	build func(tb testing.TB) *comparison
}

// cases are the table's rows, in order.
func cases() []namedCase {
	return []namedCase{
		{"token-new", buildTokenNew},
		{"token-repeated", buildTokenRepeated},
		{"users-get", buildUsersGet},
		{"user-decode", buildUserDecode},
		{"users-all", buildUsersAll},
		{"apikey-verify-1000", buildAPIKeyVerify},
		{"m2m-verify-1000", buildM2MVerify},
		{"webhook-user.created", buildWebhook("user.created", false)},
		{"webhook-user.created+user", buildWebhook("user.created", true)},
		{"webhook-email.created", buildWebhook("email.created", false)},
	}
}

// TestComparisons builds every case and runs each side once: the sides
// work offline on the same inputs, and those with a check agree on what
// they computed. It times nothing.
func TestComparisons(t *testing.T) {
	for _, cs := range cases() {
		t.Run(cs.name, func(t *testing.T) {
			c := cs.build(t)
			for s, op := range c.ops {
				if op == nil && c.absent[s] == "" {
					t.Errorf("side %s has no op and no reason", sideName(s))
				}
				if op != nil {
					op()
				}
			}
			if c.check != nil {
				c.check(t)
			}
		})
	}
}
