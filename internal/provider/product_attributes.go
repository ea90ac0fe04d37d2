package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// productAttributes are a product's values as Terraform holds them: the
// processout_product resource's model embeds them, and they are the state
// of the processout_product data source and one element of
// processout_products.
type productAttributes struct {
	ID        types.String `tfsdk:"id"`
	Name      types.String `tfsdk:"name"`
	Amount    types.String `tfsdk:"amount"`
	Currency  types.String `tfsdk:"currency"`
	Metadata  types.Map    `tfsdk:"metadata"`
	ReturnURL types.String `tfsdk:"return_url"`
	CancelURL types.String `tfsdk:"cancel_url"`
	URL       types.String `tfsdk:"url"`
	Sandbox   types.Bool   `tfsdk:"sandbox"`
	ProjectID types.String `tfsdk:"project_id"`
	CreatedAt types.String `tfsdk:"created_at"`
}

// newProductAttributes converts an API product.
func newProductAttributes(p *processout.Product) productAttributes {
	return productAttributes{
		ID:        types.StringValue(p.ID),
		Name:      types.StringValue(p.Name),
		Amount:    stringOrNull(p.Amount),
		Currency:  stringOrNull(p.Currency),
		Metadata:  stringMapValue(p.Metadata),
		ReturnURL: ptrStringOrNull(p.ReturnURL),
		CancelURL: ptrStringOrNull(p.CancelURL),
		URL:       stringOrNull(p.URL),
		Sandbox:   types.BoolValue(p.Sandbox),
		ProjectID: stringOrNull(p.ProjectID),
		CreatedAt: timeValue(p.CreatedAt),
	}
}

// productDataSourceAttributes is the read-only schema of productAttributes;
// the processout_product data source makes `id` its required argument.
func productDataSourceAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":         computedString("ID of the product (`prod_…`)."),
		"name":       computedString("Name of the product, shown to the customer."),
		"amount":     computedString("Price, as a decimal string such as `\"19.99\"`, in ProcessOut's spelling."),
		"currency":   computedString("ISO 4217 currency of the price."),
		"metadata":   computedStringMap("Metadata of the product (empty when there is none)."),
		"return_url": computedString("Where the customer is sent after paying, if set."),
		"cancel_url": computedString("Where the customer is sent after cancelling the payment, if set."),
		"url":        computedString("The product's payment link, where customers pay for it."),
		"sandbox":    computedBool("Whether the product belongs to the sandbox."),
		"project_id": computedString("ID of the project the product belongs to."),
		"created_at": computedString("Creation time (RFC 3339)."),
	}
}
