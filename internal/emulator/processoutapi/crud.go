package processoutapi

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// kindSpec describes one resource kind; the generic handlers below do the
// list/get/create/update/delete plumbing for every kind.
type kindSpec struct {
	kind     string
	single   string   // response key of one object
	plural   string   // response key of a list
	resource string   // kebab name in resource.<resource>.not-found
	label    string   // human name in messages
	expands  []string // accepted expand values (first dotted segment)

	// find resolves a path or cursor id to a record the caller may see
	// (nil: not found). Default: an object of the authenticated project in
	// the authenticated mode (sandbox and live data are separate,
	// CONTRACT.md §2).
	find func(s *Server, c *reqCtx, id string) *record
	// items returns the ascending records a list covers, filters applied.
	// Default: the authenticated project's list in the authenticated mode.
	items func(s *Server, c *reqCtx) ([]*record, *apiError)
	// create validates a body and builds a new object (side effects only
	// once valid).
	create func(s *Server, c *reqCtx, in *input) (object, *apiError)
	// update validates a body and applies it to a clone of the stored object.
	update func(s *Server, c *reqCtx, in *input, obj object) *apiError
	// created, if set, decorates the creation answer.
	created func(s *Server, rec *record, view any)
	// empty returns a zero object to decode PatchObject merges into.
	empty func() object
}

func (k *kindSpec) notFound() *apiError { return notFound(k.resource, k.label) }

func (k *kindSpec) lookup(s *Server, c *reqCtx, id string) *record {
	if k.find != nil {
		return k.find(s, c, id)
	}
	rec := s.st.get(k.kind, id)
	if rec == nil || rec.owner != c.projectID || rec.sandbox != c.sandbox {
		return nil
	}
	return rec
}

func (k *kindSpec) listItems(s *Server, c *reqCtx) ([]*record, *apiError) {
	if k.items != nil {
		return k.items(s, c)
	}
	return s.st.list(listKey{kind: k.kind, owner: c.projectID, sandbox: c.sandbox}), nil
}

func handleList(k *kindSpec) handlerFunc {
	return func(s *Server, c *reqCtx) response {
		ex, aerr := c.expansions(k)
		if aerr != nil {
			return errorResponse(aerr)
		}
		items, aerr := k.listItems(s, c)
		if aerr != nil {
			return errorResponse(aerr)
		}
		p, aerr := parsePage(c.query)
		if aerr != nil {
			return errorResponse(aerr)
		}
		var cursor *record
		if id := p.cursor(); id != "" {
			if cursor = k.lookup(s, c, id); cursor == nil {
				return errorResponse(paginationError("The cursor %q does not match any %s.", id, k.label))
			}
		}
		page, more := paginate(items, cursor, p)
		vc := viewCtx{ex: ex, sandbox: c.sandbox}
		out := make([]any, len(page))
		for i, rec := range page {
			out[i] = s.readings.listItem(k.kind, rec.obj.view(s, vc))
		}
		return okList(k.plural, out, p, more, len(items))
	}
}

// target resolves the expansions of an item request and the object its
// path names.
func (k *kindSpec) target(s *Server, c *reqCtx) (expansions, *record, *apiError) {
	ex, aerr := c.expansions(k)
	if aerr != nil {
		return nil, nil, aerr
	}
	rec := k.lookup(s, c, c.lastParam())
	if rec == nil {
		return nil, nil, k.notFound()
	}
	return ex, rec, nil
}

func handleGet(k *kindSpec) handlerFunc {
	return func(s *Server, c *reqCtx) response {
		ex, rec, aerr := k.target(s, c)
		if aerr != nil {
			return errorResponse(aerr)
		}
		if s.readings.hidesFresh(rec, s.clock()) {
			return errorResponse(k.notFound())
		}
		return okObject(k.single, rec.obj.view(s, viewCtx{ex: ex, sandbox: c.sandbox}))
	}
}

