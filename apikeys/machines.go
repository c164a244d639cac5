package apikeys

import (
	"context"
	"iter"
	"net/http"
	"time"

	"github.com/go-clerk/clerk/internal"
)

// MachineService manages machines: the identities that M2M tokens are
// issued to, their secret keys, and which machines each may call. It is
// safe for concurrent use. The root package may wire it as
// clerk.Client.Machines.
type MachineService internal.Service

func (s *MachineService) core() *internal.Client { return (*internal.Service)(s).Client() }

// Machine is a machine as Clerk returns it. SecretKey is filled only by
// Create, and is a Secret: fmt, log/slog and encoding/json show it as
// "[redacted]" however the machine is nested; SecretKey.Reveal gives it.
type Machine struct {
	// Object is "machine".
	Object string `json:"object"`
	// ID is the machine's ID, "mch_...".
	ID string `json:"id"`
	// Name is the machine's name.
	Name string `json:"name"`
	// InstanceID is the instance the machine belongs to.
	InstanceID string `json:"instance_id"`
	// CreatedAt is when the machine was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the machine last changed.
	UpdatedAt time.Time `json:"updated_at"`
	// DefaultTokenTTL is the lifetime, in seconds, of the M2M tokens the
	// machine creates unless they say otherwise.
	DefaultTokenTTL int `json:"default_token_ttl"`
	// ScopedMachines are the machines this machine may call (their own
	// ScopedMachines are not filled).
	ScopedMachines []*Machine `json:"scoped_machines,omitempty"`
	// SecretKey is the machine's secret key, answered only by Create; the
	// machine authenticates M2M token creation with it.
	SecretKey Secret `json:"secret_key,omitzero"`
}

// MachineSecretKey is a machine's secret key, as GetSecretKey and
// RotateSecretKey answer it. Secret prints as "[redacted]" (fmt, log/slog,
// encoding/json); Secret.Reveal gives it.
type MachineSecretKey struct {
	// Object is "machine_secret_key".
	Object string `json:"object"`
	// Secret is the machine's secret key (ak_…).
	Secret Secret `json:"secret"`
}

// MachineScope says that one machine may call another.
type MachineScope struct {
	// Object is "machine_scope".
	Object string `json:"object"`
	// FromMachineID is the machine that may call.
	FromMachineID string `json:"from_machine_id"`
	// ToMachineID is the machine it may call.
	ToMachineID string `json:"to_machine_id"`
	// CreatedAt is when the scope was added.
	CreatedAt time.Time `json:"created_at"`
}

// maxMachinesLimit is the largest page GET /machines serves.
const maxMachinesLimit = 500

// ListMachinesParams filter, order and page the instance's machines.
type ListMachinesParams struct {
	// Query matches a machine ID exactly or a name partially.
	Query *string `url:"query"`
	// OrderBy is "name" or "created_at", with a "+" or "-" prefix (Clerk's
	// default is "-created_at").
	OrderBy *string `url:"order_by"`
	// Limit is the page size, 1 to 500 (Clerk's default is 10).
	Limit *int `url:"limit"`
	// Offset skips that many machines.
	Offset *int `url:"offset"`
}

// List returns one page of the instance's machines; params may be nil.
// Clerk API: GET /machines.
func (s *MachineService) List(ctx context.Context, params *ListMachinesParams) (*Page[Machine], error) {
	if params != nil {
		if err := checkPaging(params.Limit, params.Offset, maxMachinesLimit); err != nil {
			return nil, err
		}
	}
	return internal.List[Machine](ctx, s.core(), "/machines", params)
}

// All iterates over all machines, fetching pages of the caller's Limit
// (else 500) lazily, from the caller's Offset. It yields an error once and
// stops. Machines deleted inside the loop make it skip none. Clerk API:
// GET /machines.
func (s *MachineService) All(ctx context.Context, params *ListMachinesParams) iter.Seq2[*Machine, error] {
	return internal.All(ctx, params, paging(maxMachinesLimit, func(m *Machine) string { return m.ID }), s.List)
}

