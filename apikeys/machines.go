package apikeys

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"log/slog"
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
// Create; fmt (every verb but %p; see the package doc) and log/slog show it
// as "[redacted]".
type Machine struct {
	Object     string    `json:"object"`
	ID         string    `json:"id"`
	Name       string    `json:"name"`
	InstanceID string    `json:"instance_id"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
	// DefaultTokenTTL is the lifetime, in seconds, of the M2M tokens the
	// machine creates unless they say otherwise.
	DefaultTokenTTL int `json:"default_token_ttl"`
	// ScopedMachines are the machines this machine may call (their own
	// ScopedMachines are not filled).
	ScopedMachines []*Machine `json:"scoped_machines,omitempty"`
	// SecretKey is the machine's secret key, answered only by Create; the
	// machine authenticates M2M token creation with it.
	SecretKey string `json:"secret_key,omitempty"`
}

// UnmarshalJSON implements json.Unmarshaler (times are Unix milliseconds).
func (m *Machine) UnmarshalJSON(b []byte) error {
	type plain Machine
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt internal.Millis `json:"created_at"`
		UpdatedAt internal.Millis `json:"updated_at"`
	}{(*plain)(m), internal.Millis{T: &m.CreatedAt}, internal.Millis{T: &m.UpdatedAt}})
}

// MarshalJSON implements json.Marshaler, in the API's shape.
func (m Machine) MarshalJSON() ([]byte, error) {
	type plain Machine
	return json.Marshal(&struct {
		*plain
		CreatedAt internal.Millis `json:"created_at"`
		UpdatedAt internal.Millis `json:"updated_at"`
	}{(*plain)(&m), internal.Millis{T: &m.CreatedAt}, internal.Millis{T: &m.UpdatedAt}})
}

type machineView Machine

func (m Machine) view() machineView {
	m.SecretKey = redactValue(m.SecretKey)
	return machineView(m)
}

// Format implements fmt.Formatter: the secret key is redacted.
func (m Machine) Format(f fmt.State, verb rune) { formatView(f, verb, "apikeys.Machine", m.view()) }

// String returns the machine as %v prints it, secret key redacted.
func (m Machine) String() string { return fmt.Sprint(m.view()) }

// GoString returns the machine as %#v prints it, secret key redacted.
func (m Machine) GoString() string { return goStringView("apikeys.Machine", m.view()) }

// LogValue implements slog.LogValuer: the secret key is redacted.
func (m Machine) LogValue() slog.Value { return slog.AnyValue(m.view()) }

// MachineSecretKey is a machine's secret key, as GetSecretKey and
// RotateSecretKey answer it. fmt (every verb but %p; see the package doc)
// and log/slog show Secret as "[redacted]".
type MachineSecretKey struct {
	Object string `json:"object"`
	Secret string `json:"secret"`
}

type machineSecretKeyView MachineSecretKey

func (k MachineSecretKey) view() machineSecretKeyView {
	k.Secret = redactValue(k.Secret)
	return machineSecretKeyView(k)
}

// Format implements fmt.Formatter: the secret is redacted.
func (k MachineSecretKey) Format(f fmt.State, verb rune) {
	formatView(f, verb, "apikeys.MachineSecretKey", k.view())
}

// String returns the key as %v prints it, secret redacted.
func (k MachineSecretKey) String() string { return fmt.Sprint(k.view()) }

// GoString returns the key as %#v prints it, secret redacted.
func (k MachineSecretKey) GoString() string {
	return goStringView("apikeys.MachineSecretKey", k.view())
}

// LogValue implements slog.LogValuer: the secret is redacted.
func (k MachineSecretKey) LogValue() slog.Value { return slog.AnyValue(k.view()) }

// MachineScope says that one machine may call another.
type MachineScope struct {
	Object        string    `json:"object"`
	FromMachineID string    `json:"from_machine_id"`
	ToMachineID   string    `json:"to_machine_id"`
	CreatedAt     time.Time `json:"created_at"`
}

// UnmarshalJSON implements json.Unmarshaler (times are Unix milliseconds).
func (s *MachineScope) UnmarshalJSON(b []byte) error {
	type plain MachineScope
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt internal.Millis `json:"created_at"`
	}{(*plain)(s), internal.Millis{T: &s.CreatedAt}})
}

// MarshalJSON implements json.Marshaler, in the API's shape.
func (s MachineScope) MarshalJSON() ([]byte, error) {
	type plain MachineScope
	return json.Marshal(&struct {
		*plain
		CreatedAt internal.Millis `json:"created_at"`
	}{(*plain)(&s), internal.Millis{T: &s.CreatedAt}})
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
	Limit  *int `url:"limit"`
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
	page := &Page[Machine]{}
	if err := s.core().Get(ctx, "/machines", internal.Query(params), page); err != nil {
		return nil, err
	}
	return page, nil
}

// All iterates over all machines, fetching pages of the caller's Limit
// (else 500) lazily, from the caller's Offset. It yields an error once and
// stops. Clerk API: GET /machines.
func (s *MachineService) All(ctx context.Context, params *ListMachinesParams) iter.Seq2[*Machine, error] {
	var p ListMachinesParams
	if params != nil {
		p = *params
	}
	return internal.OffsetAll(ctx, p.Limit, p.Offset, maxMachinesLimit, func(ctx context.Context, limit, offset *int) (*Page[Machine], error) {
		q := p
		q.Limit, q.Offset = limit, offset
		return s.List(ctx, &q)
	})
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
	if params == nil || params.Name == "" {
		return nil, fmt.Errorf("%w: name is required", internal.ErrInvalidParams)
	}
	m := &Machine{}
	if err := s.core().Post(ctx, "/machines", params, m); err != nil {
		return nil, err
	}
	return m, nil
}

// Get returns a machine. Clerk API: GET /machines/{machine_id}.
func (s *MachineService) Get(ctx context.Context, id string) (*Machine, error) {
	path, err := internal.Path("/machines/{machine_id}", id)
	if err != nil {
		return nil, err
	}
	m := &Machine{}
	if err := s.core().Get(ctx, path, nil, m); err != nil {
		return nil, err
	}
	return m, nil
}

// UpdateMachineParams change a machine. Nil fields are left as they are.
type UpdateMachineParams struct {
	Name            *string `json:"name,omitempty"`
	DefaultTokenTTL *int    `json:"default_token_ttl,omitempty"`
}

// Update changes a machine; params may be nil. Clerk API:
// PATCH /machines/{machine_id}.
func (s *MachineService) Update(ctx context.Context, id string, params *UpdateMachineParams) (*Machine, error) {
	path, err := internal.Path("/machines/{machine_id}", id)
	if err != nil {
		return nil, err
	}
	if params == nil {
		params = &UpdateMachineParams{}
	}
	m := &Machine{}
	if err := s.core().Patch(ctx, path, params, m); err != nil {
		return nil, err
	}
	return m, nil
}

// Delete deletes a machine. Clerk API: DELETE /machines/{machine_id}.
func (s *MachineService) Delete(ctx context.Context, id string) error {
	path, err := internal.Path("/machines/{machine_id}", id)
	if err != nil {
		return err
	}
	return s.core().Delete(ctx, path, nil)
}

// GetSecretKey returns a machine's secret key. Clerk API:
// GET /machines/{machine_id}/secret_key.
func (s *MachineService) GetSecretKey(ctx context.Context, id string) (*MachineSecretKey, error) {
	path, err := internal.Path("/machines/{machine_id}/secret_key", id)
	if err != nil {
		return nil, err
	}
	k := &MachineSecretKey{}
	if err := s.core().Get(ctx, path, nil, k); err != nil {
		return nil, err
	}
	return k, nil
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
	path, err := internal.Path("/machines/{machine_id}/secret_key/rotate", id)
	if err != nil {
		return nil, err
	}
	if params == nil {
		return nil, fmt.Errorf("%w: RotateSecretKeyParams (previous_token_ttl) are required", internal.ErrInvalidParams)
	}
	k := &MachineSecretKey{}
	if err := s.core().Post(ctx, path, params, k); err != nil {
		return nil, err
	}
	return k, nil
}

// AddScope lets machine id call the machine toMachineID. Clerk API:
// POST /machines/{machine_id}/scopes.
func (s *MachineService) AddScope(ctx context.Context, id, toMachineID string) (*MachineScope, error) {
	path, err := internal.Path("/machines/{machine_id}/scopes", id)
	if err != nil {
		return nil, err
	}
	if toMachineID == "" {
		return nil, fmt.Errorf("%w: to_machine_id is required", internal.ErrInvalidParams)
	}
	body := struct {
		ToMachineID string `json:"to_machine_id"`
	}{toMachineID}
	sc := &MachineScope{}
	if err := s.core().Post(ctx, path, body, sc); err != nil {
		return nil, err
	}
	return sc, nil
}

// RemoveScope stops machine id from calling otherMachineID. Clerk API:
// DELETE /machines/{machine_id}/scopes/{other_machine_id}.
func (s *MachineService) RemoveScope(ctx context.Context, id, otherMachineID string) error {
	path, err := internal.Path("/machines/{machine_id}/scopes/{other_machine_id}", id, otherMachineID)
	if err != nil {
		return err
	}
	return s.core().Delete(ctx, path, nil)
}
