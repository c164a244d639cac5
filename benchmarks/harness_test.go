package benchmarks

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// The comparison table: every case runs this SDK ("ours"), the official Go
// SDK (github.com/clerk/clerk-sdk-go/v2, "official") and a bare baseline
// ("floor") on the same inputs, interleaved, in one go test -bench run:
//
//	cd benchmarks && go test -bench . -count 1
//
// prints the table after the sub-benchmarks BenchmarkCompare/<case>;
// with -args -readme it also writes the table into ../README.md, between
// the markers there, so that the README carries what the command printed.
// One case alone, for a profile:
//
//	cd benchmarks && go test -run '^$' -bench 'Compare/token-new$' -cpuprofile cpu.out
//
// How a case is measured (measure):
//   - warm-up: every side runs for warmTime (at least twice), the second
//     half of which sizes its batches (and each round resizes them);
//   - each side then runs in batches of about batchTime, the sides taking
//     turns batch by batch in a rotating order, until every side has run for
//     roundTime: that is one round, which gives each side's mean ns/op (GC
//     included, as go test's ns/op);
//   - the figures are medians over the rounds (defaultRounds, at least 5):
//     a side's time is the median of its per-round means, a ratio the
//     median of the per-round ratios, so that load drifting between rounds
//     cancels out;
//   - allocations are the process's mallocs (runtime.MemStats.Mallocs, read
//     outside the timed part of each batch) per op over all rounds: for the
//     loopback cases the server's share is included, the same for every
//     side, as in go test -benchmem.
const (
	defaultRounds = 7
	minRounds     = 5
	warmTime      = 100 * time.Millisecond
	batchTime     = 2 * time.Millisecond
	roundTime     = 100 * time.Millisecond
)

// The sides of a comparison, in the table's order.
const (
	ours = iota
	official
	floor
	nSides
)

func sideName(s int) string { return [nSides]string{"ours", "official", "floor"}[s] }

// comparison is one case of the table.
type comparison struct {
	// what the row says (its sub-benchmark takes namedCase's name).
	what string
	// ops are the sides; a nil op is a side that has nothing to run (absent
	// says why).
	ops    [nSides]func()
	absent [nSides]string
	// rounds is defaultRounds when 0, and never below minRounds.
	rounds int
	// goal checks the measured result: its text, and whether it is met.
	goal *goal
	// extra measures what the timed rounds do not (requests, heap), once,
	// after them, and returns rows of its own.
	extra func() []row
	// check, when set, compares what the sides computed (run by
	// TestComparisons, not timed).
	check func(t *testing.T)
}

type goal struct {
	text string
	met  func(r *result) bool
}

// result is what measure found.
type result struct {
	rounds int
	ns     [nSides]float64 // median over the rounds of each side's mean ns/op
	ratio  [nSides]float64 // median over the rounds of ours' time / this side's
	allocs [nSides]float64 // mallocs per op
}

// row is one line of the table.
type row struct {
	what       string
	cells      [nSides]string
	vsOfficial string // ours / official
	vsFloor    string // ours / floor
	allocs     string
	goal, met  string
}

