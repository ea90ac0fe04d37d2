package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

var (
	_ datasource.DataSource              = &ApplePayCertificatesDataSource{}
	_ datasource.DataSourceWithConfigure = &ApplePayCertificatesDataSource{}
)

// ApplePayCertificatesDataSource lists the project's Apple Pay alternative
// merchant certificates. There is no single-certificate data source: a
// certificate has no attribute but its ID, so reading one would return what
// it was given; a check that one exists is `contains()` on this list.
type ApplePayCertificatesDataSource struct{ dataSourceConfigured }

// ApplePayCertificatesDataSourceModel is the data source's state.
type ApplePayCertificatesDataSourceModel struct {
	ID           types.String                    `tfsdk:"id"`
	Certificates []applePayCertificateAttributes `tfsdk:"certificates"`
}

// applePayCertificateAttributes are one listed certificate: its ID, all
// ProcessOut returns of it.
type applePayCertificateAttributes struct {
	ID types.String `tfsdk:"id"`
}

func newApplePayCertificateAttributes(c *processout.ApplePayCertificate) applePayCertificateAttributes {
	return applePayCertificateAttributes{ID: types.StringValue(c.ID)}
}

// NewApplePayCertificatesDataSource returns the data source.
func NewApplePayCertificatesDataSource() datasource.DataSource {
	return &ApplePayCertificatesDataSource{}
}

// Metadata implements datasource.DataSource.
func (d *ApplePayCertificatesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_applepay_alternative_merchant_certificates"
}

// Schema implements datasource.DataSource.
func (d *ApplePayCertificatesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the project's Apple Pay alternative merchant certificates, oldest first, including those made in the dashboard: " +
			"the inventory from which they are imported as `processout_applepay_alternative_merchant_certificate`.\n\n" +
			"ProcessOut returns nothing of a certificate but its ID: whether its signed certificate was uploaded or activated (in the dashboard) is not listed. " +
			"A certificate made moments ago may not be listed yet when ProcessOut's reads lag its writes.",
		Attributes: map[string]schema.Attribute{
			"id": computedString("Identifier of this query."),
			"certificates": computedObjectList("The certificates, oldest first.", map[string]schema.Attribute{
				"id": computedString("ID of the certificate."),
			}),
		},
	}
}

// Read implements datasource.DataSource.
func (d *ApplePayCertificatesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readList(ctx, &d.dataSourceConfigured, req, resp, &ApplePayCertificatesDataSourceModel{})
}

func (m *ApplePayCertificatesDataSourceModel) objects() string {
	return "Apple Pay alternative merchant certificates"
}

// run lists the certificates. A list that holds fewer than ProcessOut
// counts is kept, with a warning: the inventory may miss some.
func (m *ApplePayCertificatesDataSourceModel) run(ctx context.Context, data *providerData, diags *diag.Diagnostics) error {
	list, err := data.api.ApplePayCertificates(ctx)
	if err != nil {
		return err
	}
	if err := list.Incomplete(""); err != nil {
		diags.AddWarning("The list of Apple Pay alternative merchant certificates is incomplete", err.Error())
	}
	m.Certificates = make([]applePayCertificateAttributes, len(list.Certificates))
	for i := range list.Certificates {
		m.Certificates[i] = newApplePayCertificateAttributes(&list.Certificates[i])
	}
	m.ID = types.StringValue("applepay-alternative-merchant-certificates")
	return nil
}
