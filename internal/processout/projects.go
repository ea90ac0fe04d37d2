package processout

import (
	"context"
	"iter"
	"time"
)

// CurrentProject is the path value ProcessOut reads as "the project the
// credentials belong to".
const CurrentProject = "{project_id}"

// DunningAction is one step of a project's dunning configuration.
type DunningAction struct {
	Action      string `json:"action"`
	DelayInDays int64  `json:"delay_in_days"`
}

// Project is a ProcessOut project.
type Project struct {
	ID                   string            `json:"id"`
	SupervisorProjectID  *string           `json:"supervisor_project_id"`
	Name                 string            `json:"name"`
	LogoURL              string            `json:"logo_url"`
	Email                string            `json:"email"`
	DefaultCurrency      string            `json:"default_currency"`
	DunningConfiguration []DunningAction   `json:"dunning_configuration"`
	PublicMetadata       map[string]string `json:"public_metadata"`
	RegionName           string            `json:"region_name"`
	Sandbox              bool              `json:"sandbox"`
	CreatedAt            time.Time         `json:"created_at"`
	// PrivateKey is only ever returned by the call that creates the project.
	PrivateKey string `json:"private_key,omitempty"`
}

func (p Project) itemID() string { return p.ID }

// ProjectInput is the writable part of a project.
type ProjectInput struct {
	Name                 string            `json:"name"`
	LogoURL              string            `json:"logo_url,omitempty"`
	Email                string            `json:"email,omitempty"`
	DefaultCurrency      string            `json:"default_currency,omitempty"`
	DunningConfiguration []DunningAction   `json:"dunning_configuration"`
	PublicMetadata       map[string]string `json:"public_metadata"`
}

var projects = endpoint{
	name: "project", collection: "/supervised-projects", item: "/projects/{project_id}",
	key: "project", plural: "projects", idParam: "project_id",
}

func (in ProjectInput) body() ProjectInput {
	if in.DunningConfiguration == nil {
		in.DunningConfiguration = []DunningAction{}
	}
	if in.PublicMetadata == nil {
		in.PublicMetadata = map[string]string{}
	}
	return in
}

// CreateSupervisedProject creates a project supervised by the caller's. The
// answer is the only one that carries the new project's private key.
func (c *Client) CreateSupervisedProject(ctx context.Context, in ProjectInput) (*Project, error) {
	return createObject[Project](ctx, c, projects, in.body())
}

// GetProject fetches a project; CurrentProject names the caller's own. An
// answer about another project than the one asked for is an error
// (WrongObjectError): ProcessOut may read /projects/{id} as the
// authenticated project whatever the id (CONTRACT.md §11).
func (c *Client) GetProject(ctx context.Context, id string) (*Project, error) {
	return getObject[Project](ctx, c, projects, id)
}

// UpdateProject replaces the writable fields of a project. An answer about
// another project than the one asked for is an error (WrongObjectError).
func (c *Client) UpdateProject(ctx context.Context, id string, in ProjectInput) (*Project, error) {
	return updateObject[Project](ctx, c, projects, id, in.body())
}

// DeleteProject deletes a project and everything in it.
func (c *Client) DeleteProject(ctx context.Context, id string) error {
	return deleteObject(ctx, c, projects, id)
}

// SupervisedProjects streams the projects the caller supervises directly.
func (c *Client) SupervisedProjects(ctx context.Context, opts ListOptions) iter.Seq2[Project, error] {
	return listObjects[Project](ctx, c, projects, opts)
}