// CreateMachineParams are the fields of a new machine.
type CreateMachineParams struct {
	// Name is required (1 to 255 characters).
	Name string `json:"name"`
	// ScopedMachines are the IDs of the machines the new one may call (at
	// most 150).
	ScopedMachines []string `json:"scoped_machines,omitempty"`
	// DefaultTokenTTL is the default lifetime of its tokens, in seconds
	// (Clerk's default is 3600).
	DefaultTokenTTL *int `json:"default_token_ttl,omitempty"`
}

// Create creates a machine. The answer is the only one that carries the
// machine's SecretKey. Clerk API: POST /machines.
func (s *MachineService) Create(ctx context.Context, params *CreateMachineParams) (*Machine, error) {
	if params == nil {
		return nil, internal.NoParams("Machines.Create")
	}
	if err := internal.Required("name", params.Name); err != nil {
		return nil, err
	}
	return internal.Call[Machine](ctx, s.core(), http.MethodPost, "/machines", params)
}

// Get returns a machine. Clerk API: GET /machines/{machine_id}.
func (s *MachineService) Get(ctx context.Context, id string) (*Machine, error) {
	return internal.Call[Machine](ctx, s.core(), http.MethodGet, "/machines/{machine_id}", nil, id)
}

// UpdateMachineParams change a machine. Nil fields are left as they are.
type UpdateMachineParams struct {
	// Name is the machine's new name.
	Name *string `json:"name,omitempty"`
	// DefaultTokenTTL is the new default lifetime of its tokens, in seconds.
	DefaultTokenTTL *int `json:"default_token_ttl,omitempty"`
}

// Update changes a machine; params may be nil. Clerk API:
// PATCH /machines/{machine_id}.
func (s *MachineService) Update(ctx context.Context, id string, params *UpdateMachineParams) (*Machine, error) {
	return internal.Call[Machine](ctx, s.core(), http.MethodPatch, "/machines/{machine_id}", internal.OrEmpty(params), id)
}

// Delete deletes a machine. Clerk API: DELETE /machines/{machine_id}.
func (s *MachineService) Delete(ctx context.Context, id string) error {
	return internal.Exec(ctx, s.core(), http.MethodDelete, "/machines/{machine_id}", nil, id)
}

// GetSecretKey returns a machine's secret key. Clerk API:
// GET /machines/{machine_id}/secret_key.
func (s *MachineService) GetSecretKey(ctx context.Context, id string) (*MachineSecretKey, error) {
	return internal.Call[MachineSecretKey](ctx, s.core(), http.MethodGet, "/machines/{machine_id}/secret_key", nil, id)
}

// RotateSecretKeyParams say how long the previous secret key stays valid.
type RotateSecretKeyParams struct {
	// PreviousTokenTTL is how many seconds (0 to 28800) the previous key
	// keeps working; 0 ends it at once.
	PreviousTokenTTL int `json:"previous_token_ttl"`
}

// RotateSecretKey gives a machine a new secret key and returns it. params
// are required, so that ending the previous key at once (0) is never a
// default. Clerk API: POST /machines/{machine_id}/secret_key/rotate.
func (s *MachineService) RotateSecretKey(ctx context.Context, id string, params *RotateSecretKeyParams) (*MachineSecretKey, error) {
	if params == nil {
		return nil, internal.NoParams("Machines.RotateSecretKey")
	}
	return internal.Call[MachineSecretKey](ctx, s.core(), http.MethodPost, "/machines/{machine_id}/secret_key/rotate", params, id)
}

// AddScope lets machine id call the machine toMachineID. Clerk API:
// POST /machines/{machine_id}/scopes.
func (s *MachineService) AddScope(ctx context.Context, id, toMachineID string) (*MachineScope, error) {
	if err := internal.Required("to_machine_id", toMachineID); err != nil {
		return nil, err
	}
	body := struct {
		ToMachineID string `json:"to_machine_id"`
	}{toMachineID}
	return internal.Call[MachineScope](ctx, s.core(), http.MethodPost, "/machines/{machine_id}/scopes", body, id)
}

// RemoveScope stops machine id from calling otherMachineID. Clerk API:
// DELETE /machines/{machine_id}/scopes/{other_machine_id}.
func (s *MachineService) RemoveScope(ctx context.Context, id, otherMachineID string) error {
	return internal.Exec(ctx, s.core(), http.MethodDelete, "/machines/{machine_id}/scopes/{other_machine_id}", nil, id, otherMachineID)
}
