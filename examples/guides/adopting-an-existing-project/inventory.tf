# Inventory of a ProcessOut project set up by hand: the list data sources
# read every gateway configuration (disabled ones included), webhook
# endpoint, supervised project and product, processout_project_sftp_settings
# reads the payout exports' SFTP settings (one per project, if any), and the
# `import_blocks` output renders one import block per object, named after
# the object, for `plan -generate-config-out`.
#
#   tofu apply                                  # reads only; creates nothing
#   tofu output -raw import_blocks > ../adopt/imports.tf

data "processout_gateway_configurations" "all" {}

data "processout_webhook_endpoints" "all" {}

data "processout_projects" "supervised" {}

data "processout_project_sftp_settings" "current" {}

data "processout_products" "all" {}

locals {
  gateway_configurations = data.processout_gateway_configurations.all.gateway_configurations
  webhook_endpoints      = data.processout_webhook_endpoints.all.webhook_endpoints
  supervised_projects    = data.processout_projects.supervised.projects
  products               = data.processout_products.all.products

  # Resource names: the configuration's name (else its gateway), the
  # endpoint's host, the project's or the product's name, in lower case
  # with underscores.
  gateway_configuration_slugs = [
    for c in local.gateway_configurations :
    trim(replace(lower(coalesce(c.name, c.gateway_name)), "/[^a-z0-9]+/", "_"), "_")
  ]
  webhook_endpoint_slugs = [
    for e in local.webhook_endpoints :
    trim(replace(lower(regex("^[A-Za-z]+://([^/:?#]+)", e.url)[0]), "/[^a-z0-9]+/", "_"), "_")
  ]
  supervised_project_slugs = [
    for p in local.supervised_projects :
    trim(replace(lower(p.name), "/[^a-z0-9]+/", "_"), "_")
  ]
  product_slugs = [
    for p in local.products :
    trim(replace(lower(p.name), "/[^a-z0-9]+/", "_"), "_")
  ]

  # A name shared by several objects is numbered; one starting with a
  # digit gets a leading underscore, as resource names must not.
  gateway_configuration_names = [
    for i, s in local.gateway_configuration_slugs : format(
      can(regex("^[0-9]", s)) ? "_%s" : "%s",
      length([for t in local.gateway_configuration_slugs : t if t == s]) > 1 ? "${s}_${i + 1}" : s
    )
  ]
  webhook_endpoint_names = [
    for i, s in local.webhook_endpoint_slugs : format(
      can(regex("^[0-9]", s)) ? "_%s" : "%s",
      length([for t in local.webhook_endpoint_slugs : t if t == s]) > 1 ? "${s}_${i + 1}" : s
    )
  ]
  supervised_project_names = [
    for i, s in local.supervised_project_slugs : format(
      can(regex("^[0-9]", s)) || s == "" ? "_%s" : "%s",
      length([for t in local.supervised_project_slugs : t if t == s]) > 1 ? "${s}_${i + 1}" : s
    )
  ]
  product_names = [
    for i, s in local.product_slugs : format(
      can(regex("^[0-9]", s)) || s == "" ? "_%s" : "%s",
      length([for t in local.product_slugs : t if t == s]) > 1 ? "${s}_${i + 1}" : s
    )
  ]
}

output "import_blocks" {
  description = "One import block per gateway configuration, webhook endpoint, supervised project and product, and one for the SFTP settings if the project has them."
  value = join("\n", concat(
    [for i, c in local.gateway_configurations : <<-EOT
      # ${c.gateway_name}: ${coalesce(c.name, "(no name)")}${c.enabled ? "" : " (disabled)"}
      import {
        to = processout_gateway_configuration.${local.gateway_configuration_names[i]}
        id = "${c.id}"
      }
    EOT
    ],
    [for i, e in local.webhook_endpoints : <<-EOT
      # ${e.url}
      import {
        to = processout_webhook_endpoint.${local.webhook_endpoint_names[i]}
        id = "${e.id}"
      }
    EOT
    ],
    # No private key is listed: the project is read through the connected
    # project, and updating or destroying it takes its private_key.
    [for i, p in local.supervised_projects : <<-EOT
      # supervised project: ${p.name}
      import {
        to = processout_project.${local.supervised_project_names[i]}
        id = "${p.id}"
      }
    EOT
    ],
    [for i, p in local.products : <<-EOT
      # product: ${p.name}, ${p.amount} ${p.currency}
      import {
        to = processout_product.${local.product_names[i]}
        id = "${p.id}"
      }
    EOT
    ],
    # The SFTP settings are imported by their project's ID; their password
    # or key is never returned.
    data.processout_project_sftp_settings.current.configured ? [<<-EOT
      # SFTP settings: payout exports to ${data.processout_project_sftp_settings.current.endpoint}
      import {
        to = processout_project_sftp_settings.payout_exports
        id = "${data.processout_project_sftp_settings.current.id}"
      }
    EOT
    ] : [],
  ))
}
