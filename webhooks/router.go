package webhooks

import (
	"context"
	"fmt"
)

// Router dispatches events to a callback per event type. Its Handle method
// is a callback for Handler:
//
//	r := webhooks.NewRouter().
//		On(webhooks.UserCreated, onUserCreated).
//		On(webhooks.UserDeleted, onUserDeleted)
//	http.Handle("/webhooks/clerk", webhooks.Handler(wh, r.Handle))
//
// Register every route before the first call to Handle; after that a Router
// is safe for concurrent use. The zero Router has no routes.
type Router struct {
	routes map[EventType]func(context.Context, *Event) error
}

// NewRouter returns a Router with no routes.
func NewRouter() *Router {
	return &Router{routes: make(map[EventType]func(context.Context, *Event) error)}
}

// On routes events of type t to fn and returns r. It panics if t is empty,
// fn is nil or t already has a route.
func (r *Router) On(t EventType, fn func(ctx context.Context, ev *Event) error) *Router {
	if t == "" || fn == nil {
		panic("webhooks: Router.On needs an event type and a callback")
	}
	if _, dup := r.routes[t]; dup {
		panic(fmt.Sprintf("webhooks: Router.On: %s already has a route", t))
	}
	if r.routes == nil {
		r.routes = make(map[EventType]func(context.Context, *Event) error)
	}
	r.routes[t] = fn
	return r
}

// Handle calls the route of ev's type and returns its error. An event type
// without a route is acknowledged: Handle returns nil, so that Svix does not
// deliver it again.
func (r *Router) Handle(ctx context.Context, ev *Event) error {
	if fn, ok := r.routes[ev.Type]; ok {
		return fn(ctx, ev)
	}
	return nil
}
