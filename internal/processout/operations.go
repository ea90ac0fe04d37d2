package processout

// Operations lists every operation name the client issues. Transports that
// route by name (Membrane actions) validate their configuration against it.
func Operations() []string {
	return []string{
		"customer.create", "customer.delete", "customer.list", "customer.read",
		"gateway.list", "gateway.read",
		"gateway_configuration.create", "gateway_configuration.delete", "gateway_configuration.list",
		"gateway_configuration.read", "gateway_configuration.update",
		"project.create", "project.delete", "project.list", "project.read", "project.update",
		"webhook_endpoint.create", "webhook_endpoint.delete", "webhook_endpoint.list",
		"webhook_endpoint.read", "webhook_endpoint.update",
	}
}
