// Package internal holds what every go-clerk package shares and users never
// name directly (ARCHITECTURE.md, "The layers"): the retrying HTTP transport
// (Client), the request helpers every service method is written with (Call,
// Exec, List), the pager (All), the codec that turns Clerk's JSON into
// models, Secret, Service, and the APIError type and its sentinels.
//
// Types that users must name (ErrorDetail, Metadata, Page, Secret, ...) are
// re-exported by the root package clerk and by the resource packages with
// type aliases, so there is one definition of each. APIError is the
// exception: clerk.APIError is a struct of the same fields declared in the
// root package, so that go doc shows them, and errors.As converts one into
// the other (APIError.As).
package internal
