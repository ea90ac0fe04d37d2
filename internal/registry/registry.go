// Package registry names the provider as the registries publish it. Every
// address the code writes (the plugin server's, the test configurations',
// the dev_overrides of the suites) comes from here; the shell scripts carry
// the same value and a test checks they agree.
package registry

const (
	// Namespace is the registry namespace the provider is published under:
	// the owner of github.com/processout/terraform-provider-processout.
	Namespace = "processout"
	// Type is the provider's local name in configurations.
	Type = "processout"
	// Source is the address users write in required_providers.
	Source = Namespace + "/" + Type
	// Address is the fully qualified address the plugin serves under.
	Address = "registry.terraform.io/" + Source
	// VersionConstraint is the constraint the examples and docs write.
	VersionConstraint = "~> 1.0"
)

// Hosts are the registries Source resolves under: Terraform's and
// OpenTofu's defaults. Local overrides name both, so either CLI finds a
// local build.
var Hosts = []string{"registry.opentofu.org", "registry.terraform.io"}

// RequiredProviders is the terraform block that opens every configuration
// the suites write.
func RequiredProviders() string {
	return "terraform {\n  required_providers {\n    processout = {\n      source = \"" + Source + "\"\n    }\n  }\n}\n\n"
}
