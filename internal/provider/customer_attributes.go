package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// customerAttributes are a customer's values as Terraform holds them: the
// state of the processout_customer data source and one element of
// processout_customers.
type customerAttributes struct {
	ID             types.String `tfsdk:"id"`
	ProjectID      types.String `tfsdk:"project_id"`
	DefaultTokenID types.String `tfsdk:"default_token_id"`
	Balance        types.String `tfsdk:"balance"`
	Currency       types.String `tfsdk:"currency"`
	Email          types.String `tfsdk:"email"`
	FirstName      types.String `tfsdk:"first_name"`
	LastName       types.String `tfsdk:"last_name"`
	CompanyName    types.String `tfsdk:"company_name"`
	Address1       types.String `tfsdk:"address1"`
	Address2       types.String `tfsdk:"address2"`
	City           types.String `tfsdk:"city"`
	State          types.String `tfsdk:"state"`
	Zip            types.String `tfsdk:"zip"`
	CountryCode    types.String `tfsdk:"country_code"`
	IPAddress      types.String `tfsdk:"ip_address"`
	PhoneNumber    types.String `tfsdk:"phone_number"`
	Phone          *phoneModel  `tfsdk:"phone"`
	LegalDocument  types.String `tfsdk:"legal_document"`
	Sex            types.String `tfsdk:"sex"`
	IsBusiness     types.Bool   `tfsdk:"is_business"`
	DateOfBirth    types.String `tfsdk:"date_of_birth"`
	RegisteredAt   types.String `tfsdk:"registered_at"`
	Metadata       types.Map    `tfsdk:"metadata"`
	ReferenceID    types.String `tfsdk:"reference_id"`
	Sandbox        types.Bool   `tfsdk:"sandbox"`
	CreatedAt      types.String `tfsdk:"created_at"`
}

// phoneModel is a customer's phone number split as ProcessOut stores it.
type phoneModel struct {
	Number      types.String `tfsdk:"number"`
	DialingCode types.String `tfsdk:"dialing_code"`
}

// newCustomerAttributes converts an API customer.
func newCustomerAttributes(c *processout.Customer) customerAttributes {
	m := customerAttributes{
		ID:             types.StringValue(c.ID),
		ProjectID:      stringOrNull(c.ProjectID),
		DefaultTokenID: ptrStringOrNull(c.DefaultTokenID),
		Balance:        stringOrNull(c.Balance),
		Currency:       ptrStringOrNull(c.Currency),
		Email:          stringOrNull(c.Email),
		FirstName:      stringOrNull(c.FirstName),
		LastName:       stringOrNull(c.LastName),
		CompanyName:    stringOrNull(c.CompanyName),
		Address1:       stringOrNull(c.Address1),
		Address2:       stringOrNull(c.Address2),
		City:           stringOrNull(c.City),
		State:          stringOrNull(c.State),
		Zip:            stringOrNull(c.Zip),
		CountryCode:    stringOrNull(c.CountryCode),
		IPAddress:      stringOrNull(c.IPAddress),
		PhoneNumber:    stringOrNull(c.PhoneNumber),
		LegalDocument:  stringOrNull(c.LegalDocument),
		Sex:            stringOrNull(c.Sex),
		IsBusiness:     types.BoolValue(c.IsBusiness),
		DateOfBirth:    ptrTimeValue(c.DateOfBirth),
		RegisteredAt:   ptrTimeValue(c.RegisteredAt),
		Metadata:       stringMapValue(c.Metadata),
		ReferenceID:    stringOrNull(c.ReferenceID),
		Sandbox:        types.BoolValue(c.Sandbox),
		CreatedAt:      timeValue(c.CreatedAt),
	}
	if c.Phone != nil && (c.Phone.Number != "" || c.Phone.DialingCode != "") {
		m.Phone = &phoneModel{Number: stringOrNull(c.Phone.Number), DialingCode: stringOrNull(c.Phone.DialingCode)}
	}
	return m
}

// customerDataSourceAttributes is the read-only schema of
// customerAttributes; the processout_customer data source makes `id` its
// required argument.
func customerDataSourceAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":               computedString("ID of the customer (`cust_…`)."),
		"project_id":       computedString("ID of the project the customer belongs to."),
		"default_token_id": computedString("ID of the customer's default payment token, if any."),
		"balance":          computedString("Balance of the customer, as ProcessOut's decimal string (such as `\"0\"` or `\"-12.50\"`), used by the subscriptions engine."),
		"currency":         computedString("ISO 4217 currency of the customer, if set (it cannot change once set)."),
		"email":            computedString("Email address."),
		"first_name":       computedString("First name."),
		"last_name":        computedString("Last name."),
		"company_name":     computedString("Company name, for business customers."),
		"address1":         computedString("First line of the address."),
		"address2":         computedString("Second line of the address."),
		"city":             computedString("City."),
		"state":            computedString("State or region."),
		"zip":              computedString("Postal code."),
		"country_code":     computedString("ISO 3166-1 alpha-2 country code, such as `FR`."),
		"ip_address":       computedString("IP address (IPv4 or IPv6)."),
		"phone_number":     computedString("Full phone number (a leading `+` is stored as `00`)."),
		"phone": schema.SingleNestedAttribute{
			Computed:            true,
			MarkdownDescription: "Phone number split into dialing code and number, when ProcessOut returns it in that form.",
			Attributes: map[string]schema.Attribute{
				"number":       computedString("Number without the dialing code."),
				"dialing_code": computedString("Dialing code, such as `0033`."),
			},
		},
		"legal_document": computedString("Legal document number (such as a Brazilian CPF)."),
		"sex":            computedString("`male` or `female`, if set."),
		"is_business":    computedBool("Whether the customer is a business."),
		"date_of_birth":  computedString("Date of birth (RFC 3339), if set."),
		"registered_at":  computedString("When the customer registered with the merchant (RFC 3339); ProcessOut defaults it to the creation time."),
		"metadata":       computedStringMap("Metadata of the customer (empty when there is none)."),
		"reference_id":   computedString("The merchant's own reference of the customer."),
		"sandbox":        computedBool("Whether the customer belongs to the sandbox."),
		"created_at":     computedString("Creation time (RFC 3339)."),
	}
}