// measure runs c's interleaved rounds (see the top of this file).
func measure(c *comparison) result {
	var sides []int
	for s, op := range c.ops {
		if op != nil {
			sides = append(sides, s)
		}
	}
	rounds := c.rounds
	if rounds == 0 {
		rounds = defaultRounds
	}
	rounds = max(rounds, minRounds)
	// Warm up, then size the batches from the second half of the warm-up
	// (the first calls pay for first-time work: type caches, connections).
	var batch [nSides]int
	setBatch := func(s int, perOp float64) { batch[s] = int(min(max(float64(batchTime)/perOp, 1), 1e6)) }
	for _, s := range sides {
		var n [2]int
		var d [2]time.Duration
		for half := range 2 {
			t0 := time.Now()
			for n[half] == 0 || d[half] < warmTime/2 {
				c.ops[s]()
				n[half]++
				d[half] = time.Since(t0)
			}
		}
		setBatch(s, float64(d[1])/float64(n[1]))
	}
	var perRound, ratios [nSides][]float64
	var mallocs, calls [nSides]uint64
	var m0, m1 runtime.MemStats
	for range rounds {
		var sum [nSides]time.Duration
		var n [nSides]int
		for i := 0; ; i++ {
			for j := range sides {
				s := sides[(i+j)%len(sides)]
				op, k := c.ops[s], batch[s]
				runtime.ReadMemStats(&m0)
				t0 := time.Now()
				for range k {
					op()
				}
				sum[s] += time.Since(t0)
				runtime.ReadMemStats(&m1)
				mallocs[s] += m1.Mallocs - m0.Mallocs
				n[s] += k
			}
			if !slices.ContainsFunc(sides, func(s int) bool { return sum[s] < roundTime }) {
				break
			}
		}
		var ns [nSides]float64
		for _, s := range sides {
			ns[s] = float64(sum[s]) / float64(n[s])
			perRound[s] = append(perRound[s], ns[s])
			calls[s] += uint64(n[s])
			setBatch(s, ns[s]) // so that the sides keep about equal shares of each round
		}
		for _, s := range sides {
			if s != ours && c.ops[ours] != nil {
				ratios[s] = append(ratios[s], ns[ours]/ns[s])
			}
		}
	}
	r := result{rounds: rounds}
	for _, s := range sides {
		r.ns[s] = median(perRound[s])
		if len(ratios[s]) > 0 {
			r.ratio[s] = median(ratios[s])
		}
		r.allocs[s] = float64(mallocs[s]) / float64(calls[s])
	}
	return r
}

func median(x []float64) float64 {
	x = slices.Clone(x)
	slices.Sort(x)
	if n := len(x); n%2 == 0 {
		return (x[n/2-1] + x[n/2]) / 2
	}
	return x[len(x)/2]
}

// rows is the table's timed row for c, followed by c's extra rows.
func (c *comparison) rows(r *result) []row {
	main := row{what: c.what}
	if r.rounds != defaultRounds {
		main.what += fmt.Sprintf(" (%d rounds)", r.rounds)
	}
	var allocs []string
	for s := range nSides {
		switch {
		case c.ops[s] == nil && c.absent[s] != "":
			main.cells[s] = "— (" + c.absent[s] + ")"
		case c.ops[s] == nil:
			main.cells[s] = "—"
		default:
			main.cells[s] = formatNs(r.ns[s])
			allocs = append(allocs, formatCount(r.allocs[s]))
			continue
		}
		allocs = append(allocs, "—")
	}
	main.allocs = strings.Join(allocs, " / ")
	if c.ops[ours] != nil {
		main.vsOfficial = formatRatio(r.ratio[official])
		main.vsFloor = formatRatio(r.ratio[floor])
	}
	if c.goal != nil {
		main.goal, main.met = c.goal.text, metText(c.goal.met(r))
	}
	rows := []row{main}
	if c.extra != nil {
		rows = append(rows, c.extra()...)
	}
	return rows
}

func metText(ok bool) string {
	if ok {
		return "yes"
	}
	return "**NO**"
}

func formatNs(ns float64) string {
	switch {
	case ns < 1e3:
		return fmt.Sprintf("%.0f ns", ns)
	case ns < 1e6:
		return sig3(ns/1e3) + " µs"
	case ns < 1e9:
		return sig3(ns/1e6) + " ms"
	}
	return sig3(ns/1e9) + " s"
}

// sig3 formats x (at least 1) with three significant digits.
func sig3(x float64) string {
	switch {
	case x < 10:
		return fmt.Sprintf("%.2f", x)
	case x < 100:
		return fmt.Sprintf("%.1f", x)
	}
	return fmt.Sprintf("%.0f", x)
}

// thousands writes n with thousands separators.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func formatRatio(x float64) string {
	if x == 0 || math.IsNaN(x) {
		return "—"
	}
	if x < 0.1 {
		return fmt.Sprintf("%.4fx", x)
	}
	return fmt.Sprintf("%.3fx", x) // three decimals: a goal's edge shows
}

// formatCount shows a per-op count: whole numbers as such, others with one
// decimal.
func formatCount(x float64) string {
	if math.Abs(x-math.Round(x)) < 0.05 || x >= 100 {
		return fmt.Sprintf("%.0f", x)
	}
	return fmt.Sprintf("%.1f", x)
}

