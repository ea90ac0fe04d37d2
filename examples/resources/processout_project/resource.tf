terraform {
  required_providers {
    processout = {
      source  = "processout/processout"
      version = "~> 1.0"
    }
  }
}

# A project for the European business, supervised by the connected project.
resource "processout_project" "europe" {
  name             = "Payments Europe"
  default_currency = "EUR"
  email            = "payments-eu@example.com"

  # Retry after 3 and 7 days, then cancel the subscription.
  dunning_configuration = [
    { action = "retry", delay_in_days = 3 },
    { action = "retry", delay_in_days = 7 },
    { action = "cancel", delay_in_days = 0 },
  ]

  public_metadata = {
    region = "eu"
  }
}

# The project's secret key is only known from its creation: hand it to the
# team's secret store rather than an output.
output "europe_project_id" {
  value = processout_project.europe.id
}
