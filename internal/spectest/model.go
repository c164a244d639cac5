package spectest

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/go-clerk/clerk/internal"
)

// Model and params conformance (ARCHITECTURE.md, "Tests"): a model must
// decode a full instance of its spec schema and write every property back,
// and a params struct must name exactly the query parameters or body
// properties its operation declares. One pair of helpers serves every
// package, so a new endpoint's test is a line per type.

// maxExampleDepth bounds the instance Example builds for a recursive schema.
// The spec has none, so it is only a guard; it is deep enough to build the
// deepest schemas whole (BillingStatement nests Money ten levels down: a
// truncated {} would make CheckModel report a model's value fields).
const maxExampleDepth = 16

// Example builds a JSON instance of the spec's component schema name that
// sets every property, recursively: each property takes its example or its
// first enum value when the spec gives one, else a value of its type (a
// string, of its date or date-time format where it has one; 1700000000000
// for an integer, which reads as Unix milliseconds, but 17 for an int32;
// true, a one-element array, an object with one member where any member is
// allowed). Nullable properties are set, not null. allOf, oneOf and anyOf
// merge their branches' properties (the first branch wins a name), as the
// SDK's models flatten them into one struct.
func Example(name string) ([]byte, error) {
	doc, err := Doc()
	if err != nil {
		return nil, err
	}
	ref := doc.Components.Schemas[name]
	if ref == nil || ref.Value == nil {
		return nil, fmt.Errorf("spectest: no schema %q in the spec", name)
	}
	return json.Marshal(example(ref.Value, 0))
}

func example(s *openapi3.Schema, depth int) any {
	if s.Example != nil {
		return s.Example
	}
	if len(s.Enum) > 0 && s.Enum[0] != nil {
		return s.Enum[0]
	}
	if props, ok := mergedProperties(s); ok {
		obj := map[string]any{}
		if depth >= maxExampleDepth {
			return obj
		}
		for name, p := range props {
			obj[name] = example(p, depth+1)
		}
		return obj
	}
	if branches := branchesOf(s); len(branches) > 0 {
		return example(branches[0], depth)
	}
	switch {
	case s.Type.Is("string"):
		switch s.Format {
		case "date-time":
			return "2024-01-02T03:04:05Z"
		case "date":
			return "2024-01-02"
		}
		return "x"
	case s.Type.Is("integer") && s.Format == "int32":
		return 17 // a count, not a time
	case s.Type.Is("integer"), s.Type.Is("number"):
		return 1700000000000
	case s.Type.Is("boolean"):
		return true
	case s.Type.Is("array"):
		if s.Items == nil || s.Items.Value == nil || depth >= maxExampleDepth {
			return []any{}
		}
		return []any{example(s.Items.Value, depth+1)}
	}
	// An object without declared properties (metadata) holds anything.
	return map[string]any{"key": "value"}
}

// branchesOf returns the schemas of s's allOf, oneOf and anyOf.
func branchesOf(s *openapi3.Schema) []*openapi3.Schema {
	var out []*openapi3.Schema
	for _, refs := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
		for _, r := range refs {
			if r != nil && r.Value != nil {
				out = append(out, r.Value)
			}
		}
	}
	return out
}

// mergedProperties returns the properties of s and of its branches, the
// first declaration of a name winning; ok is false when there are none.
func mergedProperties(s *openapi3.Schema) (map[string]*openapi3.Schema, bool) {
	props := map[string]*openapi3.Schema{}
	var walk func(*openapi3.Schema, int)
	walk = func(s *openapi3.Schema, depth int) {
		if depth > maxExampleDepth {
			return
		}
		for name, p := range s.Properties {
			if _, dup := props[name]; !dup && p != nil && p.Value != nil {
				props[name] = p.Value
			}
		}
		for _, b := range branchesOf(s) {
			walk(b, depth+1)
		}
	}
	walk(s, 0)
	return props, len(props) > 0
}

