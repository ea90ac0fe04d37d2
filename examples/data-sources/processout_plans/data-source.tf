terraform {
  required_providers {
    processout = {
      source  = "processout/processout"
      version = "~> 1.0"
    }
  }
}

# Inventory of the plans set up in the dashboard: one import block per plan,
# named after its ID, for `plan -generate-config-out`.
#
#   tofu apply                                  # reads only; creates nothing
#   tofu output -raw import_blocks > imports.tf
data "processout_plans" "all" {}

output "import_blocks" {
  value = join("\n", [
    for p in data.processout_plans.all.plans : <<-EOT
      # ${p.name}: ${p.amount} ${p.currency} every ${p.interval}
      import {
        to = processout_plan.${format(can(regex("^[0-9]", p.id)) ? "_%s" : "%s", replace(lower(p.id), "/[^a-z0-9_]+/", "_"))}
        id = "${p.id}"
      }
    EOT
  ])
}
