package spectest_test

import (
	"fmt"
	"net/http"

	"github.com/go-clerk/clerk/internal/spectest"
)

// An Example's server prints what a test's would report: here a query
// parameter GET /users/{user_id} does not declare.
func ExampleNewExampleServer() {
	srv, done := spectest.NewExampleServer()
	defer done()
	srv.Mux.HandleFunc("GET /users/{user_id}", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteJSON(w, 200, `{}`)
	})
	req, _ := http.NewRequest("GET", srv.URL+"/users/user_1?colour=blue", nil)
	req.Header.Set("Authorization", "Bearer "+spectest.SecretKey)
	req.Header.Set("Clerk-API-Version", spectest.APIVersion)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	_ = resp.Body.Close()
	fmt.Println(resp.StatusCode)
	// Output:
	// spectest: GET /v1/users/user_1 (GetUser) departs from the spec:
	//   query parameter "colour" is not declared by the operation
	// 400
}
