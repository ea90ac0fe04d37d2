package membraneapi

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/google/uuid"
)

// Action is a runnable Membrane action. Run receives the resolved, usable
// connection and the input object; it returns the output, or an error (an
// *ActionError picks the status and Membrane error; any other error is a 500
// internal error).
type Action struct {
	ID, Key, Name, Description string
	InputSchema, OutputSchema  map[string]any
	Run                        func(ctx context.Context, conn Connection, input map[string]any) (output any, err error)
}

// integrationKey is the integration every emulated action belongs to.
const integrationKey = "processout"

// actionID derives a stable id from an action's key (or its name when it
// has no key).
func actionID(key, name string) string {
	seed := key
	if seed == "" {
		seed = "name:" + name
	}
	sum := sha256.Sum256([]byte(seed))
	return "act_" + hex.EncodeToString(sum[:10])
}

// AddAction registers a custom action (replacing one with the same ID or
// key). An empty ID is derived from the key.
func (s *Server) AddAction(a Action) {
	if a.ID == "" {
		a.ID = actionID(a.Key, a.Name)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, old := range s.actions {
		if old.ID == a.ID || (a.Key != "" && old.Key == a.Key) {
			s.actions[i] = a
			return
		}
	}
	s.actions = append(s.actions, a)
}

func (s *Server) actionsSnapshot() []Action {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]Action(nil), s.actions...)
}

// findAction resolves an action selector: id, key, or "processout.<key>".
func (s *Server) findAction(selector string) (Action, bool) {
	key := strings.TrimPrefix(selector, integrationKey+".")
	for _, a := range s.actionsSnapshot() {
		if a.ID == selector || (a.Key != "" && (a.Key == selector || a.Key == key)) {
			return a, true
		}
	}
	return Action{}, false
}

// actionJSON is an action as GET /actions lists it.
type actionJSON struct {
	ID             string         `json:"id"`
	Key            string         `json:"key,omitempty"`
	Name           string         `json:"name"`
	Description    string         `json:"description,omitempty"`
	InputSchema    map[string]any `json:"inputSchema,omitempty"`
	OutputSchema   map[string]any `json:"outputSchema,omitempty"`
	ConnectionID   string         `json:"connectionId,omitempty"`
	IntegrationKey string         `json:"integrationKey"`
	State          string         `json:"state"`
}

// connectionSelector is the connection a query names (connectionId, then
// connectionKey).
func connectionSelector(q url.Values) string {
	if id := q.Get("connectionId"); id != "" {
		return id
	}
	return q.Get("connectionKey")
}

// handleListActions serves GET /actions: every action, or with intent the
// actions sharing a meaningful word with it, best first (default limit 10).
func (s *Server) handleListActions(w http.ResponseWriter, r *http.Request) {
	st := stateOf(r)
	q := r.URL.Query()
	var connID string
	if sel := connectionSelector(q); sel != "" {
		c, herr := s.findConnection(st.who, sel)
		if herr != nil {
			herr.write(w)
			return
		}
		connID, st.rec.ConnectionID = c.ID, c.ID
	}
	actions, limit := s.actionsSnapshot(), 100
	if intent := q.Get("intent"); intent != "" {
		if len(intent) > 200 {
			writeError(w, http.StatusBadRequest, errBadRequest, "intent must be at most 200 characters")
			return
		}
		actions, limit = rankByIntent(actions, intent), 10
	}
	items := make([]actionJSON, len(actions))
	for i, a := range actions {
		items[i] = actionJSON{ID: a.ID, Key: a.Key, Name: a.Name, Description: a.Description,
			InputSchema: a.InputSchema, OutputSchema: a.OutputSchema,
			ConnectionID: connID, IntegrationKey: integrationKey, State: "READY"}
	}
	page, herr := paginate(items, q, limit)
	if herr != nil {
		herr.write(w)
		return
	}
	writeJSON(w, http.StatusOK, page)
}

// handleCreateAction refuses POST /actions: tenant tokens get 403 as on
// Membrane; workspace admin tokens are told the emulator does not build
// actions.
func (s *Server) handleCreateAction(w http.ResponseWriter, r *http.Request) {
	if !stateOf(r).who.admin {
		writeError(w, http.StatusForbidden, errAccessDenied, "Creating actions requires a workspace admin token")
		return
	}
	writeError(w, http.StatusBadRequest, errBadRequest, "Creating actions is not supported by the emulator")
}

