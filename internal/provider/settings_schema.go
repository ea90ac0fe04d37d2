package provider

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// schemaAttribute is the setting's attribute of the provider schema.
func (s *setting) schemaAttribute() schema.Attribute {
	desc := s.doc
	if s.def != "" {
		desc += " Default `" + s.def + "`."
	}
	if len(s.env) > 0 {
		desc += " Environment: " + envDoc(s) + "."
	}
	rule := settingRule{s}
	switch s.kind {
	case numberSetting:
		a := schema.Int64Attribute{Optional: true, Sensitive: s.sensitive, MarkdownDescription: desc}
		if s.check != nil {
			a.Validators = []validator.Int64{rule}
		}
		return a
	case stringMapSetting:
		return schema.MapAttribute{Optional: true, Sensitive: s.sensitive, ElementType: types.StringType, MarkdownDescription: desc}
	default:
		a := schema.StringAttribute{Optional: true, Sensitive: s.sensitive, MarkdownDescription: desc}
		if s.check != nil {
			a.Validators = []validator.String{rule}
		}
		return a
	}
}

// envDoc is "`A` (or `B`)".
func envDoc(s *setting) string {
	doc := "`" + s.env[0] + "`"
	if len(s.env) > 1 {
		doc += " (or `" + strings.Join(s.env[1:], "`, `") + "`)"
	}
	return doc
}

// providerDescription is the description of the provider block: how the
// environment stands in for the settings, and the table of them, which the
// documentation's Authentication section renders (templates/index.md.tmpl).
func providerDescription() string {
	var b strings.Builder
	b.WriteString("Every setting can come from the environment; a value in the provider block wins over it.\n\n" +
		"| Transport | Settings | Environment |\n|---|---|---|\n")
	type row struct{ settings, env []string }
	var order []string
	rows := map[string]*row{}
	for _, s := range providerSettings {
		if s.row == "" {
			continue
		}
		if rows[s.row] == nil {
			order, rows[s.row] = append(order, s.row), &row{}
		}
		name := "`" + s.attr + "`"
		if s.def != "" {
			name += " (default `" + s.def + "`)"
		}
		r := rows[s.row]
		r.settings, r.env = append(r.settings, name), append(r.env, envDoc(s))
	}
	for _, name := range order {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", name, strings.Join(rows[name].settings, ", "), strings.Join(rows[name].env, ", "))
	}
	return b.String()
}

// settingRule is the schema validator of a setting with a check: the check
// on the block's value, reported at the attribute at validate time.
type settingRule struct{ s *setting }

func (v settingRule) Description(context.Context) string {
	return "a value " + v.s.attr + " accepts (see its description)"
}

func (v settingRule) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v settingRule) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	v.validate(req.ConfigValue, &resp.Diagnostics)
}

func (v settingRule) ValidateInt64(_ context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	v.validate(req.ConfigValue, &resp.Diagnostics)
}

// validate checks a value of the block; an unknown one is checked at
// configure time, and "" stands for unset.
func (v settingRule) validate(value attr.Value, diags *diag.Diagnostics) {
	if s := blockValue(value); s != "" {
		resolved{setting: v.s, value: s, source: v.s.attr}.checked(diags)
	}
}

// blockValue is a string or number of the block as text, "" when null or
// unknown.
func blockValue(v attr.Value) string {
	switch v := v.(type) {
	case types.String:
		return v.ValueString()
	case types.Int64:
		if !v.IsNull() && !v.IsUnknown() {
			return strconv.FormatInt(v.ValueInt64(), 10)
		}
	}
	return ""
}
