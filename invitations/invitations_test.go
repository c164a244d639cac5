package invitations

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

// setup returns both services over one spec-checking server.
func setup(t *testing.T, opts ...spectest.Option) (*Service, *WaitlistService, *spectest.Server) {
	t.Helper()
	core, srv := spectest.NewClient(t, opts...)
	return spectest.Service[Service](core), spectest.Service[WaitlistService](core), srv
}

func ms(n int64) time.Time { return time.UnixMilli(n).UTC() }

// ticket is the credential an invitation's URL carries.
const ticket = "inv_ticket_c2VjcmV0"

func invitationJSON(id string, status Status) string {
	return fmt.Sprintf(`{"object":"invitation","id":%q,"email_address":"ada@example.com","public_metadata":{"plan":"pro"},
		"revoked":%t,"status":%q,"url":"https://accounts.example.com/sign-up?__clerk_ticket=%s",
		"expires_at":1702592000000,"created_at":1700000000000,"updated_at":1700000000001}`, id, status == StatusRevoked, status, ticket)
}

func wantInvitation(id string, status Status) *Invitation {
	return &Invitation{
		Object: "invitation", ID: id, EmailAddress: "ada@example.com", PublicMetadata: Metadata{"plan": "pro"},
		Revoked: status == StatusRevoked, Status: status,
		URL:       internal.NewSecret("https://accounts.example.com/sign-up?__clerk_ticket=" + ticket),
		ExpiresAt: new(ms(1702592000000)), CreatedAt: ms(1700000000000), UpdatedAt: ms(1700000000001),
	}
}

func entryJSON(id string, status WaitlistStatus, invitation string) string {
	return fmt.Sprintf(`{"object":"waitlist_entry","id":%q,"email_address":"grace@example.com","status":%q,"is_locked":false,
		"created_at":1700000000000,"updated_at":1700000000001,"invitation":%s}`, id, status, invitation)
}

func wantEntry(id string, status WaitlistStatus, inv *Invitation) *WaitlistEntry {
	return &WaitlistEntry{Object: "waitlist_entry", ID: id, EmailAddress: "grace@example.com", Status: status,
		CreatedAt: ms(1700000000000), UpdatedAt: ms(1700000000001), Invitation: inv}
}

func TestModelsAndParamsMatchSpec(t *testing.T) {
	spectest.CheckModel[Invitation](t, "Invitation")
	spectest.CheckModel[WaitlistEntry](t, "WaitlistEntry")

	// List always sends paginated=true (see List), so ListParams has no field for it.
	spectest.CheckQuery(t, "GET", "/invitations", ListParams{}, "paginated")
	spectest.CheckQuery(t, "GET", "/waitlist_entries", WaitlistListParams{})
	spectest.CheckBody(t, "POST", "/invitations", CreateParams{})
	spectest.CheckBody(t, "POST", "/waitlist_entries", WaitlistEntryParams{})
	spectest.CheckBody(t, "POST", "/waitlist_entries/{waitlist_entry_id}/invite", InviteParams{})

	// The bulk bodies are arrays: their items must be the single creates'.
	spectest.CheckBody(t, "POST", "/invitations/bulk", CreateParams{})
	spectest.CheckBody(t, "POST", "/waitlist_entries/bulk", WaitlistEntryParams{})
}

