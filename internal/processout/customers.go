package processout

import (
	"context"
	"iter"
	"time"
)

// Phone is a customer's phone number split as ProcessOut stores it.
type Phone struct {
	Number      string `json:"number"`
	DialingCode string `json:"dialing_code"`
}

// Customer is a ProcessOut customer.
type Customer struct {
	ID             string            `json:"id"`
	ProjectID      string            `json:"project_id"`
	DefaultTokenID *string           `json:"default_token_id"`
	Balance        string            `json:"balance"`
	Currency       *string           `json:"currency"`
	Email          string            `json:"email"`
	FirstName      string            `json:"first_name"`
	LastName       string            `json:"last_name"`
	CompanyName    string            `json:"company_name"`
	Address1       string            `json:"address1"`
	Address2       string            `json:"address2"`
	City           string            `json:"city"`
	State          string            `json:"state"`
	Zip            string            `json:"zip"`
	CountryCode    string            `json:"country_code"`
	IPAddress      string            `json:"ip_address"`
	PhoneNumber    string            `json:"phone_number"`
	Phone          *Phone            `json:"phone"`
	LegalDocument  string            `json:"legal_document"`
	Sex            string            `json:"sex"`
	IsBusiness     bool              `json:"is_business"`
	DateOfBirth    *time.Time        `json:"date_of_birth"`
	RegisteredAt   *time.Time        `json:"registered_at"`
	Metadata       map[string]string `json:"metadata"`
	ReferenceID    string            `json:"reference_id"`
	Sandbox        bool              `json:"sandbox"`
	CreatedAt      time.Time         `json:"created_at"`
}

func (c Customer) itemID() string { return c.ID }

// CustomerInput is the writable part of a customer. Nil fields are sent as
// null, which ProcessOut reads as "not provided".
type CustomerInput struct {
	Email       *string           `json:"email,omitempty"`
	FirstName   *string           `json:"first_name,omitempty"`
	LastName    *string           `json:"last_name,omitempty"`
	Currency    *string           `json:"currency,omitempty"`
	CountryCode *string           `json:"country_code,omitempty"`
	ReferenceID *string           `json:"reference_id,omitempty"`
	IsBusiness  *bool             `json:"is_business,omitempty"`
	Metadata    map[string]string `json:"metadata,omitempty"`
}

var customers = endpoint{
	name: "customer", collection: "/customers", item: "/customers/{id}",
	key: "customer", plural: "customers",
}

// CreateCustomer creates a customer.
func (c *Client) CreateCustomer(ctx context.Context, in CustomerInput) (*Customer, error) {
	return createObject[Customer](ctx, c, customers, in)
}

// GetCustomer fetches one customer.
func (c *Client) GetCustomer(ctx context.Context, id string) (*Customer, error) {
	return getObject[Customer](ctx, c, customers, id)
}

// Customers streams the project's customers, page by page.
func (c *Client) Customers(ctx context.Context, opts ListOptions) iter.Seq2[Customer, error] {
	return listObjects[Customer](ctx, c, customers, opts)
}
