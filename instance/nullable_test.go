package instance

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNullable pins the three states of a Nullable field on the wire
// (encoding/json, as request bodies are written): left out, a value, null.
func TestNullable(t *testing.T) {
	for _, tc := range []struct {
		name   string
		params any
		want   string
	}{
		{"zero is left out", UpdateDomainParams{}, `{}`},
		{"a value", UpdateDomainParams{ProxyURL: NewNullable("https://example.com/__clerk")}, `{"proxy_url":"https://example.com/__clerk"}`},
		{"an empty string is a value", UpdateDomainParams{ProxyURL: NewNullable("")}, `{"proxy_url":""}`},
		{"null", UpdateDomainParams{ProxyURL: Null[string]()}, `{"proxy_url":null}`},
		{"a list", UpdateOAuthApplicationSettingsParams{DefaultScopes: NewNullable([]string{"openid"})}, `{"default_scopes":["openid"]}`},
		{"an empty list", UpdateOAuthApplicationSettingsParams{DefaultScopes: NewNullable([]string{})}, `{"default_scopes":[]}`},
		{"a null list", UpdateOAuthApplicationSettingsParams{DefaultScopes: Null[[]string]()}, `{"default_scopes":null}`},
		{"a field without omitzero writes a zero Nullable as null", struct {
			V Nullable[int] `json:"v"`
		}{}, `{"v":null}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := json.Marshal(tc.params)
			require.NoError(t, err)
			assert.JSONEq(t, tc.want, string(b))
		})
	}

	v, ok := NewNullable("x").Get()
	assert.True(t, ok)
	assert.Equal(t, "x", v)
	assert.False(t, NewNullable("x").IsNull())
	assert.False(t, NewNullable("x").IsZero())

	v, ok = Null[string]().Get()
	assert.False(t, ok)
	assert.Empty(t, v)
	assert.True(t, Null[string]().IsNull())
	assert.False(t, Null[string]().IsZero())

	var zero Nullable[string]
	_, ok = zero.Get()
	assert.False(t, ok)
	assert.False(t, zero.IsNull())
	assert.True(t, zero.IsZero())
}
