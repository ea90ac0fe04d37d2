terraform {
  required_providers {
    processout = {
      source  = "processout/processout"
      version = "~> 1.0"
    }
  }
}

# The Membrane connection the provider resolved (configured or discovered),
# checked on every plan.
data "processout_membrane_connection" "current" {}

check "processout_connection_ready" {
  assert {
    condition     = data.processout_membrane_connection.current.state == "READY"
    error_message = "The ProcessOut connection ${data.processout_membrane_connection.current.id} is ${data.processout_membrane_connection.current.state}; reconnect it with `membrane connect`."
  }
}

output "processout_connection" {
  value = {
    id        = data.processout_membrane_connection.current.id
    name      = data.processout_membrane_connection.current.name
    connected = data.processout_membrane_connection.current.connected
  }
}
