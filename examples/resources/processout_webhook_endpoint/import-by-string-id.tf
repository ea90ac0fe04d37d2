import {
  to = processout_webhook_endpoint.audit
  id = "whe_0123456789abcdefghijklmnopqrstuv"
}
