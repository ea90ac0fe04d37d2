terraform {
  required_providers {
    processout = {
      source  = "processout/processout"
      version = "~> 1.0"
    }
  }
}

# One tier sold monthly, with a free week to try it, and yearly. The IDs are
# chosen here: subscriptions name the plan by them.
resource "processout_plan" "silver_monthly" {
  id           = "silver-monthly"
  name         = "Silver (monthly)"
  amount       = "9.99"
  currency     = "USD"
  interval     = "1m"
  trial_period = "1w"
  return_url   = "https://shop.example.com/subscribed"
  cancel_url   = "https://shop.example.com/pricing"
  metadata     = { tier = "silver" }
}

resource "processout_plan" "silver_yearly" {
  id       = "silver-yearly"
  name     = "Silver (yearly)"
  amount   = "99.00"
  currency = "USD"
  interval = "1y"
  metadata = { tier = "silver" }
}

# ProcessOut's hosted page where a customer subscribes to the monthly plan.
output "silver_monthly_signup_page" {
  value = processout_plan.silver_monthly.url
}
