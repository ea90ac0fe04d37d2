package processoutapi

import (
	"fmt"
	"net/http"
	"strings"
)

// Caller-chosen ids (CONTRACT.md §22, §23): the caller names a plan or a
// coupon ("silver-plan", "25percentoff") when creating it, and the id must
// be unique to the project (legacy docs), so two projects, or the sandbox and
// live data of one project, may each hold a "silver-plan". The store indexes
// these kinds within a scope, the owner and mode, instead of across projects.

// scopeOf is the scope of a project's data set in one mode.
func scopeOf(owner string, sandbox bool) string {
	if sandbox {
		return owner + ":sandbox"
	}
	return owner + ":live"
}

// scopedKey is the store key of id within scope ("" for kinds whose ids are
// unique across projects). Caller-chosen ids cannot hold a "/"
// (callerIDPattern), so keys of different scopes never collide.
func scopedKey(scope, id string) string {
	if scope == "" {
		return id
	}
	return scope + "/" + id
}

// callerIDPattern is what the emulator accepts as a caller-chosen id [U]:
// letters, digits, "_" and "-", at most 128 (the provider's rule too).
var callerIDPattern = idPattern

// findScoped is the kindSpec.find of a kind with caller-chosen ids: the
// object of that id in the authenticated project and mode.
func findScoped(kind string) func(s *Server, c *reqCtx, id string) *record {
	return func(s *Server, c *reqCtx, id string) *record {
		return s.st.get(kind, scopedKey(scopeOf(c.projectID, c.sandbox), id))
	}
}

// callerID reads the required "id" of a create body: 400
// request.validation.invalid-id when it is missing, malformed or already
// used in the project and mode ("A plan with this ID already exists.",
// the convention of the reference §5e–5i; the real answer is [U]).
func (s *Server) callerID(in *input, c *reqCtx, kind, label string) string {
	id, ok := in.str("id", "invalid-id")
	switch {
	case !ok:
		if _, given := in.get("id"); !given {
			in.fail("invalid-id", "id", fmt.Sprintf("The %s id is required: the caller chooses it.", label))
		}
	case !callerIDPattern.MatchString(id):
		in.fail("invalid-id", "id", "The id must be 1 to 128 letters, digits, underscores or hyphens.")
	case s.st.get(kind, scopedKey(scopeOf(c.projectID, c.sandbox), id)) != nil:
		in.fail("invalid-id", "id", fmt.Sprintf("A %s with this ID already exists.", label))
	}
	return id
}

// findByID returns the one record of kind whose id is id, whoever owns it,
// for the test helpers (Object, DeleteObject, PatchObject): nil when there
// is none, or when several projects or modes hold that caller-chosen id.
func (st *store) findByID(kind, id string) *record {
	if rec := st.get(kind, id); rec != nil {
		return rec
	}
	var found *record
	for key, rec := range st.byID[kind] {
		if rec.scope == "" || !strings.HasSuffix(key, "/"+id) || rec.id != id {
			continue
		}
		if found != nil {
			return nil
		}
		found = rec
	}
	return found
}

// unsupportedAnswer is the 410 a route withdrawn as an unsupported feature
// gives under the unserved-routes reading (unserved.go): Node SDK 11 dropped
// plans and coupons as "unsupported features". service.not-supported is in
// the published list of codes (Android POFailure); its use here is [U].
func unsupportedAnswer(label string) response {
	return errorResponse(newError(http.StatusGone, "service.not-supported",
		"The %s API is no longer supported.", label))
}
