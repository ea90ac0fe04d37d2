package processout

import (
	"context"
	"iter"
	"net/http"
	"strings"
)

// endpoint describes one kind of ProcessOut object and where it lives, so the
// create/read/update/delete/list plumbing is written once for every kind.
type endpoint struct {
	name       string // operation prefix: "webhook_endpoint"
	collection string // "/webhook-endpoints"
	item       string // "/webhook-endpoints/{id}"
	key        string // "webhook_endpoint"
	plural     string // "webhook_endpoints"
	// idParam names the item path's parameter; "id" when empty. Membrane
	// action inputs carry path parameters under these names.
	idParam string
}

// request is an operation on the collection (create, list).
func (e endpoint) request(op, method string) Request {
	return Request{Operation: e.name + "." + op, Method: method, Path: e.collection, ResponseKey: e.key}
}

// itemRequest is an operation on one object. An empty id still names the
// item path, so CheckPathParams refuses it instead of the call reading the
// collection.
func (e endpoint) itemRequest(op, method string, id string) Request {
	req := e.request(op, method)
	param := e.idParam
	if param == "" {
		param = "id"
	}
	req.Path = e.item
	req.PathParams = map[string]string{param: id}
	req.NotFoundType = e.notFoundType()
	return req
}

// notFoundType is ProcessOut's code for "no such object" of this kind:
// resource.<kebab-case kind>.not-found (CONTRACT.md §4).
func (e endpoint) notFoundType() string {
	return "resource." + strings.ReplaceAll(e.name, "_", "-") + ".not-found"
}

func createObject[T idOf](ctx context.Context, c *Client, e endpoint, body any) (*T, error) {
	req := e.request("create", http.MethodPost)
	req.Body = body
	return itemFor[T](ctx, c, &req, "")
}

func getObject[T idOf](ctx context.Context, c *Client, e endpoint, id string) (*T, error) {
	req := e.itemRequest("read", http.MethodGet, id)
	return itemFor[T](ctx, c, &req, id)
}

func updateObject[T idOf](ctx context.Context, c *Client, e endpoint, id string, body any) (*T, error) {
	req := e.itemRequest("update", http.MethodPut, id)
	req.Body = body
	return itemFor[T](ctx, c, &req, id)
}

// itemFor is callFor for an answer that must name the object asked for
// (id, when not empty) in the client's project (answers.go).
func itemFor[T idOf](ctx context.Context, c *Client, req *Request, id string) (*T, error) {
	out, err := callFor[T](ctx, c, req)
	if err != nil {
		return nil, err
	}
	if err := c.checkAnswer(req, id, *out); err != nil {
		return nil, err
	}
	return out, nil
}

func deleteObject(ctx context.Context, c *Client, e endpoint, id string) error {
	req := e.itemRequest("delete", http.MethodDelete, id)
	return c.call(ctx, &req, nil)
}

// listObjects streams a kind's list as the list answers it.
func listObjects[T idOf](ctx context.Context, c *Client, e endpoint, opts ListOptions) iter.Seq2[T, error] {
	return listPages[T](ctx, c, e.listRequest(), opts, nil)
}

// listWhole streams the list of a kind whose items may lack fields its GET
// answers (model_keys.go): such an item is read with its own GET, again
// while it may be too new to be seen, and left out if it is gone.
func listWhole[T idOf](ctx context.Context, c *Client, e endpoint, opts ListOptions) iter.Seq2[T, error] {
	return listPages[T](ctx, c, e.listRequest(), opts, func(ctx context.Context, id string) (*T, error) {
		return ReadSettled(ctx, func(ctx context.Context) (*T, error) { return getObject[T](ctx, c, e, id) })
	})
}

// listRequest is a page of the kind's list.
func (e endpoint) listRequest() Request {
	req := e.request("list", http.MethodGet)
	req.ResponseKey = e.plural
	return req
}

func callFor[T any](ctx context.Context, c *Client, req *Request) (*T, error) {
	var out T
	if err := c.call(ctx, req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
