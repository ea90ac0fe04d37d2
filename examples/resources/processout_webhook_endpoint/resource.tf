terraform {
  required_providers {
    processout = {
      source  = "processout/processout"
      version = "~> 1.0"
    }
  }
}

locals {
  environments = {
    staging    = "https://staging.payments.example.com/processout/webhooks"
    production = "https://payments.example.com/processout/webhooks"
  }
}

# One endpoint per environment, each receiving the payment lifecycle events.
resource "processout_webhook_endpoint" "payments" {
  for_each = local.environments

  url = each.value
  events_whitelist = [
    "transaction.authorized",
    "transaction.captured",
    "transaction.failed",
    "transaction.refunded",
  ]
}

# An endpoint that receives every event. Its create and delete give up
# after five minutes (the default is 20m), retries included.
resource "processout_webhook_endpoint" "audit" {
  url = "https://audit.example.com/processout"

  timeouts = {
    create = "5m"
    delete = "5m"
  }
}
