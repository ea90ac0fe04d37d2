terraform {
  required_providers {
    processout = {
      source  = "processout/processout"
      version = "~> 1.0"
    }
  }
}

# A slot for the Apple Pay merchant certificate of the web checkout.
# ProcessOut makes its key pair and CSR; the certificate Apple signs is
# uploaded and activated in the ProcessOut dashboard.
resource "processout_applepay_alternative_merchant_certificate" "web" {}

# Yearly rotation: one slot per generation. Add the new generation, upload
# and activate its certificate in the dashboard, then remove the old one:
# only the removed generation's slot is deleted.
locals {
  merchant_certificate_generations = toset(["2025", "2026"])
}

resource "processout_applepay_alternative_merchant_certificate" "rotating" {
  for_each = local.merchant_certificate_generations

  # Changing a keeper replaces the slot; here each generation keeps its own.
  keepers = {
    generation = each.key
  }
}

output "merchant_certificate_slots" {
  value = { for generation, slot in processout_applepay_alternative_merchant_certificate.rotating : generation => slot.id }
}
