# Needs a CLI with resource identity (Terraform 1.12+, OpenTofu 1.12+).
import {
  to = processout_applepay_alternative_merchant_certificate.web
  identity = {
    id = "amc_0123456789abcdefghijklmnopqrstuv"
  }
}
