terraform {
  required_providers {
    processout = {
      source  = "processout/processout"
      version = "~> 1.0"
    }
  }
}

# Every project the connected project supervises, including those created
# in the dashboard. Private keys are never listed.
data "processout_projects" "all" {}

# The marketplace sellers among them.
data "processout_projects" "sellers" {
  name_contains = "seller"
}

output "supervised_projects" {
  value = { for p in data.processout_projects.all.projects : p.id => p.name }
}

output "sellers_without_dunning" {
  value = [for p in data.processout_projects.sellers.projects : p.name if length(p.dunning_configuration) == 0]
}
