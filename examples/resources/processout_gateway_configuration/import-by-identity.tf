# Needs a CLI with resource identity (Terraform 1.12+, OpenTofu 1.12+).
import {
  to = processout_gateway_configuration.stripe_eu
  identity = {
    id = "gway_conf_0123456789abcdefghijklmnopqrstuv"
  }
}
