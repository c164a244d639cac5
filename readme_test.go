package clerk

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestREADMESnippetsComeFromExamples keeps the README honest: every Go
// snippet in it must appear, line for line (indentation aside), in a program
// under examples/, which CI builds and vets. A snippet that no longer
// compiles has no program to hide in.
func TestREADMESnippetsComeFromExamples(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	var corpus []string
	err = filepath.WalkDir("examples", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		b, err := os.ReadFile(path)
		corpus = append(corpus, normalize(string(b)))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	snippets := regexp.MustCompile("(?s)```go\n(.*?)```").FindAllStringSubmatch(string(readme), -1)
	if len(snippets) < 5 {
		t.Fatalf("found %d Go snippets in README.md", len(snippets))
	}
	for _, m := range snippets {
		s := normalize(m[1])
		found := false
		for _, f := range corpus {
			if strings.Contains(f, s) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("README snippet not found in examples/:\n%s", m[1])
		}
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