// handleRunAction serves POST /actions/{selector}/run?connectionId=… with
// body {"input": {...}, "meta": {...}}.
func (s *Server) handleRunAction(w http.ResponseWriter, r *http.Request) {
	st := stateOf(r)
	act, ok := s.findAction(r.PathValue("selector"))
	if !ok {
		writeError(w, http.StatusNotFound, errNotFound, "Action with selector '"+r.PathValue("selector")+"' not found")
		return
	}
	st.rec.ActionKey = act.Key
	var body struct {
		Input json.RawMessage `json:"input"`
		Meta  map[string]any  `json:"meta"`
	}
	if herr := decodeBody(r, &body, false); herr != nil {
		herr.write(w)
		return
	}
	input, herr := decodeInput(body.Input)
	if herr != nil {
		herr.write(w)
		return
	}
	sel := connectionSelector(r.URL.Query())
	if sel == "" {
		writeError(w, http.StatusBadRequest, errBadRequest, "connectionId or connectionKey is required")
		return
	}
	conn, herr := s.usableConnection(st.who, sel)
	if herr != nil {
		herr.write(w)
		return
	}
	st.rec.ConnectionID = conn.ID
	s.runAndWrite(r.Context(), w, act, conn, input)
}

// decodeBody decodes a JSON request body (empty means {}); strict rejects
// unknown fields.
func decodeBody(r *http.Request, v any, strict bool) *httpError {
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(r.Body); err != nil {
		return newHTTPError(http.StatusBadRequest, errBadRequest, "Could not read the request body: %v", err)
	}
	if len(bytes.TrimSpace(buf.Bytes())) == 0 {
		return nil
	}
	dec := json.NewDecoder(&buf)
	dec.UseNumber()
	if strict {
		dec.DisallowUnknownFields()
	}
	if err := dec.Decode(v); err != nil {
		return newHTTPError(http.StatusBadRequest, errBadRequest, "Invalid request body: %s", strings.TrimPrefix(err.Error(), "json: "))
	}
	if dec.More() {
		return newHTTPError(http.StatusBadRequest, errBadRequest, "Invalid request body: trailing data after the JSON object")
	}
	return nil
}

// decodeInput parses an action input: a JSON object, or absent/null for {}.
// Numbers stay json.Number so that integers survive untouched.
func decodeInput(raw json.RawMessage) (map[string]any, *httpError) {
	input := map[string]any{}
	if len(raw) == 0 || string(raw) == "null" {
		return input, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&input); err != nil || input == nil {
		return nil, newHTTPError(http.StatusBadRequest, errInvalidInput, "input must be a JSON object")
	}
	return input, nil
}

// runResult is the body of a successful run.
type runResult struct {
	Output      any    `json:"output"`
	ActionRunID string `json:"actionRunId"`
}

func newRunID() string { return "arun_" + strings.ReplaceAll(uuid.NewString(), "-", "") }

// runAndWrite validates input against the action's schema, runs it and
// writes {output, actionRunId} or the Membrane error with actionRunId.
func (s *Server) runAndWrite(ctx context.Context, w http.ResponseWriter, act Action, conn Connection, input map[string]any) {
	runID := newRunID()
	var out any
	err := validateInput(act.InputSchema, input)
	if err == nil {
		if act.Run == nil {
			err = newActionError(http.StatusBadRequest, errBadRequest, "Action '%s' cannot be run", act.Key)
		} else {
			out, err = act.Run(ctx, conn, input)
		}
	}
	if err == nil {
		writeJSON(w, http.StatusOK, runResult{Output: out, ActionRunID: runID})
		return
	}
	var ae *ActionError
	if !errors.As(err, &ae) {
		ae = newActionError(http.StatusInternalServerError, errInternal, "Action run failed: %v", err)
	}
	for name, values := range ae.Header {
		w.Header()[name] = values
	}
	writeJSON(w, ae.Status, ErrorBody{Type: ae.Type, Key: ae.Key, Message: ae.Message, Data: ae.Data, ActionRunID: runID})
}
