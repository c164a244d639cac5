// Command specexamples extracts the example payload of every event type in
// Clerk's webhook spec (the x-webhooks section of webhooks/2025-04-15.yml in
// github.com/clerk/openapi-specs) into one JSON object keyed by event type.
// The webhooks package's tests read that file, so they need neither the YAML
// spec parser nor ../shared at test time.
//
// It is its own module so that its YAML dependency stays out of the SDK's
// go.mod. Run it through go generate in the webhooks package:
//
//	go generate ./webhooks/
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

type spec struct {
	Webhooks map[string]struct {
		Post struct {
			RequestBody struct {
				Content map[string]struct {
					Example  any `yaml:"example"`
					Examples map[string]struct {
						Ref   string `yaml:"$ref"`
						Value any    `yaml:"value"`
					} `yaml:"examples"`
				} `yaml:"content"`
			} `yaml:"requestBody"`
		} `yaml:"post"`
	} `yaml:"x-webhooks"`
	Components struct {
		Examples map[string]struct {
			Value any `yaml:"value"`
		} `yaml:"examples"`
	} `yaml:"components"`
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: specexamples SPEC.yml OUT.json")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "specexamples:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	raw, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var s spec
	if err := yaml.Unmarshal(raw, &s); err != nil {
		return err
	}
	if len(s.Webhooks) == 0 {
		return fmt.Errorf("%s: no x-webhooks", in)
	}
	examples := make(map[string]any, len(s.Webhooks))
	for name, hook := range s.Webhooks {
		body, ok := hook.Post.RequestBody.Content["application/json"]
		if !ok {
			return fmt.Errorf("%s: no application/json request body", name)
		}
		ex, err := example(&s, name, body.Example, body.Examples)
		if err != nil {
			return err
		}
		examples[name] = ex
	}
	names := make([]string, 0, len(examples))
	for name := range examples {
		names = append(names, name)
	}
	sort.Strings(names)

	// One line per event keeps diffs readable when the spec changes.
	var buf bytes.Buffer
	buf.WriteString("{\n")
	for i, name := range names {
		fmt.Fprintf(&buf, "%q: ", name)
		enc := json.NewEncoder(&buf) // Encode ends the line
		enc.SetEscapeHTML(false)
		if err := enc.Encode(examples[name]); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if i < len(names)-1 {
			buf.Truncate(buf.Len() - 1)
			buf.WriteString(",\n")
		}
	}
	buf.WriteString("}\n")
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

// example returns the one example of an event: inline, or through a $ref to
// components/examples.
func example(s *spec, name string, inline any, named map[string]struct {
	Ref   string `yaml:"$ref"`
	Value any    `yaml:"value"`
}) (any, error) {
	if inline != nil {
		if len(named) > 0 {
			return nil, fmt.Errorf("%s: both example and examples", name)
		}
		return inline, nil
	}
	if len(named) != 1 {
		return nil, fmt.Errorf("%s: want exactly one example, have %d", name, len(named))
	}
	for _, ex := range named {
		if ex.Value != nil {
			return ex.Value, nil
		}
		const prefix = "#/components/examples/"
		ref, ok := strings.CutPrefix(ex.Ref, prefix)
		if !ok {
			return nil, fmt.Errorf("%s: unsupported $ref %q", name, ex.Ref)
		}
		c, ok := s.Components.Examples[ref]
		if !ok || c.Value == nil {
			return nil, fmt.Errorf("%s: $ref %q not found", name, ex.Ref)
		}
		return c.Value, nil
	}
	panic("unreachable")
}
