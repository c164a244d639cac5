package clerk

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// thirdParty are the labels of README snippets that use packages this
// module does not require (```go chi, ...): routers and OpenTelemetry,
// shown for the reader's own module. They cannot be compiled here without
// adding those packages to go.mod, so they are the only snippets not
// checked against a program; any other label fails the test.
var thirdParty = map[string]bool{"chi": true, "echo": true, "gin": true, "otel": true}

// TestREADMESnippetsComeFromExamples keeps the README honest: every Go
// snippet in it must appear, line for line (indentation aside), in a program
// under examples/ (its tests included) or in an Example of the packages,
// which CI builds, vets and runs. A snippet that no longer compiles has no
// program to hide in.
func TestREADMESnippetsComeFromExamples(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	var corpus []string
	err = filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" || d.Name() == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		inExamples := strings.HasPrefix(path, "examples"+string(filepath.Separator))
		if !strings.HasSuffix(path, ".go") || !inExamples && !strings.HasSuffix(path, "example_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		corpus = append(corpus, normalize(string(b)))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```go([^\n]*)\n(.*?)```").FindAllStringSubmatch(string(readme), -1)
	checked := 0
	for _, m := range blocks {
		if label := strings.TrimSpace(m[1]); label != "" {
			if !thirdParty[label] {
				t.Errorf("README snippet labelled %q: only %v may go unchecked", label, thirdParty)
			}
			continue
		}
		checked++
		s := normalize(m[2])
		found := false
		for _, f := range corpus {
			if strings.Contains(f, s) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("README snippet not found in examples/ or an Example:\n%s", m[2])
		}
	}
	if checked < 5 {
		t.Fatalf("found %d checked Go snippets in README.md", checked)
	}
}

// normalize drops each line's leading white space and blank lines.
func normalize(s string) string {
	var b strings.Builder
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return b.String()
}
