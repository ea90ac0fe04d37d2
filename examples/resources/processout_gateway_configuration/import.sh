# A gateway configuration is imported by its ID. Credentials cannot be read
# back: after the import, the first apply sends the configured settings_wo once.
terraform import processout_gateway_configuration.stripe_eu gway_conf_0123456789abcdefghijklmnopqrstuv
