# Needs a CLI with resource identity (Terraform 1.12+, OpenTofu 1.12+).
import {
  to = processout_coupon.spring
  identity = {
    id = "spring25"
  }
}
