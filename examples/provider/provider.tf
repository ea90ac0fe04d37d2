terraform {
  required_providers {
    processout = {
      source  = "processout/processout"
      version = "~> 1.0"
    }
  }
}

# Through Membrane: the connection holds the ProcessOut credentials.
# Credentials usually come from the environment:
#   eval "$(membrane credentials --shell)"   # MEMBRANE_WORKSPACE_KEY/SECRET, MEMBRANE_TENANT_KEY
#   export PROCESSOUT_CONNECTION_ID=...       # from `membrane connection list`
provider "processout" {
  connection_id = var.processout_connection_id
}

variable "processout_connection_id" {
  type        = string
  description = "Membrane connection to ProcessOut (null: the tenant's only READY one)."
  default     = null
}

# Without Membrane, straight to ProcessOut with a project's API key:
#
# provider "processout" {
#   project_id     = "test-proj_..."   # or PROCESSOUT_PROJECT_ID
#   project_secret = var.secret        # or PROCESSOUT_PROJECT_SECRET
# }
