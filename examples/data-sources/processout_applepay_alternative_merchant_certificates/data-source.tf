terraform {
  required_providers {
    processout = {
      source  = "processout/processout"
      version = "~> 1.0"
    }
  }
}

# Every alternative merchant certificate of the project, including those
# made in the dashboard.
data "processout_applepay_alternative_merchant_certificates" "all" {}

output "merchant_certificate_ids" {
  value = [for c in data.processout_applepay_alternative_merchant_certificates.all.certificates : c.id]
}

# One import block per certificate, for `plan -generate-config-out`:
#   tofu output -raw applepay_import_blocks > ../adopt/applepay-imports.tf
output "applepay_import_blocks" {
  value = join("\n", [
    for i, c in data.processout_applepay_alternative_merchant_certificates.all.certificates : <<-EOT
      import {
        to = processout_applepay_alternative_merchant_certificate.certificate_${i + 1}
        id = "${c.id}"
      }
    EOT
  ])
}
