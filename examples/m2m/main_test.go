package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestDemo(t *testing.T) {
	for _, k := range []string{"CLERK_SECRET_KEY", "CLERK_API_URL", "MACHINE_SECRET_KEY", "API_MACHINE_ID"} {
		t.Setenv(k, "") // the demo sets them to its clerktest server
	}
	var out bytes.Buffer
	if err := run(context.Background(), &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "with the token, revoked: 401") {
		t.Errorf("demo:\n%s", out.String())
	}
}
