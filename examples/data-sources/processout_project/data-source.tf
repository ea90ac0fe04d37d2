terraform {
  required_providers {
    processout = {
      source  = "processout/processout"
      version = "~> 1.0"
    }
  }
}

# The project the provider's credentials (or Membrane connection) belong to.
data "processout_project" "current" {}

output "project" {
  value = {
    id               = data.processout_project.current.id
    name             = data.processout_project.current.name
    sandbox          = data.processout_project.current.sandbox
    default_currency = data.processout_project.current.default_currency
    retry_days       = [for step in data.processout_project.current.dunning_configuration : step.delay_in_days if step.action == "retry"]
  }
}
