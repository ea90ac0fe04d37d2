terraform {
  required_providers {
    processout = {
      source  = "processout/processout"
      version = "~> 1.0"
    }
  }
}

locals {
  # One payment link per plan the storefront sells.
  memberships = {
    monthly = { name = "Monthly membership", amount = "12.50" }
    annual  = { name = "Annual membership", amount = "119.90" }
  }
}

resource "processout_product" "membership" {
  for_each = local.memberships

  name     = each.value.name
  amount   = each.value.amount
  currency = "EUR"
  metadata = { plan = each.key }

  return_url = "https://shop.example.com/membership/thanks"
  cancel_url = "https://shop.example.com/membership"
}

# A one-off product; every argument can be changed in place later, the
# product and its payment link stay.
resource "processout_product" "gift_card" {
  name     = "Gift card"
  amount   = "50"
  currency = "USD"
}

output "payment_links" {
  value = merge(
    { for plan, p in processout_product.membership : plan => p.url },
    { gift_card = processout_product.gift_card.url },
  )
}
