terraform {
  required_providers {
    processout = {
      source  = "processout/processout"
      version = "~> 1.0"
    }
  }
}

# Where the connected project's payout exports go, if anywhere.
data "processout_project_sftp_settings" "current" {}

output "payout_exports" {
  value = (data.processout_project_sftp_settings.current.configured ?
    "sftp://${data.processout_project_sftp_settings.current.username}@${data.processout_project_sftp_settings.current.endpoint}" :
  "not configured")
}
