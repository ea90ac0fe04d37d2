terraform {
  required_providers {
    processout = {
      source  = "processout/processout"
      version = "~> 1.0"
    }
  }
}

# The private key ProcessOut logs in with, encoded in base64, for example
# TF_VAR_sftp_private_key="$(base64 -w0 ~/.ssh/processout_exports)".
# Ephemeral: a saved plan does not store it; give it again to `apply tfplan`.
variable "sftp_private_key" {
  type      = string
  sensitive = true
  ephemeral = true
}

# The server ProcessOut pushes the connected project's payout exports to.
# The key is write-only: sent to ProcessOut with every save, never stored in
# state. Bump private_key_wo_version after rotating the key to send the new
# one.
resource "processout_project_sftp_settings" "payout_exports" {
  endpoint = "sftp.example.com:22"
  username = "processout-payouts"

  private_key_wo         = var.sftp_private_key
  private_key_wo_version = 1
}