// CheckModel checks model type T against the spec's component schema name:
// the codec decodes Example(name) into a T, and writing that T back as the
// API does (internal.MarshalAPI) gives the same JSON. A property the model
// lacks goes missing on the way back; a field the schema lacks appears; a
// field of the wrong type fails to decode or comes back different. Each
// difference is reported with its JSON path. Use it in a test:
//
//	spectest.CheckModel[users.User](t, "User")
func CheckModel[T any](t testing.TB, name string) {
	t.Helper()
	want, err := Example(name)
	if err != nil {
		t.Fatal(err)
	}
	var v T
	if err := internal.Unmarshal(want, &v); err != nil {
		t.Fatalf("spectest: %s: decoding the example into %T: %v\n%s", name, v, err, want)
	}
	got, err := internal.MarshalAPI(&v)
	if err != nil {
		t.Fatalf("spectest: %s: writing %T back: %v", name, v, err)
	}
	var w, g any
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatal(err)
	}
	for _, d := range jsonDiff(name, w, g) {
		t.Errorf("spectest: %T against schema %s: %s", v, name, d)
	}
}

// jsonDiff lists the differences between two decoded JSON values.
func jsonDiff(path string, want, got any) []string {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: want an object, got %s", path, short(got))}
		}
		var out []string
		for _, k := range sortedKeys(w) {
			gv, ok := g[k]
			if !ok {
				out = append(out, fmt.Sprintf("%s.%s: in the spec, missing from the model", path, k))
				continue
			}
			out = append(out, jsonDiff(path+"."+k, w[k], gv)...)
		}
		for _, k := range sortedKeys(g) {
			if _, ok := w[k]; !ok {
				out = append(out, fmt.Sprintf("%s.%s: in the model, not in the spec", path, k))
			}
		}
		return out
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return []string{fmt.Sprintf("%s: want %s, got %s", path, short(want), short(got))}
		}
		var out []string
		for i := range w {
			out = append(out, jsonDiff(fmt.Sprintf("%s[%d]", path, i), w[i], g[i])...)
		}
		return out
	}
	if !reflect.DeepEqual(want, got) {
		return []string{fmt.Sprintf("%s: want %s, got %s", path, short(want), short(got))}
	}
	return nil
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func short(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 80 {
		return string(b[:80]) + "..."
	}
	return string(b)
}

// CheckQuery checks that the `url` tags of params (a struct or a pointer to
// one; embedded structs included) name exactly the query parameters of the
// operation method path (the spec's path template). extra lists names the
// SDK sends that the spec leaves out (say why in the test).
func CheckQuery(t testing.TB, method, path string, params any, extra ...string) {
	t.Helper()
	op := operation(t, method, path)
	want := map[string]bool{}
	for _, p := range op.Parameters {
		if p.Value != nil && p.Value.In == "query" {
			want[p.Value.Name] = true
		}
	}
	got := tagNames(reflect.TypeOf(params), "url")
	for _, e := range extra {
		got[e] = true
	}
	compareNames(t, method+" "+path+" query", "params", want, got)
}

// CheckBody checks that the `json` tags of params name exactly the
// properties of the operation's JSON (or form) request body, or, with at,
// of the object at that property path in the body. An array stands for its
// items: a bulk body's, or a list property's:
//
//	spectest.CheckBody(t, "POST", "/invitations/bulk", invitations.CreateParams{})
//	spectest.CheckBody(t, "POST", "/directories", GroupRoleMappingParams{}, "group_role_mappings")
func CheckBody(t testing.TB, method, path string, params any, at ...string) {
	t.Helper()
	op := operation(t, method, path)
	want := map[string]bool{}
	if op.RequestBody != nil && op.RequestBody.Value != nil {
		for _, mt := range op.RequestBody.Value.Content {
			if mt.Schema == nil || mt.Schema.Value == nil {
				continue
			}
			props, _ := mergedProperties(descend(t, mt.Schema.Value, at...))
			for name := range props {
				want[name] = true
			}
		}
	}
	what := method + " " + path + " body"
	if len(at) > 0 {
		what += " at " + strings.Join(at, ".")
	}
	compareNames(t, what, "params", want, tagNames(reflect.TypeOf(params), "json"))
}

// descend returns the schema at the property path at in s, an array
// standing for its items at every step.
func descend(t testing.TB, s *openapi3.Schema, at ...string) *openapi3.Schema {
	t.Helper()
	items := func(s *openapi3.Schema) *openapi3.Schema {
		if s.Type.Is("array") && s.Items != nil && s.Items.Value != nil {
			return s.Items.Value
		}
		return s
	}
	s = items(s)
	for _, name := range at {
		props, _ := mergedProperties(s)
		next, ok := props[name]
		if !ok {
			t.Fatalf("spectest: no property %q in the schema", name)
		}
		s = items(next)
	}
	return s
}

