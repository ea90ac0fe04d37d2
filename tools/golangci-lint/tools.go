//go:build tools

// Package golangcilint pins golangci-lint (make lint), built by the GNUmakefile into $(CACHE_DIR)/bin.
package golangcilint

import _ "github.com/golangci/golangci-lint/v2/cmd/golangci-lint"
