package clerktest

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/apikeys"
)

func TestMachines(t *testing.T) {
	srv, c := newTestServer(t)
	ctx := context.Background()
	api := must[*apikeys.Machine](t)(c.Machines.Create(ctx, &apikeys.CreateMachineParams{Name: "Reports API"}))
	job := must[*apikeys.Machine](t)(c.Machines.Create(ctx, &apikeys.CreateMachineParams{Name: "Nightly job", ScopedMachines: []string{api.ID}, DefaultTokenTTL: clerk.Int(600)}))
	if !strings.HasPrefix(job.ID, "mch_") || job.SecretKey.IsZero() || job.DefaultTokenTTL != 600 || job.InstanceID != srv.InstanceID ||
		len(job.ScopedMachines) != 1 || job.ScopedMachines[0].ID != api.ID {
		t.Fatalf("Create = %+v", job)
	}
	got := must[*apikeys.Machine](t)(c.Machines.Get(ctx, job.ID))
	if !got.SecretKey.IsZero() || got.Name != "Nightly job" {
		t.Errorf("Get = %+v", got)
	}
	upd := must[*apikeys.Machine](t)(c.Machines.Update(ctx, job.ID, &apikeys.UpdateMachineParams{Name: clerk.String("Hourly job"), DefaultTokenTTL: clerk.Int(60)}))
	if upd.Name != "Hourly job" || upd.DefaultTokenTTL != 60 {
		t.Errorf("Update = %+v", upd)
	}
	page := must[*apikeys.Page[apikeys.Machine]](t)(c.Machines.List(ctx, &apikeys.ListMachinesParams{OrderBy: clerk.String("name")}))
	if len(page.Data) != 2 || page.Data[0].Name != "Hourly job" || page.TotalCount != 2 {
		t.Errorf("List = %+v", page)
	}
	page = must[*apikeys.Page[apikeys.Machine]](t)(c.Machines.List(ctx, &apikeys.ListMachinesParams{Query: clerk.String("report")}))
	if len(page.Data) != 1 || page.Data[0].ID != api.ID {
		t.Errorf("List by query = %+v", page)
	}

	third := srv.AddMachine("Billing API")
	scope := must[*apikeys.MachineScope](t)(c.Machines.AddScope(ctx, job.ID, third.ID))
	if scope.FromMachineID != job.ID || scope.ToMachineID != third.ID {
		t.Errorf("AddScope = %+v", scope)
	}
	_, err := c.Machines.AddScope(ctx, job.ID, third.ID)
	wantAPIError(t, err, 409, "duplicate_record")
	if err := c.Machines.RemoveScope(ctx, job.ID, third.ID); err != nil {
		t.Fatal(err)
	}
	wantAPIError(t, c.Machines.RemoveScope(ctx, job.ID, third.ID), 404, "resource_not_found")

	sk := must[*apikeys.MachineSecretKey](t)(c.Machines.GetSecretKey(ctx, job.ID))
	if sk.Secret.Reveal() != job.SecretKey.Reveal() {
		t.Error("GetSecretKey is not the key Create answered")
	}
	rotated := must[*apikeys.MachineSecretKey](t)(c.Machines.RotateSecretKey(ctx, job.ID, &apikeys.RotateSecretKeyParams{PreviousTokenTTL: 0}))
	if rotated.Secret.Reveal() == sk.Secret.Reveal() {
		t.Error("RotateSecretKey kept the key")
	}
	_, err = c.M2MTokens.Create(ctx, &apikeys.CreateM2MTokenParams{MachineSecretKey: sk.Secret})
	wantAPIError(t, err, 401, "clerk_key_invalid")

	if err := c.Machines.Delete(ctx, third.ID); err != nil {
		t.Fatal(err)
	}
	_, err = c.Machines.Get(ctx, third.ID)
	if !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("Get after Delete: %v", err)
	}
}

