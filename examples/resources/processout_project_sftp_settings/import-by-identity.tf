# Needs a CLI with resource identity (Terraform 1.12+, OpenTofu 1.12+).
import {
  to = processout_project_sftp_settings.payout_exports
  identity = {
    id = "proj_0123456789abcdefghijklmnopqrstuv"
  }
}