func handleCreate(k *kindSpec) handlerFunc {
	return func(s *Server, c *reqCtx) response {
		ex, aerr := c.expansions(k)
		if aerr != nil {
			return errorResponse(aerr)
		}
		obj, aerr := k.create(s, c, newInput(c.body))
		if aerr != nil {
			return errorResponse(aerr)
		}
		rec := s.insertObject(k.kind, obj)
		v := obj.view(s, viewCtx{ex: ex, sandbox: c.sandbox})
		if k.created != nil {
			k.created(s, rec, v)
		}
		return okObject(k.single, v)
	}
}

func handleUpdate(k *kindSpec) handlerFunc {
	return func(s *Server, c *reqCtx) response {
		ex, rec, aerr := k.target(s, c)
		if aerr != nil {
			return errorResponse(aerr)
		}
		updated := rec.obj.clone()
		if aerr := k.update(s, c, newInput(c.body), updated); aerr != nil {
			return errorResponse(aerr)
		}
		rec.obj = updated
		return okObject(k.single, updated.view(s, viewCtx{ex: ex, sandbox: c.sandbox}))
	}
}

func handleDelete(k *kindSpec) handlerFunc {
	return func(s *Server, c *reqCtx) response {
		_, rec, aerr := k.target(s, c)
		if aerr != nil {
			return errorResponse(aerr)
		}
		s.removeRecord(rec)
		return okDeleted()
	}
}

// expansions is the set of requested first-level expansions.
type expansions map[string]bool

var indexedExpand = regexp.MustCompile(`^expand\[[0-9]*\]$`)

// parseExpand merges every expand encoding of CONTRACT.md §6: expand[]=a,
// expand=a&expand=b, expand[0]=a, comma-joined values, and "expand": [...]
// (or a string) in POST/PUT bodies.
func parseExpand(q url.Values, body map[string]any) []string {
	var raw []string
	for key, vals := range q {
		if key == "expand" || indexedExpand.MatchString(key) {
			raw = append(raw, vals...)
		}
	}
	switch v := body["expand"].(type) {
	case string:
		raw = append(raw, v)
	case []any:
		for _, e := range v {
			if s, ok := e.(string); ok {
				raw = append(raw, s)
			}
		}
	}
	var out []string
	for _, r := range raw {
		for _, part := range strings.Split(r, ",") {
			part = strings.TrimSpace(part)
			switch part {
			case "", "null", "None":
				continue
			}
			out = append(out, part)
		}
	}
	return out
}

// expansions validates the requested expansions against what the kind
// supports. Dotted (nested) expansions are accepted when their first segment
// is supported; only the first level is expanded. Anything else is 400
// request.expand.invalid.
func (c *reqCtx) expansions(k *kindSpec) (expansions, *apiError) {
	ex := expansions{}
	for _, name := range c.expand {
		head, _, _ := strings.Cut(name, ".")
		if !slices.Contains(k.expands, head) {
			supported := "none"
			if len(k.expands) > 0 {
				supported = strings.Join(k.expands, ", ")
			}
			return nil, newError(http.StatusBadRequest, "request.expand.invalid",
				"The %s cannot be expanded with %q (supported: %s).", k.label, name, supported)
		}
		ex[head] = true
	}
	return ex, nil
}

// objectID reads the "id" of a create body and returns the function that
// gives the new object's id once the body is known to be valid: the
// caller-supplied id (honouring it is [U], CONTRACT.md §10), or prefix + 32
// random characters of charset when it is null or absent. A supplied id must
// be 1–128 letters, digits, "_" or "-", must not start with "test-" (the
// sandbox username prefix) and must be free; otherwise 400
// request.validation.invalid-id.
func (s *Server) objectID(in *input, kind, prefix, charset string) func() string {
	id, ok := in.str("id", "invalid-id")
	switch {
	case !ok || id == "":
		id = ""
	case !idPattern.MatchString(id) || strings.HasPrefix(id, "test-"):
		in.fail("invalid-id", "id", "The id must be 1 to 128 letters, digits, underscores or hyphens, not starting with test-.")
	case s.st.get(kind, id) != nil:
		in.fail("invalid-id", "id", fmt.Sprintf("The id %s is already in use.", id))
	}
	return func() string {
		if id == "" {
			return s.newID(kind, prefix, charset)
		}
		return id
	}
}
