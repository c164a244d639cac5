package organizations

import "github.com/go-clerk/clerk/internal"

// New builds a service over a transport core, as the root package does.
func New(c *internal.Client) *Service { return (*Service)(internal.NewService(c)) }
