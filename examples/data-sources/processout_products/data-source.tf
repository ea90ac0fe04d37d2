terraform {
  required_providers {
    processout = {
      source  = "processout/processout"
      version = "~> 1.0"
    }
  }
}

# Every product of the project, including those made in the dashboard.
data "processout_products" "all" {}

# The memberships sold in euros.
data "processout_products" "euro_memberships" {
  name_contains = "membership"
  currency      = "EUR"
}

output "payment_links" {
  value = { for p in data.processout_products.all.products : p.name => p.url }
}

output "euro_membership_prices" {
  value = [for p in data.processout_products.euro_memberships.products : "${p.name}: ${p.amount}"]
}
