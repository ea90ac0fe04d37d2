terraform {
  required_providers {
    processout = {
      source  = "processout/processout"
      version = "~> 1.0"
    }
  }
}

# Wallet gateways that can take subscription payments.
data "processout_gateways" "wallets" {
  tag  = "e-wallet"
  flow = "subscription"
}

output "wallet_gateways" {
  value = { for g in data.processout_gateways.wallets.gateways : g.name => g.display_name }
}

# The settings every gateway of the catalog needs, by name.
data "processout_gateways" "all" {}

output "required_settings_by_gateway" {
  value = { for g in data.processout_gateways.all.gateways : g.name => g.required_settings }
}
