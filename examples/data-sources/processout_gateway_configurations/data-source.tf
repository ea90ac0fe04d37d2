terraform {
  required_providers {
    processout = {
      source  = "processout/processout"
      version = "~> 1.0"
    }
  }
}

# Every enabled Stripe configuration of the project.
data "processout_gateway_configurations" "stripe" {
  gateway_name = "stripe"
  enabled      = true
}

output "stripe_configurations" {
  value = { for c in data.processout_gateway_configurations.stripe.gateway_configurations : c.id => c.name }
}

# Configurations someone disabled, to review them.
data "processout_gateway_configurations" "disabled" {
  enabled = false
}

output "disabled_configurations" {
  value = [for c in data.processout_gateway_configurations.disabled.gateway_configurations : "${c.gateway_name}: ${coalesce(c.name, c.id)}"]
}