// TestRequests sends every operation to the spec-checking server (requests
// and answers validated against the spec) and checks method, path, query,
// body and the decoded answer.
func TestRequests(t *testing.T) {
	ctx := context.Background()
	invited := wantInvitation("inv_2", StatusPending)
	tests := []struct {
		name      string
		route     string // the handler's pattern
		wantPath  string // as sent
		wantQuery url.Values
		wantBody  string // JSON; "" for no body
		answer    string
		call      func(inv *Service, wl *WaitlistService) (any, error)
		want      any
	}{
		{
			name: "Invitations.List", route: "GET /invitations", wantPath: "/v1/invitations",
			wantQuery: url.Values{"status": {"pending"}, "query": {"ada"}, "order_by": {"-expires_at"}, "limit": {"5"}, "offset": {"10"}, "paginated": {"true"}},
			answer:    `[` + invitationJSON("inv_1", StatusPending) + `]`,
			call: func(inv *Service, _ *WaitlistService) (any, error) {
				return inv.List(ctx, &ListParams{Status: new(StatusPending), Query: new("ada"), OrderBy: new("-expires_at"), Limit: new(5), Offset: new(10)})
			},
			want: &Page[Invitation]{Data: []*Invitation{wantInvitation("inv_1", StatusPending)}},
		},
		{
			name: "Invitations.List, nil params", route: "GET /invitations", wantPath: "/v1/invitations",
			wantQuery: url.Values{"paginated": {"true"}}, answer: `[]`,
			call: func(inv *Service, _ *WaitlistService) (any, error) { return inv.List(ctx, nil) },
			want: &Page[Invitation]{Data: []*Invitation{}},
		},
		{
			name: "Invitations.Create", route: "POST /invitations", wantPath: "/v1/invitations",
			wantBody: `{"email_address":"ada@example.com","public_metadata":{"plan":"pro"},"redirect_url":"https://app.example.com/welcome",
				"notify":false,"ignore_existing":true,"expires_in_days":7,"template_slug":"waitlist_invitation"}`,
			answer: invitationJSON("inv_1", StatusPending),
			call: func(inv *Service, _ *WaitlistService) (any, error) {
				return inv.Create(ctx, &CreateParams{EmailAddress: "ada@example.com", PublicMetadata: Metadata{"plan": "pro"},
					RedirectURL: new("https://app.example.com/welcome"), Notify: new(false), IgnoreExisting: new(true),
					ExpiresInDays: new(7), TemplateSlug: new(TemplateWaitlistInvitation)})
			},
			want: wantInvitation("inv_1", StatusPending),
		},
		{
			name: "Invitations.Create, only the address", route: "POST /invitations", wantPath: "/v1/invitations",
			wantBody: `{"email_address":"ada@example.com"}`, answer: invitationJSON("inv_1", StatusPending),
			call: func(inv *Service, _ *WaitlistService) (any, error) {
				return inv.Create(ctx, &CreateParams{EmailAddress: "ada@example.com"})
			},
			want: wantInvitation("inv_1", StatusPending),
		},
		{
			name: "Invitations.CreateMany", route: "POST /invitations/bulk", wantPath: "/v1/invitations/bulk",
			wantBody: `[{"email_address":"ada@example.com","notify":false},{"email_address":"grace@example.com","template_slug":"invitation"}]`,
			answer:   `[` + invitationJSON("inv_1", StatusPending) + `,` + invitationJSON("inv_2", StatusPending) + `]`,
			call: func(inv *Service, _ *WaitlistService) (any, error) {
				return inv.CreateMany(ctx, []CreateParams{
					{EmailAddress: "ada@example.com", Notify: new(false)},
					{EmailAddress: "grace@example.com", TemplateSlug: new(TemplateInvitation)},
				})
			},
			want: []*Invitation{wantInvitation("inv_1", StatusPending), wantInvitation("inv_2", StatusPending)},
		},
		{
			name: "Invitations.Revoke", route: "POST /invitations/{invitation_id}/revoke", wantPath: "/v1/invitations/inv_1/revoke",
			answer: invitationJSON("inv_1", StatusRevoked),
			call:   func(inv *Service, _ *WaitlistService) (any, error) { return inv.Revoke(ctx, "inv_1") },
			want:   wantInvitation("inv_1", StatusRevoked),
		},
		{
			name: "Waitlist.List", route: "GET /waitlist_entries", wantPath: "/v1/waitlist_entries",
			wantQuery: url.Values{"status": {"pending"}, "query": {"grace"}, "order_by": {"+invited_at"}, "limit": {"20"}, "offset": {"0"}},
			answer:    `{"data":[` + entryJSON("wle_1", WaitlistPending, "null") + `],"total_count":41}`,
			call: func(_ *Service, wl *WaitlistService) (any, error) {
				return wl.List(ctx, &WaitlistListParams{Status: new(WaitlistPending), Query: new("grace"), OrderBy: new("+invited_at"), Limit: new(20), Offset: new(0)})
			},
			want: &Page[WaitlistEntry]{Data: []*WaitlistEntry{wantEntry("wle_1", WaitlistPending, nil)}, TotalCount: 41},
		},
		{
			name: "Waitlist.Create", route: "POST /waitlist_entries", wantPath: "/v1/waitlist_entries",
			wantBody: `{"email_address":"grace@example.com","notify":false}`, answer: entryJSON("wle_1", WaitlistPending, "null"),
			call: func(_ *Service, wl *WaitlistService) (any, error) {
				return wl.Create(ctx, &WaitlistEntryParams{EmailAddress: "grace@example.com", Notify: new(false)})
			},
			want: wantEntry("wle_1", WaitlistPending, nil),
		},
		{
			name: "Waitlist.CreateMany", route: "POST /waitlist_entries/bulk", wantPath: "/v1/waitlist_entries/bulk",
			wantBody: `[{"email_address":"grace@example.com"},{"email_address":"alan@example.com","notify":true}]`,
			answer:   `[` + entryJSON("wle_1", WaitlistPending, "null") + `,` + entryJSON("wle_2", WaitlistPending, "null") + `]`,
			call: func(_ *Service, wl *WaitlistService) (any, error) {
				return wl.CreateMany(ctx, []WaitlistEntryParams{{EmailAddress: "grace@example.com"}, {EmailAddress: "alan@example.com", Notify: new(true)}})
			},
			want: []*WaitlistEntry{wantEntry("wle_1", WaitlistPending, nil), wantEntry("wle_2", WaitlistPending, nil)},
		},
		{
			name: "Waitlist.Delete", route: "DELETE /waitlist_entries/{waitlist_entry_id}", wantPath: "/v1/waitlist_entries/wle_1",
			answer: `{"object":"waitlist_entry","id":"wle_1","deleted":true}`,
			call: func(_ *Service, wl *WaitlistService) (any, error) {
				return nil, wl.Delete(ctx, "wle_1")
			},
			want: nil,
		},
		{
			name: "Waitlist.Invite, nil params", route: "POST /waitlist_entries/{waitlist_entry_id}/invite", wantPath: "/v1/waitlist_entries/wle_1/invite",
			answer: entryJSON("wle_1", WaitlistInvited, invitationJSON("inv_2", StatusPending)),
			call: func(_ *Service, wl *WaitlistService) (any, error) {
				return wl.Invite(ctx, "wle_1", nil)
			},
			want: wantEntry("wle_1", WaitlistInvited, invited),
		},
		{
			name: "Waitlist.Invite, ignore existing", route: "POST /waitlist_entries/{waitlist_entry_id}/invite", wantPath: "/v1/waitlist_entries/wle_1/invite",
			wantBody: `{"ignore_existing":true}`,
			answer:   entryJSON("wle_1", WaitlistInvited, invitationJSON("inv_2", StatusPending)),
			call: func(_ *Service, wl *WaitlistService) (any, error) {
				return wl.Invite(ctx, "wle_1", &InviteParams{IgnoreExisting: new(true)})
			},
			want: wantEntry("wle_1", WaitlistInvited, invited),
		},
		{
			name: "Waitlist.Reject", route: "POST /waitlist_entries/{waitlist_entry_id}/reject", wantPath: "/v1/waitlist_entries/wle_1/reject",
			answer: entryJSON("wle_1", WaitlistRejected, "null"),
			call:   func(_ *Service, wl *WaitlistService) (any, error) { return wl.Reject(ctx, "wle_1") },
			want:   wantEntry("wle_1", WaitlistRejected, nil),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inv, wl, srv := setup(t, spectest.WithResponseValidation())
			srv.Mux.HandleFunc(tt.route, func(w http.ResponseWriter, r *http.Request) {
				if tt.wantQuery == nil {
					assert.Empty(t, r.URL.RawQuery)
				} else {
					assert.Equal(t, tt.wantQuery, r.URL.Query())
				}
				b, err := io.ReadAll(r.Body)
				assert.NoError(t, err)
				if tt.wantBody == "" {
					assert.Empty(t, b, "no body")
				} else {
					assert.JSONEq(t, tt.wantBody, string(b))
				}
				spectest.WriteJSON(w, 200, tt.answer)
			})
			got, err := tt.call(inv, wl)
			require.NoError(t, err)
			if tt.want == nil {
				assert.Nil(t, got)
			} else {
				assert.Equal(t, tt.want, got)
			}
			method, _, _ := strings.Cut(tt.route, " ")
			assert.Equal(t, 1, srv.Count(method, tt.wantPath))
			assert.Len(t, srv.Operations(), 1)
		})
	}
}

