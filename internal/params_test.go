package internal

import (
	"context"
	"errors"
	"testing"
)

func TestParamChecks(t *testing.T) {
	for _, tt := range []struct {
		name string
		err  error
		want string // "" for no error
	}{
		{"no params", NoParams("Organizations.Create"), "clerk: invalid parameters: Organizations.Create needs params"},
		{"all set", Required("user_id", "user_1", "role", "org:member"), ""},
		{"none to check", Required(), ""},
		{"first empty named", Required("user_id", "user_1", "role", "", "name", ""), "clerk: invalid parameters: role is required"},
		{"missing", Missing("claims"), "clerk: invalid parameters: claims is required"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.want == "" {
				if tt.err != nil {
					t.Fatalf("got %v, want nil", tt.err)
				}
				return
			}
			if !errors.Is(tt.err, ErrInvalidParams) || tt.err.Error() != tt.want {
				t.Errorf("got %v, want %q matching ErrInvalidParams", tt.err, tt.want)
			}
		})
	}
}

func TestBulk(t *testing.T) {
	for _, tt := range []struct {
		name   string
		n, max int
		want   string // "" for no error
	}{
		{"none", 0, 10, "clerk: invalid parameters: invitations is required"},
		{"one", 1, 10, ""},
		{"max", 10, 10, ""},
		{"one over", 11, 10, "clerk: invalid parameters: invitations takes 1 to 10 items, got 11"},
		{"far over", 500, 50, "clerk: invalid parameters: invitations takes 1 to 50 items, got 500"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := Bulk("invitations", tt.n, tt.max)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Bulk(%d, %d) = %v, want nil", tt.n, tt.max, err)
				}
				return
			}
			if !errors.Is(err, ErrInvalidParams) || err == nil || err.Error() != tt.want {
				t.Errorf("Bulk(%d, %d) = %v, want %q matching ErrInvalidParams", tt.n, tt.max, err, tt.want)
			}
		})
	}
}

func TestOrEmpty(t *testing.T) {
	type params struct{ Name *string }
	if p := OrEmpty[params](nil); p == nil || p.Name != nil {
		t.Errorf("OrEmpty(nil) = %+v, want a pointer to an empty params", p)
	}
	name := "n"
	given := &params{Name: &name}
	if p := OrEmpty(given); p != given {
		t.Errorf("OrEmpty(p) = %p, want p itself (%p)", p, given)
	}
}

func TestPaginated(t *testing.T) {
	limit := 10
	if got := Paginated(&fakeParams{Filter: "f", Limit: &limit}).Encode(); got != "filter=f&limit=10&paginated=true" {
		t.Errorf("Paginated(params) = %s", got)
	}
	if got := Paginated((*fakeParams)(nil)).Encode(); got != "paginated=true" {
		t.Errorf("Paginated(nil) = %s", got)
	}
}

// TestAllIn: AllIn hands the parent's ID to every page's List call.
func TestAllIn(t *testing.T) {
	l := fakeList{n: 7, maxLimit: 3, withTotal: true}
	var parents []string
	list := func(ctx context.Context, parentID string, p *fakeParams) (*Page[pagerItem], error) {
		parents = append(parents, parentID)
		return l.list(ctx, p)
	}
	n := 0
	for _, err := range AllIn(context.Background(), "org_1", nil, Paging[pagerItem]{Max: 3}, list) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 7 || len(parents) != 3 || parents[0] != "org_1" || parents[2] != "org_1" {
		t.Errorf("%d items, List called with %q; want 7 items over 3 calls with org_1", n, parents)
	}
}
