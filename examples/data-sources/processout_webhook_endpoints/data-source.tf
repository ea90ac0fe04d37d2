terraform {
  required_providers {
    processout = {
      source  = "processout/processout"
      version = "~> 1.0"
    }
  }
}

# Webhook endpoints pointing at the payments service, including any added in
# the dashboard.
data "processout_webhook_endpoints" "payments" {
  url_contains = "payments.example.com"
}

output "payments_webhooks" {
  value = {
    for w in data.processout_webhook_endpoints.payments.webhook_endpoints :
    w.url => w.events_whitelist == null ? ["(all events)"] : tolist(w.events_whitelist)
  }
}
