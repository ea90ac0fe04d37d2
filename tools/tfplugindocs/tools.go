//go:build tools

// Package tfplugindocs pins tfplugindocs (make docs), built by the GNUmakefile into $(CACHE_DIR)/bin.
package tfplugindocs

import _ "github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs"
