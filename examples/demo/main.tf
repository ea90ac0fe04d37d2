# The demo that `make demo` applies against the emulator. The provider is
# configured entirely from the environment the emulator prints
# (MEMBRANE_API_URL, MEMBRANE_ACCESS_TOKEN, PROCESSOUT_CONNECTION_ID).
terraform {
  required_providers {
    processout = {
      source = "hashicorp/processout"
    }
  }
}

provider "processout" {}

locals {
  environments = {
    staging    = "https://staging.payments.example.com/processout/webhooks"
    production = "https://payments.example.com/processout/webhooks"
  }
}

resource "processout_webhook_endpoint" "payments" {
  for_each = local.environments

  url = each.value
  events_whitelist = [
    "transaction.authorized",
    "transaction.captured",
    "transaction.failed",
  ]
}

resource "processout_webhook_endpoint" "audit" {
  url = "https://audit.example.com/processout"
}

output "webhook_endpoints" {
  description = "Webhook endpoint IDs by environment."
  value       = { for env, endpoint in processout_webhook_endpoint.payments : env => endpoint.id }
}

output "audit_endpoint" {
  value = {
    id      = processout_webhook_endpoint.audit.id
    sandbox = processout_webhook_endpoint.audit.sandbox
  }
}
