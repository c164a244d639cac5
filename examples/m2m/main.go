// Command m2m shows machine-to-machine authentication: a job holding a
// machine's secret key gets an M2M token from Clerk and calls an API, which
// accepts only M2M tokens scoped to its own machine; once the token is
// revoked, the API refuses it.
//
// Against your instance, with the job's machine secret key and the ID of
// the machine the API runs as (both in the Clerk Dashboard, Machines):
//
//	CLERK_SECRET_KEY=sk_test_... MACHINE_SECRET_KEY=ak_... API_MACHINE_ID=mch_... go run ./examples/m2m
//
// With no CLERK_SECRET_KEY it runs on clerktest, an in-memory Clerk, with
// two machines it creates. Either way it serves the API on a loopback port,
// prints each step, and exits non-zero on any failure.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/apikeys"
	"github.com/go-clerk/clerk/clerktest"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := run(ctx, os.Stdout); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context, w io.Writer) error {
	if os.Getenv("CLERK_SECRET_KEY") == "" {
		// No instance: stand one up in memory with an API machine and a job
		// machine allowed to call it, and point the environment at it.
		srv := clerktest.NewServer(nil)
		defer srv.Close()
		api := srv.AddMachine("reports-api")
		job := srv.AddMachine("nightly-job", api.ID)
		os.Setenv("CLERK_SECRET_KEY", srv.SecretKey)
		os.Setenv("CLERK_API_URL", srv.URL)
		os.Setenv("MACHINE_SECRET_KEY", job.SecretKey.Reveal())
		os.Setenv("API_MACHINE_ID", api.ID)
		fmt.Fprintln(w, "CLERK_SECRET_KEY is not set: running on clerktest")
	}
	apiMachineID := os.Getenv("API_MACHINE_ID")
	machineKey := apikeys.NewSecret(os.Getenv("MACHINE_SECRET_KEY"))
	if apiMachineID == "" || machineKey.IsZero() {
		return errors.New("set MACHINE_SECRET_KEY and API_MACHINE_ID with CLERK_SECRET_KEY")
	}

	// The API: M2M tokens only, and only those scoped to its machine.
	// Successes are cached for a few seconds by default, so a revoked token
	// could pass for that long; this API turns the cache off to refuse it at
	// once, at the cost of one call to Clerk per request.
	apiClient, err := clerk.NewFromEnv(clerk.WithMachineTokenCache(0, 0))
	if err != nil {
		return err
	}
	defer apiClient.Close()
	reports := apiClient.RequireAuth(clerk.AcceptsToken(clerk.M2MToken), clerk.RequireScope(apiMachineID))(
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			a, _ := clerk.AuthFromContext(r.Context())
			fmt.Fprintf(w, "reports for machine %s", a.Subject)
		}))
	url, stop, err := serve(reports)
	if err != nil {
		return err
	}
	defer stop()

	// The job: a token from its machine's secret key, sent as a bearer.
	job, err := clerk.NewFromEnv()
	if err != nil {
		return err
	}
	defer job.Close()
	tok, err := job.M2MTokens.Create(ctx, &apikeys.CreateM2MTokenParams{
		MachineSecretKey:       machineKey,
		SecondsUntilExpiration: clerk.Int64(600),
	})
	if err != nil {
		return fmt.Errorf("creating a token: %w", err)
	}
	fmt.Fprintf(w, "the job's machine %s got token %s, scoped to %v, expiring %s\n",
		tok.Subject, tok.ID, tok.Scopes, tok.Expiration.Format(time.RFC3339))

	for _, step := range []struct {
		what   string
		token  string
		want   int
		before func() error
	}{
		{what: "without a token", want: 401},
		{what: "with the M2M token", token: tok.Token.Reveal(), want: 200},
		{what: "with the token, revoked", token: tok.Token.Reveal(), want: 401, before: func() error {
			_, err := job.M2MTokens.Revoke(ctx, tok.ID, &apikeys.RevokeParams{RevocationReason: clerk.String("job done")})
			return err
		}},
	} {
		if step.before != nil {
			if err := step.before(); err != nil {
				return err
			}
		}
		status, body, err := get(ctx, url, step.token)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "GET /reports %s: %d %s\n", step.what, status, body)
		if status != step.want {
			return fmt.Errorf("%s: %d, want %d", step.what, status, step.want)
		}
	}
	return nil
}

// serve serves h on a loopback port until stop is called.
func serve(h http.Handler) (url string, stop func(), err error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	s := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.Serve(l) }()
	return "http://" + l.Addr().String() + "/reports", func() { _ = s.Close() }, nil
}

func get(ctx context.Context, url, token string) (int, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, "", err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<10))
	return resp.StatusCode, strings.TrimSpace(string(b)), err
}
