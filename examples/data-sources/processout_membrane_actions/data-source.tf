terraform {
  required_providers {
    processout = {
      source  = "processout/processout"
      version = "~> 1.0"
    }
  }
}

# Find the action keys to route operations through (the provider's
# membrane_actions setting), as `membrane action list --intent` would.
data "processout_membrane_actions" "customers" {
  intent = "list customers"
}

output "customer_action_keys" {
  value = [for a in data.processout_membrane_actions.customers.actions : a.key]
}
