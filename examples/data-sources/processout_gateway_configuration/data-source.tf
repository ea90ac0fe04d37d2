terraform {
  required_providers {
    processout = {
      source  = "processout/processout"
      version = "~> 1.0"
    }
  }
}

variable "stripe_configuration_id" {
  type        = string
  description = "ID of a Stripe configuration set up in the ProcessOut dashboard (gway_conf_…)."
}

# Read a configuration made in the dashboard, for instance to hand its
# public key to the storefront. Its secret settings are never readable.
data "processout_gateway_configuration" "stripe" {
  id = var.stripe_configuration_id
}

output "stripe_publishable_key" {
  value = lookup(data.processout_gateway_configuration.stripe.public_keys, "public_key", null)
}

output "stripe_enabled" {
  value = data.processout_gateway_configuration.stripe.enabled
}
