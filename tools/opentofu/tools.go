//go:build tools

// Package opentofu pins the OpenTofu CLI used by the acceptance tests.
package opentofu

import _ "github.com/opentofu/opentofu/cmd/tofu"
