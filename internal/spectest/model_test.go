package spectest

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
)

// recordT records what the helpers report, so that their failure paths are
// tested without failing this test.
type recordT struct {
	testing.TB
	msgs []string
}

func (r *recordT) Errorf(format string, args ...any) {
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
}
func (r *recordT) Helper() {}

// Fatalf records and ends the calling goroutine, as testing's does; run
// checks that may call it with record.
func (r *recordT) Fatalf(format string, args ...any) {
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
	runtime.Goexit()
}

// record runs check against a recordT on a goroutine of its own and returns
// what it reported.
func record(t *testing.T, check func(testing.TB)) []string {
	rec := &recordT{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		check(rec)
	}()
	<-done
	return rec.msgs
}

// The spec's TotalCount schema: object (enum total_count), total_count.
type totalCount struct {
	Object     string `json:"object"`
	TotalCount int64  `json:"total_count"`
}

type totalCountMissing struct {
	Object string `json:"object"`
}

type totalCountExtra struct {
	Object     string `json:"object"`
	TotalCount int64  `json:"total_count"`
	Extra      string `json:"extra"`
}

type totalCountWrongType struct {
	Object     string `json:"object"`
	TotalCount bool   `json:"total_count"`
}

func TestExampleSetsEveryProperty(t *testing.T) {
	b, err := Example("TotalCount")
	require.NoError(t, err)
	assert.JSONEq(t, `{"object":"total_count","total_count":1700000000000}`, string(b))

	b, err = Example("User")
	require.NoError(t, err)
	var u map[string]any
	require.NoError(t, internal.Unmarshal(b, &u))
	assert.Contains(t, u, "email_addresses")
	assert.Contains(t, u, "public_metadata")

	_, err = Example("NoSuchSchema")
	assert.Error(t, err)
}

func TestCheckModel(t *testing.T) {
	CheckModel[totalCount](t, "TotalCount")

	for name, check := range map[string]func(testing.TB){
		"missing":    func(t testing.TB) { CheckModel[totalCountMissing](t, "TotalCount") },
		"extra":      func(t testing.TB) { CheckModel[totalCountExtra](t, "TotalCount") },
		"wrong type": func(t testing.TB) { CheckModel[totalCountWrongType](t, "TotalCount") },
	} {
		msgs := record(t, check)
		require.Len(t, msgs, 1, name)
		want := map[string]string{
			"missing":    "total_count: in the spec, missing from the model",
			"extra":      "extra: in the model, not in the spec",
			"wrong type": "decoding the example into",
		}[name]
		assert.True(t, strings.Contains(msgs[0], want), "%s: %s", name, msgs[0])
	}
}

type countParams struct {
	EmailAddresses []string `url:"email_address"`
	Extra          *string  `url:"not_in_spec"`
}

type tokenBody struct {
	ExpiresInSeconds *int `json:"expires_in_seconds,omitempty"`
}

func TestCheckQueryAndBody(t *testing.T) {
	CheckBody(t, "POST", "/sessions/{session_id}/tokens", tokenBody{})

	joined := strings.Join(record(t, func(t testing.TB) { CheckQuery(t, "GET", "/users/count", &countParams{}) }), "\n")
	assert.Contains(t, joined, `"not_in_spec" is in the params, not in the spec`)
	assert.Contains(t, joined, `"phone_number" is in the spec, not in the params`)
	assert.NotContains(t, joined, `"email_address"`)

	msgs := record(t, func(t testing.TB) { CheckBody(t, "POST", "/sessions/{session_id}/tokens", countParams{}) })
	assert.Contains(t, strings.Join(msgs, "\n"), `"expires_in_seconds" is in the spec, not in the params`)
}

type onBehalfOf struct {
	UserID     *string `json:"user_id,omitempty"`
	Identifier *string `json:"identifier,omitempty"`
}

// TestCheckBodyAt: CheckBody checks a nested object at a property path, and
// an array (a bulk body, a list property) stands for its items.
func TestCheckBodyAt(t *testing.T) {
	CheckBody(t, "POST", "/agents/tasks", onBehalfOf{}, "on_behalf_of")

	joined := strings.Join(record(t, func(t testing.TB) { CheckBody(t, "POST", "/invitations/bulk", tokenBody{}) }), "\n")
	assert.Contains(t, joined, `POST /invitations/bulk body: "email_address" is in the spec, not in the params`)

	joined = strings.Join(record(t, func(t testing.TB) {
		CheckBody(t, "POST", "/directories", onBehalfOf{}, "group_role_mappings")
	}), "\n")
	assert.Contains(t, joined, `body at group_role_mappings: "role_id" is in the spec, not in the params`)

	joined = strings.Join(record(t, func(t testing.TB) { CheckBody(t, "POST", "/agents/tasks", onBehalfOf{}, "nope") }), "\n")
	assert.Contains(t, joined, `no property "nope"`)
}

type countAnswer struct {
	Object     string `json:"object"`
	TotalCount int64  `json:"total_count"`
	Extra      string `json:"extra,omitempty"` // left out when empty: a round trip cannot see it
}

// TestCheckNames: CheckNames compares a model's names with the union of
// its schemas, both ways, and finds a field left out when empty.
func TestCheckNames(t *testing.T) {
	joined := strings.Join(record(t, func(t testing.TB) { CheckNames(t, countAnswer{}, Schema(t, "TotalCount")) }), "\n")
	assert.Equal(t, `spectest: spectest.countAnswer: "extra" is in the model, not in the spec`, joined)

	// The answer of POST /sessions/{session_id}/tokens is the Token schema;
	// with a second schema, the union is what the model must name.
	joined = strings.Join(record(t, func(t testing.TB) {
		CheckNames(t, countAnswer{}, Schema(t, "TotalCount"), ResponseSchema(t, "POST", "/sessions/{session_id}/tokens", "200"))
	}), "\n")
	assert.Contains(t, joined, `"jwt" is in the spec, not in the model`)
	assert.Contains(t, joined, `"extra" is in the model, not in the spec`)

	joined = strings.Join(record(t, func(t testing.TB) { Schema(t, "NoSuchSchema") }), "\n")
	assert.Contains(t, joined, `no schema "NoSuchSchema"`)
	joined = strings.Join(record(t, func(t testing.TB) { ResponseSchema(t, "GET", "/users", "418") }), "\n")
	assert.Contains(t, joined, "has no JSON answer 418")
}

// TestExpect: an expected report is let through once; any other, or the
// same one again, reaches the test, and Done reports the expected ones that
// never came.
func TestExpect(t *testing.T) {
	msgs := record(t, func(t testing.TB) {
		e := Expect(t, "known", "never")
		e.Errorf("a %s difference", "known")
		e.Errorf("a %s difference", "known")
		e.Errorf("another difference")
		e.Done()
	})
	assert.Equal(t, []string{
		"a known difference",
		"another difference",
		`expected a report with "never", got none: drop the exception`,
	}, msgs)
}
