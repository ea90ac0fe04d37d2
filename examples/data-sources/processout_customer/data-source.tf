terraform {
  required_providers {
    processout = {
      source  = "processout/processout"
      version = "~> 1.0"
    }
  }
}

variable "customer_id" {
  type        = string
  description = "ID of a customer, such as one printed by the checkout service's logs."
}

# Read one customer by ID.
data "processout_customer" "vip" {
  id = var.customer_id
}

output "vip_contact" {
  value = {
    email   = data.processout_customer.vip.email
    country = data.processout_customer.vip.country_code
    tier    = lookup(data.processout_customer.vip.metadata, "tier", "none")
  }
}
