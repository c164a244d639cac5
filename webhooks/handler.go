package webhooks

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
)

// HandlerOption configures a Handler.
type HandlerOption func(*handler)

// WithLogger makes the handler log why it refused a delivery (at Warn) and
// callback failures (at Error) to l. Nothing is logged by default. Log
// lines carry the error, the event type and the delivery ID; never the
// payload or the secret.
func WithLogger(l *slog.Logger) HandlerOption {
	return func(h *handler) { h.log = l }
}

// Handler returns an http.Handler for a Clerk webhook endpoint. For each
// delivery it:
//
//   - answers 405 Method Not Allowed to anything but POST;
//   - answers 413 Request Entity Too Large to a body larger than the
//     verifier's maximum payload size (1 MiB by default, see
//     WithMaxPayloadSize), reading no more than that;
//   - answers 400 Bad Request to a delivery that Verify refuses, without
//     calling fn;
//   - calls fn with the request's context and the verified event, and
//     answers 500 Internal Server Error when fn returns an error, so that
//     Svix delivers the event again later;
//   - answers 204 No Content otherwise.
//
// Error answers have a short plain-text body that names no reason; the
// reason goes to the logger given with WithLogger. fn may run concurrently
// for different deliveries, and may see the same event twice (Svix retries):
// de-duplicate on Event.ID where that matters. Handler panics if v or fn is
// nil.
func Handler(v *Verifier, fn func(ctx context.Context, ev *Event) error, opts ...HandlerOption) http.Handler {
	if v == nil || fn == nil {
		panic("webhooks: Handler needs a Verifier and a callback")
	}
	h := &handler{v: v, fn: fn}
	for _, opt := range opts {
		if opt != nil {
			opt(h)
		}
	}
	return h
}

type handler struct {
	v   *Verifier
	fn  func(context.Context, *Event) error
	log *slog.Logger
}

// ServeHTTP handles one delivery, as Handler describes.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		h.fail(w, r, http.StatusMethodNotAllowed, errors.New("webhooks: method "+r.Method+" not allowed"))
		return
	}
	limit := h.v.maxPayload
	if r.ContentLength > limit {
		h.fail(w, r, http.StatusRequestEntityTooLarge, ErrPayloadTooLarge)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			h.fail(w, r, http.StatusRequestEntityTooLarge, ErrPayloadTooLarge)
		} else {
			h.fail(w, r, http.StatusBadRequest, err)
		}
		return
	}
	ev, err := h.v.Verify(body, r.Header)
	if err != nil {
		status := http.StatusBadRequest
		if errors.Is(err, ErrPayloadTooLarge) {
			status = http.StatusRequestEntityTooLarge
		}
		h.fail(w, r, status, err)
		return
	}
	if err := h.fn(r.Context(), ev); err != nil {
		if h.log != nil {
			h.log.LogAttrs(r.Context(), slog.LevelError, "webhooks: callback failed",
				slog.String("event_type", string(ev.Type)), slog.String("event_id", ev.ID), slog.Any("error", err))
		}
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// fail answers a refused delivery with status and logs why.
func (h *handler) fail(w http.ResponseWriter, r *http.Request, status int, reason error) {
	if h.log != nil {
		h.log.LogAttrs(r.Context(), slog.LevelWarn, "webhooks: delivery refused",
			slog.Int("status", status), slog.Any("error", reason))
	}
	http.Error(w, http.StatusText(status), status)
}
