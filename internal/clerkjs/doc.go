// Package clerkjs holds go-clerk's differential test against Clerk's own
// JavaScript SDK: the same freshly signed tokens and requests are answered
// by @clerk/backend (pinned in package.json, run by oracle.mjs under node)
// and by this module's clerk and jwt packages, and every answer is compared:
// accepted or refused (and why, coarsely), the identity and organization
// fields, and has() for permissions, roles, features and plans.
//
// The package has no code of its own: everything is in its tests. See
// README.md for what it checks, how to run it and how to add a case.
package clerkjs
