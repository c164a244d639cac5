package spectest_test

import (
	"fmt"
	"net/http"

	"github.com/go-clerk/clerk/internal/spectest"
)

// An Example's server prints what a test's would report: a query parameter
// the operation does not declare (the request is answered 400), and an
// answer that is not the operation's (passed on as it is).
func ExampleNewExampleServer() {
	srv := spectest.NewExampleServer()
	defer srv.Close()
	srv.Mux.HandleFunc("GET /users/count", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteJSON(w, 200, `{"object":"total_count","total_count":2}`)
	})
	srv.Mux.HandleFunc("GET /users/{user_id}", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteJSON(w, http.StatusTeapot, `{}`) // a status GET /users/{user_id} never answers
	})
	for _, target := range []string{"/users/count", "/users/count?colour=blue", "/users/user_1"} {
		req, _ := http.NewRequest("GET", srv.URL+target, nil)
		req.Header.Set("Authorization", "Bearer "+spectest.SecretKey)
		req.Header.Set("Clerk-API-Version", spectest.APIVersion)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			fmt.Println(err)
			return
		}
		_ = resp.Body.Close()
		fmt.Println(target, resp.StatusCode)
	}
	// Output:
	// /users/count 200
	// spectest: GET /v1/users/count (GetUsersCount) departs from the spec:
	//   query parameter "colour" is not declared by the operation
	// /users/count?colour=blue 400
	// spectest: answer 418 to GET /v1/users/user_1 (GetUser) departs from the spec: status is not supported
	// /users/user_1 418
}
