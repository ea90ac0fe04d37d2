package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// credentialValues is the validator of settings and settings_wo: every
// credential given has a value. ProcessOut would refuse an empty one only at
// apply, and name it settings.<key> whichever attribute held it.
type credentialValues struct{}

func (credentialValues) Description(context.Context) string {
	return "every credential has a non-empty value"
}

func (v credentialValues) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (credentialValues) ValidateMap(_ context.Context, req validator.MapRequest, resp *validator.MapResponse) {
	checkCredentialValues(req.Path, req.ConfigValue, &resp.Diagnostics)
}

// checkCredentialValues reports each credential of m (at attr) that is null
// or empty, at its own path (settings_wo["secret_key"]). Values not known
// yet pass: the create or update checks them again once they are.
func checkCredentialValues(attr path.Path, m types.Map, diags *diag.Diagnostics) {
	if m.IsNull() || m.IsUnknown() {
		return
	}
	elems := m.Elements()
	keys := make([]string, 0, len(elems))
	for k := range elems {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		s, ok := elems[k].(types.String)
		if !ok || s.IsUnknown() || (!s.IsNull() && strings.TrimSpace(s.ValueString()) != "") {
			continue
		}
		what := "empty"
		switch {
		case s.IsNull():
			what = "null"
		case s.ValueString() != "":
			what = "blank (only white space)"
		}
		at := attr.AtMapKey(k)
		diags.AddAttributeError(at, "Empty gateway credential",
			fmt.Sprintf("%s is %s. Give it the %s credential's value (from a variable or your secret store), "+
				"or leave the key out if the gateway does not need it (see required_settings and optional_settings of the processout_gateway data source).", at, what, k))
	}
}
