package internal

import (
	"bytes"
	"context"
	"crypto/x509"
	"errors"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The retry policy (ARCHITECTURE.md, "The request path"):
//   - 429 and failures to connect are retried on every method;
//   - 500, 502, 503, 504 and connections broken mid-request are retried only
//     on GET, PUT, PATCH and DELETE, never on POST: Clerk has no idempotency
//     keys, and a retried create could create twice;
//   - a GET whose 2xx answer breaks off mid-body is retried too: its body is
//     read here, inside the loop (the caller reads it from memory), where an
//     answer of any other method is read after it, as it stands (a write
//     that may have happened is never sent again for its answer's sake);
//   - waits are jittered exponential backoff, or Retry-After (seconds or an
//     HTTP date) when the answer gives one;
//   - a wait longer than RetryWaitMax, or than the context's remaining time,
//     is not slept: the answer is returned at once (a 429 with RetryAfter).
//
// retryablehttp runs the loop; checkRetry decides and picks the wait,
// prepareRetry sleeps it with the injectable sleep, and lastAnswer hands the
// last response back instead of "giving up after N attempts".

// attempt is the per-call state the policy keeps, carried in the context.
type attempt struct {
	method  string
	path    string // the path with its IDs, without the query
	url     string // the base URL and path, without the query
	retries int
	wait    time.Duration
}

type attemptKey struct{}

func attemptOf(ctx context.Context) *attempt {
	if a, ok := ctx.Value(attemptKey{}).(*attempt); ok {
		return a
	}
	return &attempt{}
}

// idempotent reports whether a method may be repeated after the server may
// have acted on it.
func idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions:
		return true
	}
	return false
}

func (c *Client) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	call := attemptOf(ctx)
	if ctx.Err() != nil {
		return false, nil
	}
	var wait time.Duration
	var fromHeader bool
	if err != nil {
		scrubURL(err, call.url) // before any log line shows it
		switch {
		case connectFailure(err):
		case idempotent(call.method) && retryableTransport(err):
		default:
			return false, nil
		}
	} else if ok, readErr := c.readGET(call, resp); !ok {
		return false, nil
	} else if readErr != nil {
		err = readErr // a body cut short: retried, with backoff, as a broken connection
	} else {
		switch resp.StatusCode {
		case http.StatusTooManyRequests:
		case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			if !idempotent(call.method) {
				return false, nil
			}
		default:
			return false, nil
		}
		wait, fromHeader = retryAfter(resp, c.now())
	}
	if !fromHeader {
		wait = c.backoff(call.retries)
	}
	if wait > c.waitMax {
		c.logRetry(ctx, call, resp, err, wait, "wait over the cap: not retried")
		return false, nil
	}
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) <= wait {
		c.logRetry(ctx, call, resp, err, wait, "wait past the deadline: not retried")
		return false, nil
	}
	call.wait = wait
	return true, nil
}

// readGET reads the body of a GET's 2xx answer into memory, so that a
// connection broken mid-body is retried like one broken before the answer.
// retry is false when the answer is settled (a good body, now read from
// memory, or one over the size cap); readErr is the transport's error when
// the body broke off. Other answers are left alone: retry is true and
// readErr nil, for the status checks. The body the caller will read is the
// one read here, or a reader that fails with readErr.
func (c *Client) readGET(call *attempt, resp *http.Response) (retry bool, readErr error) {
	if call.method != http.MethodGet || resp.StatusCode < 200 || resp.StatusCode > 299 || resp.StatusCode == http.StatusNoContent {
		return true, nil
	}
	b, err := readBody(resp, c.maxBody)
	resp.Body.Close()
	if err != nil {
		resp.Body = io.NopCloser(failingReader{err})
		return !errors.Is(err, ErrResponseTooLarge) && retryableTransport(err), err
	}
	resp.Body, resp.ContentLength = io.NopCloser(bytes.NewReader(b)), int64(len(b))
	return false, nil
}

