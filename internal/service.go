package internal

import "sync"

// Service is what every resource package's service is, as go-github's
// services are (ARCHITECTURE.md, "The layers"):
//
//	type Service internal.Service
//
//	func (s *Service) core() *internal.Client { return (*internal.Service)(s).Client() }
//
// The root package builds one per service with NewService and converts it:
// (*users.Service)(internal.NewService(core)). Its fields are unexported, so
// a user holding a *users.Service reaches nothing but its methods.
type Service struct {
	client *Client
	once   sync.Once
	state  any
}

// NewService returns a service over a transport core.
func NewService(c *Client) *Service { return &Service{client: c} }

// Client returns the transport core the service calls through.
func (s *Service) Client() *Client { return s.client }

// State returns the service's own state (apikeys keeps its verification
// cache there), built by build on the first call and the same value ever
// after; build gets the transport core, whose Config the state may read.
func (s *Service) State(build func(*Client) any) any {
	s.once.Do(func() { s.state = build(s.client) })
	return s.state
}
