// Package internal holds what every go-clerk package shares and users never
// name directly: the retrying HTTP transport, the APIError type and its
// sentinels, Clerk's list shapes and the lazy pager, Metadata, and the JSON
// helpers for Clerk's Unix-millisecond timestamps.
//
// Types that users must name (APIError, ErrorDetail, Metadata, Page, ...) are
// re-exported by the root package clerk and by the resource packages with
// type aliases, so there is one definition of each.
package internal
