package membrane

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// Action is an action as Membrane lists it.
type Action struct {
	ID          string `json:"id"`
	Key         string `json:"key"`
	Name        string `json:"name"`
	Description string `json:"description"`
	// IntegrationKey is the app the action belongs to: a run may name the
	// action as "<integrationKey>.<key>".
	IntegrationKey string         `json:"integrationKey"`
	State          string         `json:"state"`
	InputSchema    map[string]any `json:"inputSchema"`
	OutputSchema   map[string]any `json:"outputSchema"`
	CreatedAt      *time.Time     `json:"createdAt"`
}

// ListActions lists the connection's actions, ranked by intent when given.
func (c *Client) ListActions(ctx context.Context, connectionID, intent string) ([]Action, error) {
	q := url.Values{"connectionId": {connectionID}}
	if intent != "" {
		q.Set("intent", intent)
	}
	return listAll[Action](ctx, c, "membrane.action.list", "/actions", q)
}

// RunResult is the answer to an action run.
type RunResult struct {
	Output      json.RawMessage `json:"output"`
	ActionRunID string          `json:"actionRunId"`
}

// RunAction runs an action (by id or key) on a connection.
func (c *Client) RunAction(ctx context.Context, op, action, connectionID string, input map[string]any) (*RunResult, error) {
	body, err := json.Marshal(map[string]any{"input": input})
	if err != nil {
		return nil, err
	}
	path := "/actions/" + url.PathEscape(action) + "/run?" + url.Values{"connectionId": {connectionID}}.Encode()
	res, err := c.send(ctx, op, http.MethodPost, path, nil, body)
	if err != nil {
		return nil, err
	}
	var out RunResult
	if err := decode(op, res, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ShapeError reports an action output that does not fit the operation.
type ShapeError struct {
	Action, Operation, Missing, RunID string
}

func (e *ShapeError) Error() string {
	return fmt.Sprintf("the Membrane action %q, routed for %s, returned an output without %s (action run %s); "+
		"map the operation to an action whose output has the shape the provider documents, or remove it from membrane_actions to use the proxy",
		e.Action, e.Operation, e.Missing, e.RunID)
}
