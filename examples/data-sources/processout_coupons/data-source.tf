terraform {
  required_providers {
    processout = {
      source  = "processout/processout"
      version = "~> 1.0"
    }
  }
}

# Inventory of the coupons set up in the dashboard: one import block per
# coupon, named after its ID, for `plan -generate-config-out`.
data "processout_coupons" "all" {}

output "import_blocks" {
  value = join("\n", [
    for c in data.processout_coupons.all.coupons : <<-EOT
      # ${c.percent_off != null ? "${c.percent_off}%" : "${c.amount_off} ${c.currency}"} off
      import {
        to = processout_coupon.${format(can(regex("^[0-9]", c.id)) ? "_%s" : "%s", replace(lower(c.id), "/[^a-z0-9_]+/", "_"))}
        id = "${c.id}"
      }
    EOT
  ])
}
