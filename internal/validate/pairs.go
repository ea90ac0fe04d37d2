package validate

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/helpers/validatordiag"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
)

// The validators below are those of terraform-plugin-framework-validators
// (ConflictsWith, AlsoRequires, resourcevalidator.PreferWriteOnlyAttribute)
// for another top-level attribute, with the same diagnostics and
// descriptions, but they read that attribute directly. Theirs match
// path.MatchRoot(name) against every value of the configuration
// (tfsdk.Config.PathMatches), and each step of each match copies the
// schema's attribute map: about a tenth of the provider's CPU in a plan of
// gateway configurations (BENCHMARKS.md, "Provider CPU per object").

// RootPair checks another top-level attribute when the attribute it
// validates is set.
type RootPair struct {
	other    string
	requires bool // AlsoRequires; otherwise ConflictsWith
	// description is made once: the framework asks for it on every
	// validation, to log it.
	description string
}

var (
	_ validator.Map    = RootPair{}
	_ validator.Int64  = RootPair{}
	_ validator.String = RootPair{}
)

// AlsoRequiresRoot is AlsoRequires(path.MatchRoot(name)).
func AlsoRequiresRoot(name string) RootPair {
	return RootPair{other: name, requires: true, description: fmt.Sprintf(
		"Ensure that if an attribute is set, also these are set: %q", path.Expressions{path.MatchRoot(name)})}
}

// ConflictsWithRoot is ConflictsWith(path.MatchRoot(name)).
func ConflictsWithRoot(name string) RootPair {
	return RootPair{other: name, description: fmt.Sprintf(
		"Ensure that if an attribute is set, these are not set: %q", path.Expressions{path.MatchRoot(name)})}
}

// Description implements validator.Describer.
func (v RootPair) Description(context.Context) string { return v.description }

// MarkdownDescription implements validator.Describer.
func (v RootPair) MarkdownDescription(context.Context) string { return v.description }

func (v RootPair) check(ctx context.Context, config tfsdk.Config, value attr.Value, at path.Path, diags *diag.Diagnostics) {
	if value.IsNull() || value.IsUnknown() {
		return
	}
	other := path.Root(v.other)
	if other.Equal(at) {
		return
	}
	var otherValue attr.Value
	d := config.GetAttribute(ctx, other, &otherValue)
	diags.Append(d...)
	if d.HasError() || otherValue.IsUnknown() {
		return
	}
	switch {
	case v.requires && otherValue.IsNull():
		diags.Append(validatordiag.InvalidAttributeCombinationDiagnostic(at,
			fmt.Sprintf("Attribute %q must be specified when %q is specified", other, at)))
	case !v.requires && !otherValue.IsNull():
		diags.Append(validatordiag.InvalidAttributeCombinationDiagnostic(at,
			fmt.Sprintf("Attribute %q cannot be specified when %q is specified", other, at)))
	}
}

// ValidateMap implements validator.Map.
func (v RootPair) ValidateMap(ctx context.Context, req validator.MapRequest, resp *validator.MapResponse) {
	v.check(ctx, req.Config, req.ConfigValue, req.Path, &resp.Diagnostics)
}

// ValidateInt64 implements validator.Int64.
func (v RootPair) ValidateInt64(ctx context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	v.check(ctx, req.Config, req.ConfigValue, req.Path, &resp.Diagnostics)
}

// ValidateString implements validator.String.
func (v RootPair) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	v.check(ctx, req.Config, req.ConfigValue, req.Path, &resp.Diagnostics)
}

// PreferWriteOnlyRoot is resourcevalidator.PreferWriteOnlyAttribute for
// two top-level attributes: on CLIs that support write-only attributes, a
// warning on old when it is set.
func PreferWriteOnlyRoot(old, writeOnly string) resource.ConfigValidator {
	return preferWriteOnlyRoot{old: old, writeOnly: writeOnly, description: fmt.Sprintf(
		"The write-only attribute %s should be preferred over the regular attribute %s", path.MatchRoot(writeOnly), path.MatchRoot(old))}
}

type preferWriteOnlyRoot struct{ old, writeOnly, description string }

// Description implements resource.ConfigValidator.
func (v preferWriteOnlyRoot) Description(context.Context) string { return v.description }

// MarkdownDescription implements resource.ConfigValidator.
func (v preferWriteOnlyRoot) MarkdownDescription(context.Context) string { return v.description }

// ValidateResource implements resource.ConfigValidator.
func (v preferWriteOnlyRoot) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	if !req.ClientCapabilities.WriteOnlyAttributesAllowed {
		return
	}
	old := path.Root(v.old)
	var value attr.Value
	d := req.Config.GetAttribute(ctx, old, &value)
	resp.Diagnostics.Append(d...)
	if d.HasError() || value.IsUnknown() || value.IsNull() {
		return
	}
	resp.Diagnostics.AddAttributeWarning(old, "Available Write-Only Attribute Alternative",
		fmt.Sprintf("The attribute has a WriteOnly version %s available. "+
			"Use the WriteOnly version of the attribute when possible.", path.MatchRoot(v.writeOnly).String()))
}
