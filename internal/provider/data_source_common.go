package provider

import (
	"context"
	"fmt"
	"iter"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// The data sources report what the API holds: an empty string or a nil
// pointer is an absent value (null, see values.go); maps and lists are empty
// rather than null, so that `length()` and `lookup()` work on them without a
// null check.

// stringListValue maps an API list to a list of strings (empty, never null).
func stringListValue(items []string) types.List {
	return types.ListValueMust(types.StringType, stringValues(items))
}

// parseOptionalTime reads an RFC 3339 attribute already checked by
// validate.RFC3339: nil when it is null.
func parseOptionalTime(v types.String) *time.Time {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, v.ValueString())
	if err != nil {
		return nil
	}
	return &t
}

// optionalBool returns a pointer to the value, nil when it is null.
func optionalBool(v types.Bool) *bool {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	b := v.ValueBool()
	return &b
}

// computedString, computedBool and computedStringMap build the read-only
// attributes every data source schema is made of.
func computedString(description string) schema.StringAttribute {
	return schema.StringAttribute{Computed: true, MarkdownDescription: description}
}

func computedBool(description string) schema.BoolAttribute {
	return schema.BoolAttribute{Computed: true, MarkdownDescription: description}
}

func computedStringMap(description string) schema.MapAttribute {
	return schema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: description}
}

func computedStringList(description string) schema.ListAttribute {
	return schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: description}
}

// computedObjectList is a read-only list of objects with these attributes.
func computedObjectList(description string, attrs map[string]schema.Attribute) schema.ListNestedAttribute {
	return schema.ListNestedAttribute{
		Computed: true, MarkdownDescription: description,
		NestedObject: schema.NestedAttributeObject{Attributes: attrs},
	}
}

// collect drains a list into data source models: the items keep accepts
// (nil keeps them all), converted. With a limit above 0 it stops once that
// many are kept, which stops the list's fetching too.
func collect[T, M any](seq iter.Seq2[T, error], keep func(*T) bool, convert func(*T) M, limit int64) ([]M, error) {
	out := []M{}
	for item, err := range seq {
		if err != nil {
			return nil, err
		}
		if keep != nil && !keep(&item) {
			continue
		}
		out = append(out, convert(&item))
		if limit > 0 && int64(len(out)) >= limit {
			break
		}
	}
	return out, nil
}

// oneObject is the Read of the data sources that fetch one object by an
// argument (its id, or a gateway's name) and expose it whole.
type oneObject[T, M any] struct {
	key     string // the argument attribute: "id" or "name"
	what    string // "customer": names the object in diagnostics
	get     func(*processout.Client, context.Context, string) (*T, error)
	convert func(*T) M
	// notFound explains a 404: what to check, where to find valid values.
	notFound func(ctx context.Context, data *providerData, key string, err error) string
}

func (o oneObject[T, M]) read(ctx context.Context, c *dataSourceConfigured, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var key types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(o.key), &key)...)
	if resp.Diagnostics.HasError() || !c.ready(&resp.Diagnostics) {
		return
	}
	found, err := o.get(c.data.api, ctx, key.ValueString())
	if processout.IsNotFound(err) {
		resp.Diagnostics.AddAttributeError(path.Root(o.key), "No such "+o.what, o.notFound(ctx, c.data, key.ValueString(), err))
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("read the %s %q", o.what, key.ValueString()), err, nil)
		return
	}
	state := o.convert(found)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
