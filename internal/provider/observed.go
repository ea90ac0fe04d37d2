package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/provider"

	"github.com/processout/terraform-provider-processout/internal/httpx"
)

// NewObserved is New for a harness that serves the provider in-process (the
// fault suite): every HTTP client the provider builds tells observer of its
// calls and attempts, which is how the harness counts retries.
func NewObserved(version string, observer httpx.Observer) func() provider.Provider {
	return func() provider.Provider { return &ProcessOutProvider{version: version, httpObserver: observer} }
}
