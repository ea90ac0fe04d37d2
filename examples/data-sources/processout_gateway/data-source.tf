terraform {
  required_providers {
    processout = {
      source  = "processout/processout"
      version = "~> 1.0"
    }
  }
}

# What a Stripe configuration needs: the settings keys to provide, and
# which of them ProcessOut will show back as public keys.
data "processout_gateway" "stripe" {
  name = "stripe"
}

output "stripe_required_settings" {
  value = data.processout_gateway.stripe.required_settings # ["secret_key", "public_key"]
}

output "stripe_public_settings" {
  value = data.processout_gateway.stripe.public_settings
}

output "stripe_supports_subscriptions" {
  value = contains(data.processout_gateway.stripe.flows, "subscription")
}
