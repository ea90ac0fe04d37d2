terraform {
  required_providers {
    processout = {
      source  = "processout/processout"
      version = "~> 1.0"
    }
  }
}

variable "product_id" {
  type        = string
  description = "ID of a product made in the ProcessOut dashboard (prod_…)."
}

# Read a product made in the dashboard, for instance to put its payment
# link on a landing page.
data "processout_product" "gift_card" {
  id = var.product_id
}

output "gift_card_link" {
  value = data.processout_product.gift_card.url
}

output "gift_card_price" {
  value = "${data.processout_product.gift_card.amount} ${data.processout_product.gift_card.currency}"
}
