terraform {
  required_providers {
    processout = {
      source  = "processout/processout"
      version = "~> 1.0"
    }
  }
}

# Ephemeral: a saved plan does not store the variable (a sensitive variable
# alone is stored in clear); give it again to `apply tfplan`.
variable "stripe_secret_key" {
  type      = string
  sensitive = true
  ephemeral = true
}

variable "adyen_api_key" {
  type      = string
  sensitive = true
  ephemeral = true
}

# Stripe for card payments in Europe. The credentials are write-only: they
# are sent to ProcessOut but never stored in state. Bump settings_wo_version
# after rotating the key to send the new one.
resource "processout_gateway_configuration" "stripe_eu" {
  gateway_name      = "stripe"
  name              = "Stripe EU"
  default_currency  = "EUR"
  processing_region = "EEA"
  metadata = {
    team = "payments"
  }

  settings_wo = {
    secret_key = var.stripe_secret_key
    public_key = "pk_live_51ExamplePublishableKey"
  }
  settings_wo_version = 1
}

# Adyen as a fallback, kept disabled until the routing rules send traffic to it.
resource "processout_gateway_configuration" "adyen" {
  gateway_name     = "adyen"
  name             = "Adyen fallback"
  enabled          = false
  default_currency = "EUR"

  settings_wo = {
    merchant_account = "ExampleCompanyECOM"
    api_key          = var.adyen_api_key
    client_key       = "live_EXAMPLECLIENTKEY"
  }
  settings_wo_version = 1
}
