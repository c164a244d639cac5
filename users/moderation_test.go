package users

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

func TestBanUnbanLockUnlock(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	ctx := context.Background()
	tests := []struct {
		action string
		call   func(context.Context, string) (*User, error)
		banned bool
		locked bool
	}{
		{"ban", svc.Ban, true, false},
		{"unban", svc.Unban, false, false},
		{"lock", svc.Lock, false, true},
		{"unlock", svc.Unlock, false, false},
	}
	for _, tt := range tests {
		srv.Mux.HandleFunc("POST /users/{user_id}/"+tt.action, func(w http.ResponseWriter, r *http.Request) {
			assert.Equal(t, "user_1", r.PathValue("user_id"), tt.action)
			assert.Equal(t, int64(0), r.ContentLength, tt.action+": no body")
			b, _ := internal.MarshalAPI(User{Object: "user", ID: "user_1", Banned: tt.banned, Locked: tt.locked})
			spectest.WriteJSON(w, 200, b)
		})
		u, err := tt.call(ctx, "user_1")
		require.NoError(t, err)
		assert.Equal(t, tt.banned, u.Banned, tt.action)
		assert.Equal(t, tt.locked, u.Locked, tt.action)
		assert.Equal(t, 1, srv.Count("POST", "/v1/users/user_1/"+tt.action), tt.action)
	}
}

func TestBanPaymentRequired(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("POST /users/{user_id}/ban", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteError(w, 402, "feature_not_enabled")
	})
	_, err := svc.Ban(context.Background(), "user_1")
	var apiErr *internal.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 402, apiErr.StatusCode)
	assert.True(t, apiErr.HasCode("feature_not_enabled"))
	assert.Equal(t, 1, srv.Count("POST", "/v1/users/user_1/ban"), "a POST is not retried")
}

func TestBanManyUnbanMany(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	for _, action := range []string{"ban", "unban"} {
		srv.Mux.HandleFunc("POST /users/"+action, func(w http.ResponseWriter, r *http.Request) {
			assert.Equal(t, map[string]any{"user_ids": []any{"user_1", "user_2"}}, spectest.ReadJSON(t, r), action)
			spectest.WriteJSON(w, 200, []byte("["+string(minimalUser(t, "user_1", 1))+","+string(minimalUser(t, "user_2", 2))+"]"))
		})
	}
	for name, call := range map[string]func(context.Context, []string) ([]*User, error){"ban": svc.BanMany, "unban": svc.UnbanMany} {
		us, err := call(context.Background(), []string{"user_1", "user_2"})
		require.NoError(t, err)
		require.Len(t, us, 2, name)
		assert.Equal(t, "user_2", us[1].ID, name)
		assert.Equal(t, 1, srv.Count("POST", "/v1/users/"+name), name)
	}
}

func TestBanManyRejects(t *testing.T) {
	svc, srv := setup(t)
	many := make([]string, 51)
	for i := range many {
		many[i] = fmt.Sprintf("user_%d", i)
	}
	for name, ids := range map[string][]string{
		"nil":      nil,
		"empty":    {},
		"51 IDs":   many,
		"empty ID": {"user_1", ""},
	} {
		_, err := svc.BanMany(context.Background(), ids)
		assert.ErrorIs(t, err, internal.ErrInvalidParams, name)
		_, err = svc.UnbanMany(context.Background(), ids)
		assert.ErrorIs(t, err, internal.ErrInvalidParams, name)
	}
	assert.Empty(t, srv.Operations())
}

// A null among the users of a bulk answer is ErrInvalidResponse, never a nil
// *User handed to the caller.
func TestBanManyNullItem(t *testing.T) {
	svc, srv := setup(t)
	srv.Mux.HandleFunc("POST /users/ban", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteJSON(w, 200, []byte("["+string(minimalUser(t, "user_1", 1))+",null]"))
	})
	us, err := svc.BanMany(context.Background(), []string{"user_1", "user_2"})
	assert.ErrorIs(t, err, internal.ErrInvalidResponse)
	assert.Nil(t, us)
}
