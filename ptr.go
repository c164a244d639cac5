package clerk

// String returns a pointer to s, for optional string parameters:
// FirstName: clerk.String("Jane").
func String(s string) *string { return &s }

// Int returns a pointer to n, for optional integer parameters:
// Limit: clerk.Int(100).
func Int(n int) *int { return &n }

// Int64 returns a pointer to n, for optional 64-bit integer parameters.
func Int64(n int64) *int64 { return &n }

// Bool returns a pointer to b, for optional boolean parameters, where false
// must be sent: Banned: clerk.Bool(false).
func Bool(b bool) *bool { return &b }
