# Adopt every gateway configuration, webhook endpoint, supervised project
# and product, and the SFTP settings, with `for_each` import blocks fed by
# the data sources
# (OpenTofu 1.7+, Terraform 1.7+). The CLI cannot generate configuration
# for resources that use for_each, so the resource blocks below take their
# arguments from the same inventory.

data "processout_gateway_configurations" "all" {}

data "processout_webhook_endpoints" "all" {}

data "processout_projects" "supervised" {}

data "processout_project_sftp_settings" "current" {}

data "processout_products" "all" {}

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
  inventory_projects = {
    for p in data.processout_projects.supervised.projects : p.id => {
      name                  = p.name
      default_currency      = p.default_currency
      logo_url              = p.logo_url
      email                 = p.email
      dunning_configuration = length(p.dunning_configuration) > 0 ? p.dunning_configuration : null
      public_metadata       = length(p.public_metadata) > 0 ? p.public_metadata : null
    }
  }
  # A project has at most one SFTP settings object, keyed by the project's ID.
  inventory_sftp_settings = data.processout_project_sftp_settings.current.configured ? {
    (data.processout_project_sftp_settings.current.id) = {
      endpoint = data.processout_project_sftp_settings.current.endpoint
      username = data.processout_project_sftp_settings.current.username
    }
  } : {}

  inventory_products = {
    for p in data.processout_products.all.products : p.id => {
      name       = p.name
      amount     = p.amount
      currency   = p.currency
      metadata   = length(p.metadata) > 0 ? p.metadata : null
      return_url = p.return_url
      cancel_url = p.cancel_url
    }
  }

  # What Terraform adopts: filter here to leave objects alone, e.g.
  # { for id, c in local.inventory_gateway_configurations : id => c if c.enabled }.
  # Once adopted, an object left out is destroyed.
  adopted_gateway_configurations = local.inventory_gateway_configurations
  adopted_webhook_endpoints      = local.inventory_webhook_endpoints
  adopted_products               = local.inventory_products
  # A supervised project is destroyed only with its private key: without
  # one, a plan that leaves an adopted project out fails instead.
  adopted_projects = local.inventory_projects
  # Once adopted, SFTP settings left out are deleted: exports stop.
  adopted_sftp_settings = local.inventory_sftp_settings
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

import {
  for_each = local.adopted_products
  to       = processout_product.adopted[each.key]
  id       = each.key
}

resource "processout_product" "adopted" {
  for_each = local.adopted_products

  name       = each.value.name
  amount     = each.value.amount
  currency   = each.value.currency
  metadata   = each.value.metadata
  return_url = each.value.return_url
  cancel_url = each.value.cancel_url
}

import {
  for_each = local.adopted_projects
  to       = processout_project.adopted[each.key]
  id       = each.key
}

resource "processout_project" "adopted" {
  for_each = local.adopted_projects

  name                  = each.value.name
  default_currency      = each.value.default_currency
  logo_url              = each.value.logo_url
  email                 = each.value.email
  dunning_configuration = each.value.dunning_configuration
  public_metadata       = each.value.public_metadata

  # ProcessOut returns a project's private key only when it creates the
  # project: no list carries it. The provider updates or destroys a
  # supervised project only authenticated as that project, so give the key
  # (by project ID, in var.project_private_keys) of each project Terraform
  # is to change; the others are read and imported all the same.
  private_key = lookup(var.project_private_keys, each.key, null)
}

import {
  for_each = local.adopted_sftp_settings
  to       = processout_project_sftp_settings.adopted[each.key]
  id       = each.key
}

resource "processout_project_sftp_settings" "adopted" {
  for_each = local.adopted_sftp_settings

  endpoint = each.value.endpoint
  username = each.value.username

  # ProcessOut never returns the password: give it in var.sftp_password to
  # manage it. Until then the settings are imported and read all the same;
  # a change of endpoint or username needs it (ProcessOut's PUT replaces the
  # settings whole).
  password_wo         = var.sftp_password
  password_wo_version = nonsensitive(var.sftp_password != null) ? var.sftp_password_version : null
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

variable "project_private_keys" {
  description = "Private keys of the supervised projects, by project ID, kept from their creation: { \"proj_…\" = \"key_…\" }."
  type        = map(string)
  sensitive   = true
  default     = {}
}

variable "sftp_password" {
  description = "The password of the SFTP settings, if Terraform is to manage it (null: left as set in the dashboard)."
  type        = string
  sensitive   = true
  default     = null
}

variable "sftp_password_version" {
  description = "Bump it to send var.sftp_password again, after a rotation."
  type        = number
  default     = 1
}
