package webhooks_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/webhooks"
)

// Every accessor's value encodes back to the JSON it came from: each field
// of the spec's example comes out with its value (times as the same Unix
// milliseconds), but for the few that the types leave out, listed here.
func TestAccessorRoundTrip(t *testing.T) {
	for typ, payload := range specExamples(t) {
		tc, ok := specCases[typ]
		if !ok {
			continue
		}
		t.Run(string(typ), func(t *testing.T) {
			var env struct{ Data json.RawMessage }
			if err := json.Unmarshal(payload, &env); err != nil {
				t.Fatal(err)
			}
			v, err := accessors[tc.accessor](&webhooks.Event{Type: typ, Data: env.Data})
			if err != nil {
				t.Fatal(err)
			}
			b, err := internal.MarshalAPI(v)
			if err != nil {
				t.Fatal(err)
			}
			var orig, got any
			if err := json.Unmarshal(env.Data, &orig); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &got); err != nil {
				t.Fatal(err)
			}
			var diffs []string
			diffJSON("", orig, got, &diffs)
			// SMS reads the example's created_at and writes the schema's
			// created_at_ms.
			if want := []string{".created_at dropped"}; typ == webhooks.SMSCreated && reflect.DeepEqual(diffs, want) {
				diffs = nil
			}
			for _, d := range diffs {
				t.Error(d)
			}
		})
	}
}

// diffJSON reports where got lacks or changes a value of orig. A null in
// orig may come out as a zero value, as the models read null as zero, and a
// zero value may be left out.
func diffJSON(path string, orig, got any, diffs *[]string) {
	switch o := orig.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			*diffs = append(*diffs, fmt.Sprintf("%s: %v became %v", path, orig, got))
			return
		}
		for k, ov := range o {
			gv, ok := g[k]
			if !ok {
				if !zeroJSON(ov) {
					*diffs = append(*diffs, fmt.Sprintf("%s.%s dropped", path, k))
				}
				continue
			}
			diffJSON(path+"."+k, ov, gv, diffs)
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(o) {
			*diffs = append(*diffs, fmt.Sprintf("%s: %v became %v", path, orig, got))
			return
		}
		for i := range o {
			diffJSON(fmt.Sprintf("%s[%d]", path, i), o[i], g[i], diffs)
		}
	case nil:
		if !zeroJSON(got) {
			*diffs = append(*diffs, fmt.Sprintf("%s: null became %v", path, got))
		}
	default:
		if orig != got {
			*diffs = append(*diffs, fmt.Sprintf("%s: %v became %v", path, orig, got))
		}
	}
}

func TestAccessorErrors(t *testing.T) {
	tests := []struct {
		name string
		ev   webhooks.Event
		get  func(*webhooks.Event) (any, error)
		want error
		msg  string // in the error message
	}{
		{"other event type", webhooks.Event{Type: webhooks.SessionCreated, Data: []byte(`{}`)}, accessors["User"], webhooks.ErrWrongEventType, "session.created carries a session, not a user"},
		{"deleted event", webhooks.Event{Type: webhooks.UserDeleted, Data: []byte(`{}`)}, accessors["User"], webhooks.ErrWrongEventType, "user.deleted carries a deleted object"},
		{"membership deleted is no deleted object", webhooks.Event{Type: webhooks.OrganizationMembershipDeleted, Data: []byte(`{}`)}, accessors["Deleted"], webhooks.ErrWrongEventType, "organizationMembership.deleted"},
		{"unknown event type", webhooks.Event{Type: "user.banned", Data: []byte(`{}`)}, accessors["User"], webhooks.ErrWrongEventType, `"user.banned"`},
		{"no data", webhooks.Event{Type: webhooks.UserCreated}, accessors["User"], webhooks.ErrInvalidPayload, "user.created"},
		{"null data", webhooks.Event{Type: webhooks.RoleCreated, Data: []byte(`null`)}, accessors["Role"], webhooks.ErrInvalidPayload, "role.created"},
		{"mistyped field", webhooks.Event{Type: webhooks.UserCreated, Data: []byte(`{"id":42}`)}, accessors["User"], webhooks.ErrInvalidPayload, "user.created"},
		{"time not a number", webhooks.Event{Type: webhooks.PermissionCreated, Data: []byte(`{"created_at":"yesterday"}`)}, accessors["Permission"], webhooks.ErrInvalidPayload, "permission.created"},
		{"session's user mistyped", webhooks.Event{Type: webhooks.SessionEnded, Data: []byte(`{"id":"sess_1","user":[]}`)}, accessors["Session"], webhooks.ErrInvalidPayload, "session.ended"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := tt.get(&tt.ev)
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not say %q", err, tt.msg)
			}
			if !reflect.ValueOf(v).IsNil() {
				t.Errorf("value with the error: %+v", v)
			}
		})
	}
}

// The spec nests an invitation event's organization data in a "data"
// object; the top level is read too.
func TestOrganizationInvitationOrganizationData(t *testing.T) {
	for name, data := range map[string]string{
		"nested, as the spec declares": `{"id":"orginv_1","data":{"public_organization_data":{"id":"org_1","name":"Acme","slug":"acme","has_image":false}}}`,
		"top level":                    `{"id":"orginv_1","public_organization_data":{"id":"org_1","name":"Acme","slug":"acme","has_image":false}}`,
	} {
		t.Run(name, func(t *testing.T) {
			inv, err := (&webhooks.Event{Type: webhooks.OrganizationInvitationCreated, Data: []byte(data)}).OrganizationInvitation()
			if err != nil {
				t.Fatal(err)
			}
			if inv.ID != "orginv_1" || inv.PublicOrganizationData == nil || inv.PublicOrganizationData.Slug != "acme" {
				t.Errorf("got %+v, organization %+v", inv, inv.PublicOrganizationData)
			}
		})
	}
}

// The spec's SMS schema has created_at_ms, its example created_at.
func TestSMSCreatedAt(t *testing.T) {
	for data, want := range map[string]int64{
		`{"created_at_ms":1716883200000}`:                            1716883200000,
		`{"created_at":1716883200000}`:                               1716883200000,
		`{"created_at":1716883500000,"created_at_ms":1716883200000}`: 1716883200000,
		`{"created_at_ms":1716883200000,"created_at":1716883500000}`: 1716883200000,
	} {
		s, err := (&webhooks.Event{Type: webhooks.SMSCreated, Data: []byte(data)}).SMS()
		if err != nil {
			t.Fatal(err)
		}
		if !s.CreatedAt.Equal(ms(want)) {
			t.Errorf("%s: CreatedAt = %v, want %v", data, s.CreatedAt, ms(want))
		}
	}
}

// zeroJSON reports a decoded JSON value that is null, false, 0, "", {} or [].
func zeroJSON(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case map[string]any:
		return len(v) == 0
	case []any:
		return len(v) == 0
	}
	return reflect.ValueOf(v).IsZero()
}
