// Package membrane is the Membrane API (membranehq) as far as the provider
// needs it: bearer tokens (given, or minted from workspace credentials),
// connections, the connection proxy and action runs. Its transports carry
// ProcessOut operations through a Membrane connection.
package membrane
