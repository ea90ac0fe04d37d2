terraform {
  required_providers {
    processout = {
      source  = "processout/processout"
      version = "~> 1.0"
    }
  }
}

# A quarter off the first three billing cycles, for the first 500 customers
# who redeem it before the end of June.
resource "processout_coupon" "spring" {
  id              = "spring25"
  percent_off     = 25
  iteration_count = 3
  max_redemptions = 500
  expires_at      = "2030-06-30T23:59:59Z"
  metadata        = { campaign = "spring" }
}

# Five euros off every billing cycle, without limit.
resource "processout_coupon" "welcome" {
  id         = "welcome5"
  amount_off = "5.00"
  currency   = "EUR"
}
