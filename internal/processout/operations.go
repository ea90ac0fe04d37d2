package processout

// Operations lists every operation name the provider issues: the operations
// of the client methods its resources and data sources call, plan-time
// look-ups included. Transports that route by name (Membrane actions)
// validate their configuration against it, so a name the provider never
// sends is refused rather than accepted and never used.
// TestOperationsAreWhatTheProviderSends (operations_test.go) keeps it exact.
func Operations() []string {
	return []string{
		"applepay_certificate.create", "applepay_certificate.delete", "applepay_certificate.list",
		"coupon.create", "coupon.delete", "coupon.list", "coupon.read", "coupon.update",
		"customer.list", "customer.read",
		"gateway.list", "gateway.read",
		"gateway_configuration.create", "gateway_configuration.delete", "gateway_configuration.list",
		"gateway_configuration.read", "gateway_configuration.update",
		"plan.create", "plan.delete", "plan.list", "plan.read", "plan.update",
		"product.create", "product.delete", "product.list", "product.read", "product.update",
		"project.create", "project.delete", "project.list", "project.read", "project.update",
		"project_sftp_settings.delete", "project_sftp_settings.read", "project_sftp_settings.save",
		"webhook_endpoint.create", "webhook_endpoint.delete", "webhook_endpoint.list",
		"webhook_endpoint.read", "webhook_endpoint.update",
	}
}
