terraform {
  required_providers {
    processout = {
      source = "hashicorp/processout"
    }
  }
}

# Configured from the environment, e.g. MEMBRANE_ACCESS_TOKEN and
# PROCESSOUT_CONNECTION_ID (see the provider documentation).
provider "processout" {}