var writeREADME = flag.Bool("readme", false, "write the table into ../README.md")

// The markers around the table in ../README.md.
const (
	tableBegin = "<!-- benchmarks table: begin -->\n"
	tableEnd   = "<!-- benchmarks table: end -->\n"
)

// BenchmarkCompare runs every case of the table as a sub-benchmark and then
// prints the table. Each sub-benchmark measures its case once, whatever
// -benchtime says (its b.Loop iterations after the first do nothing), and
// reports the medians as its metrics (its ns/op would be the time of the
// whole measurement, so it is left out).
func BenchmarkCompare(b *testing.B) {
	var table []row
	for _, cs := range cases() {
		b.Run(cs.name, func(b *testing.B) {
			c := cs.build(b)
			var r *result
			for b.Loop() {
				if r == nil {
					m := measure(c)
					r = &m
				}
			}
			b.ReportMetric(0, "ns/op")
			for s := range nSides {
				if c.ops[s] != nil {
					b.ReportMetric(r.ns[s], sideName(s)+"-ns/op")
					b.ReportMetric(r.allocs[s], sideName(s)+"-allocs/op")
				}
			}
			if c.ops[ours] != nil {
				for _, s := range []int{official, floor} {
					if r.ratio[s] != 0 {
						b.ReportMetric(r.ratio[s], "ours/"+sideName(s))
					}
				}
			}
			table = append(table, c.rows(r)...)
		})
	}
	var out bytes.Buffer
	printTable(&out, table)
	_, _ = os.Stdout.Write(out.Bytes())
	if *writeREADME && len(table) > 0 {
		if err := replaceTable("../README.md", out.Bytes()); err != nil {
			b.Fatal(err)
		}
	}
}

// replaceTable writes table between the markers of the file at path.
func replaceTable(path string, table []byte) error {
	doc, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	i := bytes.Index(doc, []byte(tableBegin))
	j := bytes.Index(doc, []byte(tableEnd))
	if i < 0 || j < i {
		return fmt.Errorf("%s has no %q ... %q markers", path, tableBegin, tableEnd)
	}
	var b bytes.Buffer
	b.Write(doc[:i+len(tableBegin)])
	b.Write(bytes.TrimLeft(table, "\n"))
	b.Write(doc[j:])
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// printTable writes the table in Markdown, the form the README carries,
// followed by the conditions of the run.
func printTable(w io.Writer, rows []row) {
	if len(rows) == 0 {
		return
	}
	header := []string{"case", "ours", "official", "floor", "ours/official", "ours/floor", "allocs/op (ours / official / floor)", "goal", "met"}
	lines := [][]string{header}
	met, goals := 0, 0
	for _, r := range rows {
		lines = append(lines, []string{r.what, r.cells[ours], r.cells[official], r.cells[floor], r.vsOfficial, r.vsFloor, r.allocs, r.goal, r.met})
		if r.goal != "" {
			goals++
			if r.met == metText(true) {
				met++
			}
		}
	}
	width := make([]int, len(header))
	for _, l := range lines {
		for i, cell := range l {
			width[i] = max(width[i], utf8.RuneCountInString(cell))
		}
	}
	cell := func(s string, i int) string { return s + strings.Repeat(" ", width[i]-utf8.RuneCountInString(s)) }
	var sb strings.Builder
	sb.WriteString("\n")
	for k, l := range lines {
		sb.WriteString("|")
		for i, c := range l {
			sb.WriteString(" " + cell(c, i) + " |")
		}
		sb.WriteString("\n")
		if k == 0 {
			sb.WriteString("|")
			for i := range l {
				sb.WriteString(strings.Repeat("-", width[i]+2) + "|")
			}
			sb.WriteString("\n")
		}
	}
	fmt.Fprintf(&sb, "\nGoals met: %d of %d. %s, %s/%s, GOMAXPROCS %d; medians of %d interleaved rounds per case unless it says otherwise (see harness_test.go).\n",
		met, goals, runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.GOMAXPROCS(0), defaultRounds)
	_, _ = io.WriteString(w, sb.String())
}