// CheckNames checks that the `json` tags of model (a struct or a pointer to
// one, embedded structs included) name exactly the properties of schemas
// together, both ways. It checks what a round trip (CheckModel) cannot: a
// model that serves several schemas at once (against their union), a schema
// inline in an operation (ResponseSchema), and a field the schemas lack that
// is left out when empty.
//
//	spectest.CheckNames(t, Organization{}, spectest.Schema(t, "Organization"), spectest.Schema(t, "OrganizationWithLogo"))
func CheckNames(t testing.TB, model any, schemas ...*openapi3.Schema) {
	t.Helper()
	want := map[string]bool{}
	for _, s := range schemas {
		props, _ := mergedProperties(s)
		for name := range props {
			want[name] = true
		}
	}
	compareNames(t, fmt.Sprintf("%T", model), "model", want, tagNames(reflect.TypeOf(model), "json"))
}

// Schema returns the spec's component schema name.
func Schema(t testing.TB, name string) *openapi3.Schema {
	t.Helper()
	doc, err := Doc()
	if err != nil {
		t.Fatal(err)
	}
	s := doc.Components.Schemas[name]
	if s == nil || s.Value == nil {
		t.Fatalf("spectest: no schema %q in the spec", name)
	}
	return s.Value
}

// ResponseSchema returns the schema of the JSON answer with status (such as
// "200") of the operation method path, for answers whose schema is inline
// in the operation, or a shared response of the spec's components.
func ResponseSchema(t testing.TB, method, path, status string) *openapi3.Schema {
	t.Helper()
	doc, err := Doc()
	if err != nil {
		t.Fatal(err)
	}
	item := doc.Paths.Find(path)
	var op *openapi3.Operation
	if item != nil {
		op = item.GetOperation(strings.ToUpper(method))
	}
	if op == nil {
		t.Fatalf("spectest: no operation %s %s in the spec", method, path)
	}
	r := op.Responses.Value(status)
	if r == nil || r.Value == nil || r.Value.Content.Get("application/json") == nil || r.Value.Content.Get("application/json").Schema == nil {
		t.Fatalf("spectest: %s %s has no JSON answer %s", method, path, status)
	}
	return r.Value.Content.Get("application/json").Schema.Value
}

func operation(t testing.TB, method, path string) *openapi3.Operation {
	t.Helper()
	doc, err := Doc()
	if err != nil {
		t.Fatal(err)
	}
	item := doc.Paths.Find(path)
	if item == nil {
		t.Fatalf("spectest: no path %s in the spec", path)
	}
	op := item.GetOperation(strings.ToUpper(method))
	if op == nil {
		t.Fatalf("spectest: no operation %s %s in the spec", method, path)
	}
	if op.Parameters == nil {
		op.Parameters = openapi3.Parameters{}
	}
	// Path-level parameters apply to every operation of the path.
	return &openapi3.Operation{Parameters: append(slices.Clone(item.Parameters), op.Parameters...), RequestBody: op.RequestBody}
}

// tagNames returns the names a struct type's fields carry in the tag key,
// walking embedded structs and pointers.
func tagNames(typ reflect.Type, key string) map[string]bool {
	out := map[string]bool{}
	for typ != nil && typ.Kind() == reflect.Pointer {
		typ = typ.Elem()
	}
	if typ == nil || typ.Kind() != reflect.Struct {
		return out
	}
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		tag, ok := f.Tag.Lookup(key)
		name, _, _ := strings.Cut(tag, ",")
		if !ok && f.Anonymous {
			for n := range tagNames(f.Type, key) {
				out[n] = true
			}
			continue
		}
		if name != "" && name != "-" && f.IsExported() {
			out[name] = true
		}
	}
	return out
}

// compareNames reports every name of want (the spec's) that got (those of
// the params or the model, as kind says) lacks, and every one it adds.
func compareNames(t testing.TB, what, kind string, want, got map[string]bool) {
	t.Helper()
	for _, n := range sortedKeys(toAny(want)) {
		if !got[n] {
			t.Errorf("spectest: %s: %q is in the spec, not in the %s", what, n, kind)
		}
	}
	for _, n := range sortedKeys(toAny(got)) {
		if !want[n] {
			t.Errorf("spectest: %s: %q is in the %s, not in the spec", what, n, kind)
		}
	}
}

func toAny(m map[string]bool) map[string]any {
	out := make(map[string]any, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}
