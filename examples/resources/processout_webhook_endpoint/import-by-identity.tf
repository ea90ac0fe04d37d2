# Needs a CLI with resource identity (Terraform 1.12+, OpenTofu 1.12+).
import {
  to = processout_webhook_endpoint.audit
  identity = {
    id = "whe_0123456789abcdefghijklmnopqrstuv"
  }
}