// TestInvitationsListShapes: List asks for the paginated answer and reads
// it, TotalCount included; the bare array of the spec reads too.
func TestInvitationsListShapes(t *testing.T) {
	inv, _, srv := setup(t)
	srv.Mux.HandleFunc("GET /invitations", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "true", r.URL.Query().Get("paginated"))
		spectest.WriteJSON(w, 200, `{"data":[`+invitationJSON("inv_1", StatusPending)+`],"total_count":3}`)
	})
	page, err := inv.List(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, int64(3), page.TotalCount)
	assert.Equal(t, []*Invitation{wantInvitation("inv_1", StatusPending)}, page.Data)
}

// fakeList serves n items over a list endpoint in the paginated shape;
// the items matching keep (all, when nil) are listed. Each request's limit
// and offset are recorded.
type fakeList struct {
	mu      sync.Mutex
	ids     []string
	gone    map[string]bool // left the list (invited, revoked)
	item    func(id string) string
	limits  []int
	offsets []int
}

func newFakeList(prefix string, n int, item func(id string) string) *fakeList {
	f := &fakeList{gone: map[string]bool{}, item: item}
	for i := range n {
		f.ids = append(f.ids, prefix+strconv.Itoa(i))
	}
	return f
}

func (f *fakeList) serve(w http.ResponseWriter, r *http.Request) {
	limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
	offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
	f.mu.Lock()
	defer f.mu.Unlock()
	f.limits, f.offsets = append(f.limits, limit), append(f.offsets, offset)
	var listed []string
	for _, id := range f.ids {
		if !f.gone[id] {
			listed = append(listed, id)
		}
	}
	var items []string
	for i := offset; i < offset+limit && i < len(listed); i++ {
		items = append(items, f.item(listed[i]))
	}
	spectest.WriteJSON(w, 200, fmt.Sprintf(`{"data":[%s],"total_count":%d}`, strings.Join(items, ","), len(listed)))
}

