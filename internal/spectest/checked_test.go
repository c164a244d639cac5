package spectest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestChecked(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /users/count", func(w http.ResponseWriter, r *http.Request) {
		WriteJSON(w, 200, `{"object":"total_count","total_count":2}`)
	})
	mux.HandleFunc("GET /users/{user_id}", func(w http.ResponseWriter, r *http.Request) {
		WriteJSON(w, 200, `{"id":"user_1"}`) // far from a User
	})
	srv := httptest.NewServer(Checked(mux))
	defer srv.Close()
	for _, tt := range []struct {
		target string
		status int
		want   string
	}{
		{"/v1/users/count", 200, `"total_count":2`},
		{"/v1/users/count?nope=1", 400, `query parameter "nope" is not declared`},
		{"/v1/users/user_1", 500, "departs from the spec"},
	} {
		r, _ := http.NewRequest("GET", srv.URL+tt.target, nil)
		r.Header.Set("Authorization", "Bearer sk_test_x")
		r.Header.Set("Clerk-API-Version", APIVersion)
		resp, err := http.DefaultClient.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status || !strings.Contains(string(b), tt.want) {
			t.Errorf("GET %s: %d %s; want %d with %q", tt.target, resp.StatusCode, b, tt.status, tt.want)
		}
	}
}
