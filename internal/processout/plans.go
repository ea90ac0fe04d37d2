package processout

import (
	"context"
	"iter"
	"net/http"
	"time"
)

// Plan is a subscription plan. The caller chooses its ID at creation; its
// amount, currency and interval cannot change afterwards (reference §5e).
// Node SDK 11 dropped plans as unsupported; Go and Python still ship them.
type Plan struct {
	ID          string            `json:"id"`
	ProjectID   string            `json:"project_id"`
	URL         string            `json:"url"`
	Name        string            `json:"name"`
	Amount      string            `json:"amount"`
	Currency    string            `json:"currency"`
	Interval    string            `json:"interval"`
	TrialPeriod *string           `json:"trial_period"`
	Metadata    map[string]string `json:"metadata"`
	ReturnURL   *string           `json:"return_url"`
	CancelURL   *string           `json:"cancel_url"`
	Sandbox     bool              `json:"sandbox"`
	CreatedAt   time.Time         `json:"created_at"`
}

func (p Plan) itemID() string         { return p.ID }
func (p Plan) ownerProjectID() string { return p.ProjectID }

// PlanUpdate is what an update sends: the fields that may change. Nil
// pointers are sent as null, which ProcessOut reads as "unchanged".
type PlanUpdate struct {
	Name        string            `json:"name"`
	TrialPeriod *string           `json:"trial_period"`
	Metadata    map[string]string `json:"metadata"`
	ReturnURL   *string           `json:"return_url"`
	CancelURL   *string           `json:"cancel_url"`
}

// PlanInput is what a create sends: the ID and the terms set once, and the
// fields an update may change later.
type PlanInput struct {
	ID       string `json:"id"`
	Amount   string `json:"amount"`
	Currency string `json:"currency"`
	Interval string `json:"interval"`
	PlanUpdate
}

var plans = endpoint{
	name: "plan", collection: "/plans", item: "/plans/{id}",
	key: "plan", plural: "plans",
}

// body sends the metadata whole, {} when there is none: null would leave
// the stored metadata unchanged.
func (in PlanUpdate) body() PlanUpdate {
	if in.Metadata == nil {
		in.Metadata = map[string]string{}
	}
	return in
}

// CreatePlan creates a plan with the caller's ID.
func (c *Client) CreatePlan(ctx context.Context, in PlanInput) (*Plan, error) {
	in.PlanUpdate = in.body()
	req := plans.request("create", http.MethodPost)
	req.Body = in
	// The answer must be the plan asked for: the ID is the caller's.
	return itemFor[Plan](ctx, c, &req, in.ID)
}

// GetPlan fetches one plan.
func (c *Client) GetPlan(ctx context.Context, id string) (*Plan, error) {
	return getObject[Plan](ctx, c, plans, id)
}

// RefreshPlan reads one for a refresh: from the list of the
// kind once the client has refreshed enough of them, else with its own GET
// (snapshot.go).
func (c *Client) RefreshPlan(ctx context.Context, id string) (*Plan, error) {
	return refreshObject[Plan](ctx, c, plans, id)
}

// UpdatePlan replaces the fields of a plan that may change.
func (c *Client) UpdatePlan(ctx context.Context, id string, in PlanUpdate) (*Plan, error) {
	return updateObject[Plan](ctx, c, plans, id, in.body())
}

// DeletePlan deletes a plan (the SDKs call it End); subscriptions on the
// plan are not affected (Go SDK comment).
func (c *Client) DeletePlan(ctx context.Context, id string) error {
	return deleteObject(ctx, c, plans, id)
}

// Plans streams the project's plans.
func (c *Client) Plans(ctx context.Context, opts ListOptions) iter.Seq2[Plan, error] {
	return listWhole[Plan](ctx, c, plans, opts)
}