func (f *fakeList) leave(id string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.gone[id] = true
}

func TestAll(t *testing.T) {
	t.Run("invitations, pages of the maximum, stops at the total", func(t *testing.T) {
		inv, _, srv := setup(t)
		f := newFakeList("inv_", 501, func(id string) string { return invitationJSON(id, StatusPending) })
		srv.Mux.HandleFunc("GET /invitations", f.serve)
		n := 0
		for it, err := range inv.All(context.Background(), &ListParams{Status: new(StatusPending)}) {
			require.NoError(t, err)
			assert.Equal(t, "inv_"+strconv.Itoa(n), it.ID)
			n++
		}
		assert.Equal(t, 501, n)
		assert.Equal(t, []int{500, 500}, f.limits)
		assert.Equal(t, []int{0, 500}, f.offsets)
	})
	t.Run("revoking inside the loop skips none", func(t *testing.T) {
		inv, _, srv := setup(t)
		f := newFakeList("inv_", 25, func(id string) string { return invitationJSON(id, StatusPending) })
		srv.Mux.HandleFunc("GET /invitations", f.serve)
		srv.Mux.HandleFunc("POST /invitations/{invitation_id}/revoke", func(w http.ResponseWriter, r *http.Request) {
			f.leave(r.PathValue("invitation_id"))
			spectest.WriteJSON(w, 200, invitationJSON(r.PathValue("invitation_id"), StatusRevoked))
		})
		revoked := map[string]bool{}
		for it, err := range inv.All(context.Background(), &ListParams{Status: new(StatusPending), Limit: new(10)}) {
			require.NoError(t, err)
			_, err := inv.Revoke(context.Background(), it.ID)
			require.NoError(t, err)
			assert.False(t, revoked[it.ID], "yielded twice: %s", it.ID)
			revoked[it.ID] = true
		}
		assert.Len(t, revoked, 25)
	})
	t.Run("waitlist, inviting the pending ones skips none", func(t *testing.T) {
		_, wl, srv := setup(t)
		f := newFakeList("wle_", 35, func(id string) string { return entryJSON(id, WaitlistPending, "null") })
		srv.Mux.HandleFunc("GET /waitlist_entries", f.serve)
		srv.Mux.HandleFunc("POST /waitlist_entries/{waitlist_entry_id}/invite", func(w http.ResponseWriter, r *http.Request) {
			f.leave(r.PathValue("waitlist_entry_id"))
			spectest.WriteJSON(w, 200, entryJSON(r.PathValue("waitlist_entry_id"), WaitlistInvited, invitationJSON("inv_x", StatusPending)))
		})
		params := &WaitlistListParams{Status: new(WaitlistPending), Limit: new(10)}
		invited := map[string]bool{}
		for e, err := range wl.All(context.Background(), params) {
			require.NoError(t, err)
			_, err := wl.Invite(context.Background(), e.ID, nil)
			require.NoError(t, err)
			invited[e.ID] = true
		}
		assert.Len(t, invited, 35)
		assert.Equal(t, &WaitlistListParams{Status: new(WaitlistPending), Limit: new(10)}, params, "params are not changed")
	})
	t.Run("waitlist, the maximum page unless Limit is smaller", func(t *testing.T) {
		_, wl, srv := setup(t)
		f := newFakeList("wle_", 3, func(id string) string { return entryJSON(id, WaitlistPending, "null") })
		srv.Mux.HandleFunc("GET /waitlist_entries", f.serve)
		for _, limit := range []*int{nil, new(1000), new(2)} {
			for _, err := range wl.All(context.Background(), &WaitlistListParams{Limit: limit}) {
				require.NoError(t, err)
			}
		}
		assert.Equal(t, []int{500, 500, 2, 2}, f.limits)
	})
}

