package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The end-to-end test with a real browser: headless Chromium, driven over
// the Chrome DevTools Protocol (chromedp), signs in on clerktest, loads the
// dashboard, lets the session token expire (the clock of clerktest and of
// the SDK moves; nothing sleeps), reloads and lands on the dashboard again
// through Clerk's handshake, signs out and is sent to sign in. A screenshot
// of each step is written to $GOCLERK_BROWSER_SCREENSHOTS (default: the
// test's temporary directory).
//
// Chromium comes from Debian's packages (apt-get install chromium):
// $GOCLERK_CHROMIUM, else chromium on PATH. Without it the test skips,
// unless GOCLERK_BROWSER_TEST=1 (.ci/run sets it), which makes its absence
// a failure.
const (
	envBrowserTest = "GOCLERK_BROWSER_TEST"
	envChromium    = "GOCLERK_CHROMIUM"
	envScreenshots = "GOCLERK_BROWSER_SCREENSHOTS"
)

func TestBrowser(t *testing.T) {
	chromium := findChromium(t)
	dir := os.Getenv(envScreenshots)
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	app := newTestApp(t)

	// Chromium on a closed network: no background connections of its own
	// (they would hang on the refused network), a fresh profile.
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1000, 700),
	)
	defer cancelAlloc()
	ctx, cancelCtx := chromedp.NewContext(alloc, chromedp.WithErrorf(t.Logf))
	defer cancelCtx()
	// The first run starts the browser, and lives as long as it: no
	// timeout on its context; each step below has its own.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}

	n := 0
	shot := func(name string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			png, err := chromedp.FullScreenshot(100)(ctx, tg)
			if err != nil {
				return err
			}
			n++
			path := filepath.Join(dir, fmt.Sprintf("%02d-%s.png", n, name))
			t.Logf("screenshot %s", path)
			return os.WriteFile(path, png, 0o644)
		})
	}
	step := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		if err := chromedp.Do(sctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	read := func(a chromedp.Action[string]) string {
		t.Helper()
		sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		v, err := chromedp.Run(sctx, a)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	handshakes := func() int { return app.srv.Calls("GET /fapi/v1/client/handshake") }

	step("the home page, signed out",
		chromedp.Navigate(app.url+"/"),
		chromedp.WaitVisible(chromedp.CSS("#status")),
		shot("home-signed-out"))
	if text := read(chromedp.Text(chromedp.CSS("#status"))); !strings.Contains(text, "signed out") {
		t.Fatalf("home: %q", text)
	}

	step("the dashboard, signed out: to the sign-in page",
		chromedp.Click(chromedp.CSS(`a[href="/dashboard"]`)),
		chromedp.WaitVisible(chromedp.CSS("#user_id")),
		shot("sign-in"))
	if loc := read(chromedp.Location()); !strings.HasPrefix(loc, app.srv.SignInURL+"?") {
		t.Fatalf("signed out, the dashboard went to %s", loc)
	}

	step("signing in: back to the dashboard through the handshake",
		chromedp.SendKeys(chromedp.CSS("#user_id"), app.ada.ID),
		chromedp.Click(chromedp.CSS("#sign-in")),
		chromedp.WaitVisible(chromedp.CSS("#greeting")),
		shot("dashboard"))
	loc, greeting, expires := read(chromedp.Location()), read(chromedp.Text(chromedp.CSS("#greeting"))), read(chromedp.Text(chromedp.CSS("#expires")))
	if loc != app.url+"/dashboard" || greeting != "Hello, Ada Lovelace." {
		t.Fatalf("signed in: %s %q", loc, greeting)
	}

	before := handshakes()
	app.clock.advance(2 * time.Minute) // the 60-second session token expires
	step("the token expired: a reload goes through the handshake",
		chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS("#greeting")),
		shot("dashboard-after-handshake"))
	loc, after := read(chromedp.Location()), read(chromedp.Text(chromedp.CSS("#expires")))
	if loc != app.url+"/dashboard" || after == expires || handshakes() != before+1 {
		t.Fatalf("after the expiry: %s, token expires %s (was %s), %d handshakes", loc, after, expires, handshakes()-before)
	}

	step("signing out",
		chromedp.Click(chromedp.CSS("#sign-out")),
		chromedp.WaitNotPresent(chromedp.CSS("#greeting")),
		chromedp.WaitVisible(chromedp.CSS("#status")),
		shot("signed-out"))
	if loc, text := read(chromedp.Location()), read(chromedp.Text(chromedp.CSS("#status"))); loc != app.url+"/" || !strings.Contains(text, "signed out") {
		t.Fatalf("signed out: %s %q", loc, text)
	}

	step("the dashboard after sign-out: to the sign-in page",
		chromedp.Navigate(app.url+"/dashboard"),
		chromedp.WaitVisible(chromedp.CSS("#user_id")),
		shot("sign-in-after-sign-out"))
	if loc := read(chromedp.Location()); !strings.HasPrefix(loc, app.srv.SignInURL+"?") {
		t.Fatalf("after sign-out, the dashboard went to %s", loc)
	}
}

// findChromium returns Chromium's path, or skips (fails under
// GOCLERK_BROWSER_TEST=1) when there is none.
func findChromium(t *testing.T) string {
	t.Helper()
	path := os.Getenv(envChromium)
	if path == "" {
		var err error
		if path, err = exec.LookPath("chromium"); err != nil {
			path = ""
		}
	}
	if path != "" {
		if _, err := os.Stat(path); err == nil {
			return path
		}
	}
	msg := "Chromium is not installed (apt-get install chromium, or set " + envChromium + ")"
	if os.Getenv(envBrowserTest) == "1" {
		t.Fatalf("%s, and %s=1 requires the browser test", msg, envBrowserTest)
	}
	t.Skipf("%s; set %s=1 to make this a failure", msg, envBrowserTest)
	return ""
}
