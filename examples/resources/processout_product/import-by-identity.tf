# Needs a CLI with resource identity (Terraform 1.12+, OpenTofu 1.12+).
import {
  to = processout_product.gift_card
  identity = {
    id = "prod_0123456789abcdefghijklmnopqrstuv"
  }
}
