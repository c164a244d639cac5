package apikeys

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

func machineFixture(id string) map[string]any {
	return map[string]any{
		"object": "machine", "id": id, "name": "billing", "instance_id": "ins_123",
		"created_at": int64(1700000000000), "updated_at": int64(1700000001000), "default_token_ttl": 3600,
		"scoped_machines": []any{map[string]any{
			"object": "machine", "id": testMachine2, "name": "ledger", "instance_id": "ins_123",
			"created_at": int64(1700000000000), "updated_at": int64(1700000000000), "default_token_ttl": 60,
		}},
	}
}

func TestMachinesCreate(t *testing.T) {
	svc, srv := spectest.Setup[MachineService](t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("POST /machines", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, map[string]any{"name": "billing", "scoped_machines": []any{testMachine2}, "default_token_ttl": float64(600)}, spectest.ReadJSON(t, r))
		spectest.WriteJSON(w, http.StatusOK, with(machineFixture(testMachine), "secret_key", testMachKey, "default_token_ttl", 600))
	})
	m, err := svc.Create(context.Background(), &CreateMachineParams{
		Name: "billing", ScopedMachines: []string{testMachine2}, DefaultTokenTTL: new(600),
	})
	require.NoError(t, err)
	assert.Equal(t, testMachine, m.ID)
	assert.Equal(t, "billing", m.Name)
	assert.Equal(t, "ins_123", m.InstanceID)
	assert.Equal(t, testMachKey, m.SecretKey.Reveal())
	assert.Equal(t, 600, m.DefaultTokenTTL)
	assert.Equal(t, t0, m.CreatedAt)
	require.Len(t, m.ScopedMachines, 1)
	assert.Equal(t, testMachine2, m.ScopedMachines[0].ID)
	assert.Equal(t, 60, m.ScopedMachines[0].DefaultTokenTTL)
}

func TestMachinesGetUpdateDelete(t *testing.T) {
	svc, srv := spectest.Setup[MachineService](t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("GET /machines/{machine_id}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("machine_id") != testMachine {
			spectest.WriteError(w, http.StatusNotFound, "resource_not_found")
			return
		}
		spectest.WriteJSON(w, http.StatusOK, machineFixture(testMachine))
	})
	var patches []map[string]any
	srv.Mux.HandleFunc("PATCH /machines/{machine_id}", func(w http.ResponseWriter, r *http.Request) {
		patches = append(patches, spectest.ReadJSON(t, r))
		spectest.WriteJSON(w, http.StatusOK, with(machineFixture(r.PathValue("machine_id")), "name", "renamed"))
	})
	srv.Mux.HandleFunc("DELETE /machines/{machine_id}", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteJSON(w, http.StatusOK, map[string]any{"object": "machine", "id": r.PathValue("machine_id"), "deleted": true})
	})
	ms, ctx := svc, context.Background()
	m, err := ms.Get(ctx, testMachine)
	require.NoError(t, err)
	assert.Equal(t, "billing", m.Name)
	assert.True(t, m.SecretKey.IsZero())
	_, err = ms.Get(ctx, testMachine2)
	assert.ErrorIs(t, err, internal.ErrNotFound)

	m, err = ms.Update(ctx, testMachine, &UpdateMachineParams{Name: new("renamed"), DefaultTokenTTL: new(120)})
	require.NoError(t, err)
	assert.Equal(t, "renamed", m.Name)
	_, err = ms.Update(ctx, testMachine, nil)
	require.NoError(t, err)
	assert.Equal(t, []map[string]any{{"name": "renamed", "default_token_ttl": float64(120)}, {}}, patches)

	require.NoError(t, ms.Delete(ctx, testMachine))
	assert.Equal(t, 1, srv.Count("DELETE", "/v1/machines/"+testMachine))
}

func TestMachinesList(t *testing.T) {
	svc, srv := spectest.Setup[MachineService](t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("GET /machines", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, url.Values{"query": {"bill"}, "order_by": {"-name"}, "limit": {"2"}, "offset": {"1"}}, r.URL.Query())
		spectest.WriteJSON(w, http.StatusOK, map[string]any{"data": []any{machineFixture(testMachine)}, "total_count": 2})
	})
	page, err := svc.List(context.Background(), &ListMachinesParams{
		Query: new("bill"), OrderBy: new("-name"), Limit: new(2), Offset: new(1),
	})
	require.NoError(t, err)
	assert.EqualValues(t, 2, page.TotalCount)
	require.Len(t, page.Data, 1)
	assert.Equal(t, testMachine, page.Data[0].ID)
}

func TestMachinesAll(t *testing.T) {
	svc, srv := spectest.Setup[MachineService](t)
	const total = 1203
	p := newPaged(total)
	srv.Mux.HandleFunc("GET /machines", p.handler(t, "data", machineFixture, "mch"))
	n := 0
	for m, err := range svc.All(context.Background(), nil) {
		require.NoError(t, err)
		require.Equal(t, fmt.Sprintf("mch_%032x", n), m.ID)
		n++
	}
	assert.Equal(t, total, n)
	assert.Equal(t, []int{500, 500, 500}, p.limits)
	assert.Equal(t, []int{0, 500, 1000}, p.offsets)
}

