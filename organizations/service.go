package organizations

import (
	"github.com/go-clerk/clerk/internal"
)

// Metadata is a free-form JSON object, the public and private metadata of
// organizations, memberships and invitations (the same type as
// clerk.Metadata). Decode copies it into a typed value.
type Metadata = internal.Metadata

// Secret is a credential a model carries (OrganizationInvitation.URL, whose
// ticket accepts the invitation): fmt, log/slog and encoding/json show it
// as "[redacted]"; Reveal gives the value (the same type as clerk.Secret).
type Secret = internal.Secret

// Page is one page of a list: Data, and TotalCount, the number of items
// across all pages as the API reports it (the same type as clerk.Page).
type Page[T any] = internal.Page[T]

// maxLimit is the largest page the organization list endpoints serve.
const maxLimit = 500

// Service calls the Organizations endpoints: organizations and their logos,
// memberships, invitations and domains (clerk.Client.Organizations). It is
// safe for concurrent use.
type Service internal.Service

func (s *Service) core() *internal.Client { return (*internal.Service)(s).Client() }

// paging is how every All of the package walks its list: pages of the
// caller's Limit, at most maxLimit, by offset. With id, the walk survives
// items that leave the list while it runs, such as the memberships a loop
// deletes (internal.Paging.ID).
func paging[T any](id func(*T) string) internal.Paging[T] {
	return internal.Paging[T]{Max: maxLimit, ID: id}
}
