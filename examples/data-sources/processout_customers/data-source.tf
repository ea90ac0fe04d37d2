terraform {
  required_providers {
    processout = {
      source  = "processout/processout"
      version = "~> 1.0"
    }
  }
}

# Every gold-tier customer created since the start of the year, oldest
# first. The list is read 100 customers at a time and reading stops at
# max_results.
data "processout_customers" "gold" {
  metadata      = { tier = "gold" }
  created_after = "2025-01-01T00:00:00Z"
  order         = "asc"
  max_results   = 1000
}

output "gold_customer_emails" {
  value = [for c in data.processout_customers.gold.customers : c.email if c.email != null]
}

# Look a customer up by the reference of the merchant's own CRM.
data "processout_customers" "by_reference" {
  reference_id = "crm-00042"
  max_results  = 1
}

output "crm_00042_customer_id" {
  value = one(data.processout_customers.by_reference.customers[*].id)
}
