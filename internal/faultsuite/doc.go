// Package faultsuite holds the fault suite (`make faults`): the provider,
// served in-process with its real code, applies, plans, updates and destroys
// hundreds of objects (a supervised project, the connected project's SFTP
// settings, products, webhook endpoints and gateway configurations) through
// the real OpenTofu CLI while the emulator
// injects transient failures, and the suite checks that nothing is
// duplicated, lost or left behind. It also holds the rate-limit pacing run
// and the cancellation test of the full client stack.
//
// Everything is in the _test.go files; this file only names the package.
package faultsuite