func TestMachinesSecretKeyAndScopes(t *testing.T) {
	svc, srv := spectest.Setup[MachineService](t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("GET /machines/{machine_id}/secret_key", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteJSON(w, http.StatusOK, map[string]any{"object": "machine_secret_key", "secret": testMachKey})
	})
	srv.Mux.HandleFunc("POST /machines/{machine_id}/secret_key/rotate", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, map[string]any{"previous_token_ttl": float64(0)}, spectest.ReadJSON(t, r))
		spectest.WriteJSON(w, http.StatusOK, map[string]any{"object": "machine_secret_key", "secret": "ak_rotated_key"})
	})
	srv.Mux.HandleFunc("POST /machines/{machine_id}/scopes", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, map[string]any{"to_machine_id": testMachine2}, spectest.ReadJSON(t, r))
		spectest.WriteJSON(w, http.StatusOK, map[string]any{"object": "machine_scope", "from_machine_id": r.PathValue("machine_id"),
			"to_machine_id": testMachine2, "created_at": int64(1700000000000)})
	})
	srv.Mux.HandleFunc("DELETE /machines/{machine_id}/scopes/{other_machine_id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, testMachine2, r.PathValue("other_machine_id"))
		spectest.WriteJSON(w, http.StatusOK, map[string]any{"object": "machine_scope", "from_machine_id": r.PathValue("machine_id"),
			"to_machine_id": testMachine2, "deleted": true})
	})
	ms, ctx := svc, context.Background()
	k, err := ms.GetSecretKey(ctx, testMachine)
	require.NoError(t, err)
	assert.Equal(t, testMachKey, k.Secret.Reveal())
	assert.Equal(t, "machine_secret_key", k.Object)
	k, err = ms.RotateSecretKey(ctx, testMachine, &RotateSecretKeyParams{PreviousTokenTTL: 0})
	require.NoError(t, err)
	assert.Equal(t, "ak_rotated_key", k.Secret.Reveal())
	sc, err := ms.AddScope(ctx, testMachine, testMachine2)
	require.NoError(t, err)
	assert.Equal(t, MachineScope{Object: "machine_scope", FromMachineID: testMachine, ToMachineID: testMachine2, CreatedAt: t0}, *sc)
	require.NoError(t, ms.RemoveScope(ctx, testMachine, testMachine2))
	assert.Equal(t, 1, srv.Count("DELETE", "/v1/machines/"+testMachine+"/scopes/"+testMachine2))
}

func TestMachinesInvalidParams(t *testing.T) {
	svc, srv := spectest.Setup[MachineService](t)
	ms, ctx := svc, context.Background()
	calls := map[string]func() error{
		"create nil":       func() error { _, err := ms.Create(ctx, nil); return err },
		"create no name":   func() error { _, err := ms.Create(ctx, &CreateMachineParams{}); return err },
		"list limit 501":   func() error { _, err := ms.List(ctx, &ListMachinesParams{Limit: new(501)}); return err },
		"list offset -1":   func() error { _, err := ms.List(ctx, &ListMachinesParams{Offset: new(-1)}); return err },
		"get empty":        func() error { _, err := ms.Get(ctx, ""); return err },
		"update slash":     func() error { _, err := ms.Update(ctx, "a/b", nil); return err },
		"delete dotdot":    func() error { return ms.Delete(ctx, "..") },
		"secret key empty": func() error { _, err := ms.GetSecretKey(ctx, ""); return err },
		"rotate nil":       func() error { _, err := ms.RotateSecretKey(ctx, testMachine, nil); return err },
		"rotate empty id":  func() error { _, err := ms.RotateSecretKey(ctx, "", &RotateSecretKeyParams{}); return err },
		"add scope no to":  func() error { _, err := ms.AddScope(ctx, testMachine, ""); return err },
		"remove scope bad": func() error { return ms.RemoveScope(ctx, testMachine, "x?y") },
	}
	for name, call := range calls {
		assert.ErrorIs(t, call(), internal.ErrInvalidParams, name)
	}
	assert.Empty(t, srv.Operations())
}

func TestMachineJSONRoundTrip(t *testing.T) {
	m, wire := roundTrip[Machine](t, with(machineFixture(testMachine), "secret_key", testMachKey))
	assert.Equal(t, testMachKey, m.SecretKey.Reveal())
	assert.Equal(t, float64(1700000000000), wire["created_at"])

	sc := MachineScope{Object: "machine_scope", FromMachineID: testMachine, ToMachineID: testMachine2, CreatedAt: t0}
	sc2, _ := roundTrip[MachineScope](t, sc)
	assert.Equal(t, sc, sc2)
}
