# Adopt every gateway configuration and webhook endpoint with `for_each`
# import blocks fed by the list data sources (OpenTofu 1.7+, Terraform
# 1.7+). The CLI cannot generate configuration for resources that use
# for_each, so the resource blocks below take their arguments from the
# same inventory.

data "processout_gateway_configurations" "all" {}

data "processout_webhook_endpoints" "all" {}

locals {
  # Everything the project holds, by ID, as the resources' arguments. The
  # list data sources give {} and [] where the resources read null (nothing
  # set), hence the length() tests: the plan then shows no change.
  inventory_gateway_configurations = {
    for c in data.processout_gateway_configurations.all.gateway_configurations : c.id => {
      gateway_name         = c.gateway_name
      name                 = c.name
      enabled              = c.enabled
      default_currency     = c.default_currency
      processing_region    = c.processing_region
      metadata             = length(c.metadata) > 0 ? c.metadata : null
      sub_accounts_enabled = length(c.sub_accounts_enabled) > 0 ? toset(c.sub_accounts_enabled) : null
    }
  }
  inventory_webhook_endpoints = {
    for e in data.processout_webhook_endpoints.all.webhook_endpoints : e.id => {
      url              = e.url
      events_whitelist = e.events_whitelist
    }
  }

  # What Terraform adopts: filter here to leave objects alone, e.g.
  # { for id, c in local.inventory_gateway_configurations : id => c if c.enabled }.
  # Once adopted, an object left out is destroyed.
  adopted_gateway_configurations = local.inventory_gateway_configurations
  adopted_webhook_endpoints      = local.inventory_webhook_endpoints
}

import {
  for_each = local.adopted_gateway_configurations
  to       = processout_gateway_configuration.adopted[each.key]
  id       = each.key
}

import {
  for_each = local.adopted_webhook_endpoints
  to       = processout_webhook_endpoint.adopted[each.key]
  id       = each.key
}

resource "processout_gateway_configuration" "adopted" {
  for_each = local.adopted_gateway_configurations

  gateway_name         = each.value.gateway_name
  name                 = each.value.name
  enabled              = each.value.enabled
  default_currency     = each.value.default_currency
  processing_region    = each.value.processing_region
  metadata             = each.value.metadata
  sub_accounts_enabled = each.value.sub_accounts_enabled

  # ProcessOut never returns credentials: give them by ID in
  # var.gateway_credentials. They are sent once, by the first apply, and
  # never stored (write-only; OpenTofu and Terraform 1.11+).
  settings_wo         = lookup(var.gateway_credentials, each.key, null)
  settings_wo_version = contains(nonsensitive(keys(var.gateway_credentials)), each.key) ? var.gateway_credentials_version : null
}

resource "processout_webhook_endpoint" "adopted" {
  for_each = local.adopted_webhook_endpoints

  url              = each.value.url
  events_whitelist = each.value.events_whitelist
}

variable "gateway_credentials" {
  description = "Gateway credentials by gateway configuration ID, such as { \"gway_conf_…\" = { secret_key = \"…\", public_key = \"…\" } }."
  type        = map(map(string))
  sensitive   = true
  default     = {}
}

variable "gateway_credentials_version" {
  description = "Bump it to send var.gateway_credentials again, after a rotation."
  type        = number
  default     = 1
}
