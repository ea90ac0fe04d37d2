terraform {
  required_providers {
    processout = {
      source  = "processout/processout"
      version = "~> 1.0"
    }
  }
}

variable "plan_id" {
  type        = string
  description = "ID of a plan set up in the ProcessOut dashboard, such as silver-monthly."
}

# Read a plan made in the dashboard, for instance to link its hosted
# sign-up page from the storefront.
data "processout_plan" "current" {
  id = var.plan_id
}

output "signup_page" {
  value = data.processout_plan.current.url
}

output "price" {
  value = "${data.processout_plan.current.amount} ${data.processout_plan.current.currency} every ${data.processout_plan.current.interval}"
}
