package apikeys

import (
	"encoding/json"
	"errors"
	"strings"

	"github.com/go-clerk/clerk/internal"
)

const redacted = "[redacted]"

// redactErr removes secrets (a token being verified, a machine secret key)
// from an error, in case the server echoed them. The transport already
// removes the client's own secret key.
func redactErr(err error, secrets ...string) error {
	if err == nil {
		return nil
	}
	ae, isAPI := err.(*internal.APIError)
	var live []string
	for _, s := range secrets {
		if s != "" && (strings.Contains(errText(err), s) || isAPI && cutSecret(ae.Body, s) > 0) {
			live = append(live, s)
		}
	}
	if len(live) == 0 {
		return err
	}
	if isAPI {
		cp := *ae
		cp.Errors = make([]internal.ErrorDetail, len(ae.Errors))
		for i, d := range ae.Errors {
			for _, s := range live {
				d.Code = strings.ReplaceAll(d.Code, s, redacted)
				d.Message = strings.ReplaceAll(d.Message, s, redacted)
				d.LongMessage = strings.ReplaceAll(d.LongMessage, s, redacted)
				if d.Meta != nil {
					if b, _ := json.Marshal(d.Meta); strings.Contains(string(b), s) {
						d.Meta = nil
					}
				}
			}
			cp.Errors[i] = d
		}
		for _, s := range live {
			cp.Body = strings.ReplaceAll(cp.Body, s, redacted)
			if n := cutSecret(cp.Body, s); n > 0 {
				body := strings.TrimSuffix(cp.Body, cutMark)
				cp.Body = body[:len(body)-n] + redacted + cutMark
			}
			cp.TraceID = strings.ReplaceAll(cp.TraceID, s, redacted)
		}
		return &cp
	}
	msg := err.Error()
	for _, s := range live {
		msg = strings.ReplaceAll(msg, s, redacted)
	}
	return &redactedError{msg: msg, err: err}
}

// cutMark ends an APIError.Body that the transport cut short.
const cutMark = "…"

// minCutSecret is the shortest beginning of a secret that cutSecret
// reports: "ak_" or "mt_" alone tells nothing.
const minCutSecret = 4

// cutSecret returns the length of the beginning of secret that ends body,
// when body was cut short in the middle of the secret (0 when not): the
// transport keeps only the first bytes of an error body that is not JSON,
// so an echoed secret may be left there in part.
func cutSecret(body, secret string) int {
	body, ok := strings.CutSuffix(body, cutMark)
	if !ok {
		return 0
	}
	for n := min(len(secret)-1, len(body)); n >= minCutSecret; n-- {
		if strings.HasSuffix(body, secret[:n]) {
			return n
		}
	}
	return 0
}

// errText is everything of an error that could be shown: its message and,
// for an APIError, the parts Error() leaves out.
func errText(err error) string {
	s := err.Error()
	var ae *internal.APIError
	if errors.As(err, &ae) {
		var b strings.Builder
		b.WriteString(s)
		b.WriteString(ae.Body)
		for _, d := range ae.Errors {
			b.WriteString(d.Code + d.Message + d.LongMessage)
			if d.Meta != nil {
				m, _ := json.Marshal(d.Meta)
				b.Write(m)
			}
		}
		s = b.String()
	}
	return s
}

// redactedError carries an error whose message held a secret: it shows the
// redacted message and still matches the original's sentinels.
type redactedError struct {
	msg string
	err error
}

// Error is the redacted message.
func (e *redactedError) Error() string { return e.msg }

// Unwrap gives the original error, for errors.Is.
func (e *redactedError) Unwrap() error { return e.err }
