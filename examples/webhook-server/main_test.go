package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestDemo(t *testing.T) {
	t.Setenv("CLERK_WEBHOOK_SIGNING_SECRET", "") // the demo sets it to its clerktest server's
	t.Setenv("CLERK_WEBHOOK_SECRET", "")
	var out bytes.Buffer
	if err := run(context.Background(), &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, want := range []string{"welcome Ada Lovelace <ada@example.com>", "already handled", "forget user_"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the demo does not say %q:\n%s", want, out.String())
		}
	}
}
