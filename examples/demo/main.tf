# The demo that `make demo` applies against the emulator: what a platform
# team declares for its ProcessOut setup. The provider is configured entirely
# from the environment the emulator prints (MEMBRANE_API_URL,
# MEMBRANE_ACCESS_TOKEN, PROCESSOUT_CONNECTION_ID).
terraform {
  required_providers {
    processout = {
      source  = "processout/processout"
      version = "~> 1.0"
    }
  }
}

provider "processout" {}

# Credentials come from the team's secret store in real life; the emulator
# accepts any value of the right shape.
variable "stripe_secret_key" {
  type      = string
  sensitive = true
  ephemeral = true
  default   = "sk_test_emulator_only"
}

variable "adyen_api_key" {
  type      = string
  sensitive = true
  default   = "AQE_emulator_only"
}

variable "sftp_password" {
  type      = string
  sensitive = true
  ephemeral = true
  default   = "sftp_emulator_only"
}

locals {
  environments = {
    staging    = "https://staging.payments.example.com/processout/webhooks"
    production = "https://payments.example.com/processout/webhooks"
  }
}

data "processout_membrane_connection" "current" {}

# The catalog says what each gateway needs, so a typo fails at plan time.
data "processout_gateway" "stripe" {
  name = "stripe"
}

resource "processout_gateway_configuration" "stripe" {
  gateway_name      = data.processout_gateway.stripe.name
  name              = "Stripe EU"
  default_currency  = "EUR"
  processing_region = "EEA"
  metadata          = { team = "payments" }

  # Write-only: sent to ProcessOut, never stored in state (the variable is
  # ephemeral, so a saved plan does not store it either).
  settings_wo = {
    secret_key = var.stripe_secret_key
    public_key = "pk_test_emulator_publishable"
  }
  settings_wo_version = 1
}

resource "processout_gateway_configuration" "adyen" {
  gateway_name     = "adyen"
  name             = "Adyen fallback"
  enabled          = false
  default_currency = "EUR"

  settings_wo = {
    merchant_account = "ExampleCompanyECOM"
    api_key          = var.adyen_api_key
    client_key       = "test_EMULATORCLIENTKEY"
  }
  settings_wo_version = 1
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

resource "processout_project" "europe" {
  name             = "Payments Europe"
  default_currency = "EUR"
  dunning_configuration = [
    { action = "retry", delay_in_days = 3 },
    { action = "cancel", delay_in_days = 0 },
  ]
}

# Where ProcessOut pushes the payout exports (reconciliation files). The
# password is write-only, and sent with every save: ProcessOut's PUT
# replaces the settings whole.
resource "processout_project_sftp_settings" "payout_exports" {
  endpoint            = "sftp.payments.example.com:22"
  username            = "processout-payouts"
  password_wo         = var.sftp_password
  password_wo_version = 1
}

# A payment link the storefront sells memberships with.
resource "processout_product" "membership" {
  name       = "Annual membership"
  amount     = "119.90"
  currency   = "EUR"
  metadata   = { plan = "annual" }
  return_url = "https://shop.example.com/membership/thanks"
}

data "processout_customers" "gold" {
  metadata    = { tier = "gold" }
  max_results = 5
  order       = "asc"
}

output "connection" {
  value = "${data.processout_membrane_connection.current.name} (${data.processout_membrane_connection.current.state})"
}

output "gateways" {
  value = {
    stripe = { id = processout_gateway_configuration.stripe.id, public_keys = processout_gateway_configuration.stripe.public_keys }
    adyen  = { id = processout_gateway_configuration.adyen.id, enabled = processout_gateway_configuration.adyen.enabled }
  }
}

output "webhook_endpoints" {
  description = "Webhook endpoint IDs by environment."
  value       = { for env, endpoint in processout_webhook_endpoint.payments : env => endpoint.id }
}

output "supervised_project" {
  value = processout_project.europe.id
}

output "payout_exports" {
  value = "sftp://${processout_project_sftp_settings.payout_exports.username}@${processout_project_sftp_settings.payout_exports.endpoint}"
}

output "membership_product_id" {
  value = processout_product.membership.id
}

output "membership_payment_link" {
  description = "Where customers pay for the membership."
  value       = processout_product.membership.url
}

output "gold_customers" {
  value = [for c in data.processout_customers.gold.customers : c.email]
}