// TestRequiredAndIDs: nil params, a missing email address, an empty bulk
// and an unsafe ID fail before any request, matching ErrInvalidParams.
func TestRequiredAndIDs(t *testing.T) {
	ctx := context.Background()
	inv, wl, srv := setup(t)
	calls := map[string]func() error{
		"Invitations.Create(nil)":        func() error { _, err := inv.Create(ctx, nil); return err },
		"Invitations.Create(no email)":   func() error { _, err := inv.Create(ctx, &CreateParams{Notify: new(true)}); return err },
		"Invitations.CreateMany(nil)":    func() error { _, err := inv.CreateMany(ctx, nil); return err },
		"Invitations.CreateMany(empty)":  func() error { _, err := inv.CreateMany(ctx, []CreateParams{}); return err },
		"Invitations.CreateMany(item 1)": func() error { _, err := inv.CreateMany(ctx, []CreateParams{{EmailAddress: "a@b.co"}, {}}); return err },
		"Invitations.CreateMany(11)":     func() error { _, err := inv.CreateMany(ctx, invitationsToMany(11)); return err },
		"Invitations.Revoke(empty)":      func() error { _, err := inv.Revoke(ctx, ""); return err },
		"Invitations.Revoke(slash)":      func() error { _, err := inv.Revoke(ctx, "inv/1"); return err },
		"Waitlist.Create(nil)":           func() error { _, err := wl.Create(ctx, nil); return err },
		"Waitlist.Create(no email)":      func() error { _, err := wl.Create(ctx, &WaitlistEntryParams{}); return err },
		"Waitlist.CreateMany(nil)":       func() error { _, err := wl.CreateMany(ctx, nil); return err },
		"Waitlist.CreateMany(empty)":     func() error { _, err := wl.CreateMany(ctx, []WaitlistEntryParams{}); return err },
		"Waitlist.CreateMany(item 0)":    func() error { _, err := wl.CreateMany(ctx, []WaitlistEntryParams{{}}); return err },
		"Waitlist.CreateMany(51)":        func() error { _, err := wl.CreateMany(ctx, entriesToMany(51)); return err },
		"Waitlist.Delete(empty)":         func() error { return wl.Delete(ctx, "") },
		"Waitlist.Delete(dot-dot)":       func() error { return wl.Delete(ctx, "..") },
		"Waitlist.Invite(query)":         func() error { _, err := wl.Invite(ctx, "wle?1", nil); return err },
		"Waitlist.Reject(percent)":       func() error { _, err := wl.Reject(ctx, "wle%2F1"); return err },
	}
	for name, call := range calls {
		assert.ErrorIs(t, call(), internal.ErrInvalidParams, name)
	}
	_, err := inv.CreateMany(ctx, []CreateParams{{EmailAddress: "a@b.co"}, {}})
	assert.ErrorContains(t, err, "item 1")
	// The spec's maxima (maxItems), 10 invitations and 50 entries, are
	// refused here, naming the maximum; the maximum itself is not.
	_, err = inv.CreateMany(ctx, invitationsToMany(11))
	assert.ErrorContains(t, err, "1 to 10")
	_, err = wl.CreateMany(ctx, entriesToMany(51))
	assert.ErrorContains(t, err, "1 to 50")
	assert.Empty(t, srv.Operations(), "no request may leave")
}