func TestM2MTokens(t *testing.T) {
	clock := newFakeClock()
	srv, c := newTestServer(t, WithClock(clock.now))
	ctx := context.Background()
	api := srv.AddMachine("Reports API")
	job := srv.AddMachine("Nightly job", api.ID)

	tok := must[*apikeys.M2MToken](t)(c.M2MTokens.Create(ctx, &apikeys.CreateM2MTokenParams{
		MachineSecretKey: job.SecretKey, SecondsUntilExpiration: clerk.Int64(300), Claims: map[string]any{"job": "nightly"},
	}))
	if !strings.HasPrefix(tok.ID, "mt_") || !strings.HasPrefix(tok.Token.Reveal(), "mt_") || tok.Subject != job.ID ||
		!tok.HasScope(api.ID) || tok.Expiration == nil || string(tok.Claims) != `{"job":"nightly"}` {
		t.Fatalf("Create = %+v", tok)
	}
	again := must[*apikeys.M2MToken](t)(c.M2MTokens.Create(ctx, &apikeys.CreateM2MTokenParams{
		MachineSecretKey: job.SecretKey, Claims: map[string]any{"job": "nightly"}, MinRemainingTTLSeconds: clerk.Int64(100),
	}))
	if again.ID != tok.ID || again.Token.Reveal() != tok.Token.Reveal() {
		t.Errorf("min_remaining_ttl_seconds minted a new token: %s", again.ID)
	}
	_, err := c.M2MTokens.Create(ctx, &apikeys.CreateM2MTokenParams{MachineSecretKey: apikeys.NewSecret(srv.SecretKey)})
	wantAPIError(t, err, 401, "authentication_invalid")
	_, err = c.M2MTokens.Create(ctx, &apikeys.CreateM2MTokenParams{MachineSecretKey: job.SecretKey, TokenFormat: apikeys.TokenFormatJWT})
	ae := wantAPIError(t, err, 501, "not_implemented")
	if !strings.Contains(ae.Errors[0].LongMessage, "createM2MToken") {
		t.Errorf("501 does not name the operation: %s", ae.Errors[0].LongMessage)
	}

	// Verified with the instance key, or the key of a machine it is
	// scoped to; through the SDK's VerifyToken and middleware too.
	v := must[*apikeys.M2MToken](t)(c.M2MTokens.Verify(ctx, tok.Token.Reveal()))
	if v.ID != tok.ID || !v.Token.IsZero() {
		t.Errorf("Verify = %+v", v)
	}
	a := must[*clerk.Auth](t)(c.VerifyToken(ctx, tok.Token.Reveal()))
	if a.TokenType != clerk.M2MToken || a.Subject != job.ID || !a.HasScope(api.ID) {
		t.Errorf("VerifyToken = %+v", a)
	}
	if code, body := doAs(t, srv, api.SecretKey.Reveal(), "POST", "/m2m_tokens/verify", `{"token":"`+tok.Token.Reveal()+`"}`); code != 200 {
		t.Errorf("verified by the scoped machine's key: %d %s", code, body)
	}
	if code, _ := doAs(t, srv, job.SecretKey.Reveal(), "POST", "/m2m_tokens/verify", `{"token":"`+tok.Token.Reveal()+`"}`); code != 404 {
		t.Errorf("verified by a machine it is not scoped to: %d", code)
	}

	list := func(p *apikeys.ListM2MTokensParams) int {
		return len(must[*apikeys.Page[apikeys.M2MToken]](t)(c.M2MTokens.List(ctx, p)).Data)
	}
	short := must[*apikeys.M2MToken](t)(c.M2MTokens.Create(ctx, &apikeys.CreateM2MTokenParams{MachineSecretKey: job.SecretKey, SecondsUntilExpiration: clerk.Int64(10)}))
	clock.advance(time.Minute)
	if n := list(&apikeys.ListM2MTokensParams{Subject: job.ID}); n != 1 {
		t.Errorf("live tokens: %d", n)
	}
	if n := list(&apikeys.ListM2MTokensParams{Subject: job.ID, Expired: clerk.Bool(true)}); n != 2 {
		t.Errorf("with the expired: %d", n)
	}
	_, err = c.M2MTokens.Verify(ctx, short.Token.Reveal())
	if !errors.Is(err, apikeys.ErrInvalidToken) {
		t.Errorf("Verify an expired token: %v", err)
	}
	if code, _ := doAs(t, srv, api.SecretKey.Reveal(), "GET", "/m2m_tokens?subject="+job.ID, ""); code != 403 {
		t.Errorf("a machine listing another's tokens: %d", code)
	}

	r := must[*apikeys.M2MToken](t)(c.M2MTokens.Revoke(ctx, tok.ID, &apikeys.RevokeParams{RevocationReason: clerk.String("done")}))
	if !r.Revoked || r.RevocationReason != "done" {
		t.Errorf("Revoke = %+v", r)
	}
	if _, err := c.M2MTokens.Verify(ctx, tok.Token.Reveal()); !errors.Is(err, apikeys.ErrInvalidToken) {
		t.Errorf("Verify a revoked token: %v", err)
	}
	if n := list(&apikeys.ListM2MTokensParams{Subject: job.ID, Revoked: clerk.Bool(true), Expired: clerk.Bool(true)}); n != 2 {
		t.Errorf("all tokens: %d", n)
	}
}
