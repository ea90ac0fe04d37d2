# Needs a CLI with resource identity (Terraform 1.12+, OpenTofu 1.12+).
import {
  to = processout_plan.silver_monthly
  identity = {
    id = "silver-monthly"
  }
}
