//go:build tools

// Package goreleaser pins goreleaser (make release-check), built by the GNUmakefile into $(CACHE_DIR)/bin.
package goreleaser

import _ "github.com/goreleaser/goreleaser/v2"
