import {
  to = processout_gateway_configuration.stripe_eu
  id = "gway_conf_0123456789abcdefghijklmnopqrstuv"
}