// failingReader fails every read with err.
type failingReader struct{ err error }

func (f failingReader) Read([]byte) (int, error) { return 0, f.err }

func (c *Client) prepareRetry(req *http.Request) error {
	ctx := req.Context()
	call := attemptOf(ctx)
	call.retries++
	c.logRetry(ctx, call, nil, nil, call.wait, "retrying")
	if call.wait > 0 {
		return c.sleep(ctx, call.wait)
	}
	return ctx.Err()
}

func (c *Client) logRetry(ctx context.Context, call *attempt, resp *http.Response, err error, wait time.Duration, msg string) {
	if c.log == nil {
		return
	}
	attrs := []slog.Attr{
		slog.String("method", call.method),
		slog.String("path", call.path),
		slog.Int("retry", call.retries),
		slog.Duration("wait", wait),
	}
	if resp != nil {
		attrs = append(attrs, slog.Int("status", resp.StatusCode))
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	c.log.LogAttrs(ctx, slog.LevelInfo, "clerk: "+msg, attrs...)
}

// backoff is the n-th wait (n from 0): RetryWaitMin doubled n times, capped
// at RetryWaitMax, then jittered into its upper half.
func (c *Client) backoff(n int) time.Duration {
	d := c.waitMin
	for i := 0; i < n && d < c.waitMax; i++ {
		d *= 2
	}
	if d > c.waitMax {
		d = c.waitMax
	}
	half := d / 2
	return half + time.Duration(c.jitter()*float64(d-half))
}

// lastAnswer is retryablehttp's ErrorHandler, called when the loop ends
// other than with an answer checkRetry let through: retries exhausted, a
// transport failure, or a wait cut short (PrepareRetry's error). The caller
// gets the last answer (decoded into an APIError by Do), not "giving up after
// N attempts"; or the error, when there is one. With an error, resp is either
// nil, a response already drained and closed (a wait cut short), or one the
// HTTP client closed itself (CheckRedirect failed): never an answer to read.
func lastAnswer(resp *http.Response, err error, _ int) (*http.Response, error) {
	if err != nil {
		if resp != nil {
			resp.Body.Close()
		}
		return nil, err
	}
	return resp, nil
}

// maxRetryAfter is the longest Retry-After read; a longer one reads as it.
const maxRetryAfter = 24 * time.Hour

// retryAfter reads Retry-After on a 429 or 503: delay-seconds or an HTTP
// date. ok is false when the answer gives none (or an unreadable one).
func retryAfter(resp *http.Response, now time.Time) (time.Duration, bool) {
	if resp == nil || (resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusServiceUnavailable) {
		return 0, false
	}
	v := strings.TrimSpace(resp.Header.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil || errors.Is(err, strconv.ErrRange) {
		if n < 0 {
			return 0, false
		}
		// Beyond int64 (ErrRange gives MaxInt64) or a day: longer than any
		// wait the client would sleep, so the answer comes back at once.
		if n > int64(maxRetryAfter/time.Second) {
			return maxRetryAfter, true
		}
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		d := t.Sub(now)
		if d < 0 {
			d = 0
		}
		return d, true
	}
	return 0, false
}

// connectFailure reports whether err happened before the request could
// reach the server (dial or DNS failure), so any method may be retried.
func connectFailure(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var dns *net.DNSError
	return errors.As(err, &dns)
}

// retryableTransport reports whether a transport failure may be worth
// another try on an idempotent method: a connection broken or timed out
// mid-request, yes; a bad certificate or a redirect loop, no.
func retryableTransport(err error) bool {
	var certErr *x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invErr x509.CertificateInvalidError
	switch {
	case errors.As(err, &certErr), errors.As(err, &hostErr), errors.As(err, &invErr):
		return false
	case errors.Is(err, errRedirect):
		return false
	case strings.Contains(err.Error(), "unsupported protocol scheme"):
		return false
	}
	return true
}

// sleepCtx waits d or until ctx is done.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func randFloat() float64 { return rand.Float64() }