// invitationsToMany returns n invitations of distinct addresses.
func invitationsToMany(n int) []CreateParams {
	ps := make([]CreateParams, n)
	for i := range ps {
		ps[i].EmailAddress = fmt.Sprintf("user%d@example.com", i)
	}
	return ps
}

// entriesToMany returns n waitlist entries of distinct addresses.
func entriesToMany(n int) []WaitlistEntryParams {
	ps := make([]WaitlistEntryParams, n)
	for i := range ps {
		ps[i].EmailAddress = fmt.Sprintf("user%d@example.com", i)
	}
	return ps
}

// TestBulkMaxima: a bulk create of exactly the spec's maximum (10
// invitations, 50 waitlist entries) is sent; one more is refused before any
// request (TestRequiredAndIDs).
func TestBulkMaxima(t *testing.T) {
	inv, wl, srv := setup(t)
	answer := func(n int, item func(id string) string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			items := make([]string, n)
			for i := range items {
				items[i] = item(fmt.Sprintf("x_%d", i))
			}
			spectest.WriteJSON(w, 200, "["+strings.Join(items, ",")+"]")
		}
	}
	srv.Mux.HandleFunc("POST /invitations/bulk", answer(10, func(id string) string { return invitationJSON(id, StatusPending) }))
	srv.Mux.HandleFunc("POST /waitlist_entries/bulk", answer(50, func(id string) string { return entryJSON(id, WaitlistPending, "null") }))
	invs, err := inv.CreateMany(context.Background(), invitationsToMany(10))
	require.NoError(t, err)
	assert.Len(t, invs, 10)
	entries, err := wl.CreateMany(context.Background(), entriesToMany(50))
	require.NoError(t, err)
	assert.Len(t, entries, 50)
}

// TestBulkAnswers: a bulk answer with a null item is not what was asked
// for; an API refusal comes back as the APIError, POST not retried.
func TestBulkAnswers(t *testing.T) {
	inv, wl, srv := setup(t)
	srv.Mux.HandleFunc("POST /invitations/bulk", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteJSON(w, 200, `[`+invitationJSON("inv_1", StatusPending)+`,null]`)
	})
	srv.Mux.HandleFunc("POST /waitlist_entries/bulk", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteError(w, 422, "duplicate_record")
	})
	got, err := inv.CreateMany(context.Background(), []CreateParams{{EmailAddress: "a@b.co"}, {EmailAddress: "c@d.co"}})
	assert.ErrorIs(t, err, internal.ErrInvalidResponse)
	assert.Nil(t, got)

	_, err = wl.CreateMany(context.Background(), []WaitlistEntryParams{{EmailAddress: "a@b.co"}})
	assert.ErrorIs(t, err, internal.ErrUnprocessable)
	var apiErr *internal.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.True(t, apiErr.HasCode("duplicate_record"))
	assert.Equal(t, 1, srv.Count("POST", "/v1/waitlist_entries/bulk"))
}

// TestInvitationURLIsRedacted: the invitation link's ticket shows in no
// printed form, alone or inside a waitlist entry; Reveal gives it.
func TestInvitationURLIsRedacted(t *testing.T) {
	var i Invitation
	require.NoError(t, internal.Unmarshal([]byte(invitationJSON("inv_1", StatusPending)), &i))
	var e WaitlistEntry
	require.NoError(t, internal.Unmarshal([]byte(entryJSON("wle_1", WaitlistInvited, invitationJSON("inv_1", StatusPending))), &e))
	for _, v := range []any{i, &i, e, &e} {
		for _, leak := range spectest.Leaks(v, ticket) {
			t.Error(leak)
		}
	}
	assert.Contains(t, i.URL.Reveal(), ticket)
	assert.Contains(t, e.Invitation.URL.Reveal(), ticket)
}
