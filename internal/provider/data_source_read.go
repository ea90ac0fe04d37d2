package provider

import (
	"context"
	"fmt"
	"iter"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// listQuery is the model of a list data source: its configuration (the
// filters) and, once run, what it found.
type listQuery interface {
	// objects names what is listed in diagnostics: "webhook endpoints".
	objects() string
	// run lists the objects, keeps those the filters match and sets them,
	// with the query's id, on the model. A call that fails is its error;
	// diags takes what is wrong with the model's own values.
	run(ctx context.Context, data *providerData, diags *diag.Diagnostics) error
}

// readList is the Read of every list data source: the configuration is
// decoded into query (a pointer to the data source's model), the query runs,
// and the model is saved as the data source's state.
func readList(ctx context.Context, c *dataSourceConfigured, req datasource.ReadRequest, resp *datasource.ReadResponse, query listQuery) {
	resp.Diagnostics.Append(req.Config.Get(ctx, query)...)
	if resp.Diagnostics.HasError() || !c.ready(&resp.Diagnostics) {
		return
	}
	if err := query.run(ctx, c.data, &resp.Diagnostics); err != nil {
		addAPIError(&resp.Diagnostics, "list the "+query.objects(), err, nil)
		return
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, query)...)
}

// collect drains a list: the items match accepts (nil accepts them all),
// converted. With a limit above 0 it stops once that many are kept, which
// stops the list's fetching too.
func collect[T, E any](seq iter.Seq2[T, error], match func(*T) bool, convert func(*T) E, limit int64) ([]E, error) {
	out := []E{}
	for item, err := range seq {
		if err != nil {
			return nil, err
		}
		if match != nil && !match(&item) {
			continue
		}
		out = append(out, convert(&item))
		if limit > 0 && int64(len(out)) >= limit {
			break
		}
	}
	return out, nil
}

// lookup is the Read of the data sources that fetch one object by an
// argument (its id, or a gateway's name) and expose it whole.
type lookup[T, M any] struct {
	key     string // the argument attribute: "id" or "name"
	object  string // names the object in diagnostics: "customer"
	get     func(ctx context.Context, api *processout.Client, key string) (*T, error)
	convert func(*T) M
	// notFound explains a 404: what to check, where to find valid values.
	notFound func(ctx context.Context, data *providerData, key string, err error) string
}

func (l lookup[T, M]) read(ctx context.Context, c *dataSourceConfigured, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var key types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(l.key), &key)...)
	if resp.Diagnostics.HasError() || !c.ready(&resp.Diagnostics) {
		return
	}
	// An object looked up by its key may be just created: read it again
	// before saying there is none (read_settled.go).
	found, err := readSettled(ctx, types.StringNull(), func(ctx context.Context) (*T, error) {
		return l.get(ctx, c.data.api, key.ValueString())
	})
	if processout.IsNotFound(err) {
		resp.Diagnostics.AddAttributeError(path.Root(l.key), "No such "+l.object, l.notFound(ctx, c.data, key.ValueString(), err))
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("read the %s %q", l.object, key.ValueString()), err, nil)
		return
	}
	state := l.convert(found)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
