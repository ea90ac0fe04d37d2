terraform {
  required_providers {
    processout = {
      source  = "processout/processout"
      version = "~> 1.0"
    }
  }
}

# Configured from the environment, e.g. MEMBRANE_ACCESS_TOKEN and
# PROCESSOUT_CONNECTION_ID (see the provider documentation).
provider "processout" {}
