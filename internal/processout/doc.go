// Package processout is the typed ProcessOut API: models, operations,
// pagination and typed errors. It knows nothing of Terraform and nothing of
// how bytes travel: every call goes through a Transport.
package processout
