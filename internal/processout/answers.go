package processout

import "fmt"

// ownedBy is an object whose answer carries its project's ID.
type ownedBy interface{ ownerProjectID() string }

func (w WebhookEndpoint) ownerProjectID() string      { return w.ProjectID }
func (g GatewayConfiguration) ownerProjectID() string { return g.ProjectID }
func (c Customer) ownerProjectID() string             { return c.ProjectID }
func (p Product) ownerProjectID() string              { return p.ProjectID }

// checkAnswer refuses an answer that is not the object asked for: another
// ID than id (when given; the literal CurrentProject is resolved by the
// server), or another project than the client's (when both are known). A
// server, proxy or cache that answers for the wrong object would otherwise
// have the caller store it as the one it asked for.
func (c *Client) checkAnswer(req *Request, id string, answer idOf) error {
	if id != "" && id != CurrentProject && answer.itemID() != id {
		return &WrongObjectError{Operation: req.Operation, Field: "id", Asked: id, Answered: answer.itemID()}
	}
	if owned, ok := answer.(ownedBy); ok && c.project != "" && owned.ownerProjectID() != "" && owned.ownerProjectID() != c.project {
		return &WrongObjectError{Operation: req.Operation, Field: "project_id", Asked: c.project, Answered: owned.ownerProjectID()}
	}
	return nil
}

// WrongObjectError is an answer about another object than the one asked
// for. Nothing of it may be kept.
type WrongObjectError struct {
	Operation string
	Field     string // "id" or "project_id"
	Asked     string
	Answered  string
}

func (e *WrongObjectError) Error() string {
	return fmt.Sprintf("ProcessOut's answer to %s is not the object asked for: its %s is %q, not %q; the answer was not used",
		e.Operation, e.Field, e.Answered, e.Asked)
}
