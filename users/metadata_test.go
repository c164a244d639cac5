package users

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

func TestUpdateMetadata(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("PATCH /users/{user_id}/metadata", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "user_1", r.PathValue("user_id"))
		// nil deletes a key in a merge; Unsafe, left nil, is not sent.
		assert.Equal(t, map[string]any{
			"public_metadata":  map[string]any{"role": "admin", "plan": map[string]any{"seats": 10.0}, "old": nil},
			"private_metadata": map[string]any{"stripe_customer": "cus_9"},
		}, spectest.ReadJSON(t, r), "body")
		spectest.WriteJSON(w, 200, spectest.UserJSON)
	})
	u, err := svc.UpdateMetadata(context.Background(), "user_1", &MetadataParams{
		Public:  Metadata{"role": "admin", "plan": map[string]any{"seats": 10}, "old": nil},
		Private: Metadata{"stripe_customer": "cus_9"},
	})
	require.NoError(t, err)
	assert.Equal(t, "admin", u.PublicMetadata["role"])
}

func TestReplaceMetadata(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("PUT /users/{user_id}/metadata", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "user_1", r.PathValue("user_id"))
		// An empty, non-nil Metadata is sent, to empty that metadata.
		assert.Equal(t, map[string]any{"private_metadata": map[string]any{}}, spectest.ReadJSON(t, r), "body")
		spectest.WriteJSON(w, 200, minimalUser(t, "user_1", 1))
	})
	u, err := svc.ReplaceMetadata(context.Background(), "user_1", &MetadataParams{Private: Metadata{}})
	require.NoError(t, err)
	assert.Equal(t, "user_1", u.ID)
	assert.Equal(t, Metadata{}, u.PublicMetadata)
}

func TestMetadataNilParams(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	for _, pattern := range []string{"PATCH /users/{user_id}/metadata", "PUT /users/{user_id}/metadata"} {
		srv.Mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
			assert.Equal(t, map[string]any{}, spectest.ReadJSON(t, r), "body")
			spectest.WriteJSON(w, 200, minimalUser(t, "user_1", 1))
		})
	}
	_, err := svc.UpdateMetadata(context.Background(), "user_1", nil)
	require.NoError(t, err)
	_, err = svc.ReplaceMetadata(context.Background(), "user_1", nil)
	require.NoError(t, err)
	assert.Equal(t, 1, srv.Count("PATCH", "/v1/users/user_1/metadata"))
	assert.Equal(t, 1, srv.Count("PUT", "/v1/users/user_1/metadata"))
}

func TestMetadataDecode(t *testing.T) {
	var u User
	require.NoError(t, internal.Unmarshal(spectest.UserJSON, &u))
	var plan struct {
		Tier  string `json:"tier"`
		Seats int    `json:"seats"`
	}
	var typed struct {
		Plan *struct {
			Tier  string `json:"tier"`
			Seats int    `json:"seats"`
		} `json:"plan"`
	}
	require.NoError(t, u.PublicMetadata.Decode(&typed))
	require.NotNil(t, typed.Plan)
	plan = *typed.Plan
	assert.Equal(t, "pro", plan.Tier)
	assert.Equal(t, 5, plan.Seats)
}
