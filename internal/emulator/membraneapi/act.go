package membraneapi

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
)

// actRequest is the strict body of POST /act (CONTRACT.md §9): exactly one
// of id, key, api or code; unknown keys are rejected.
type actRequest struct {
	ID             *string          `json:"id"`
	Key            *string          `json:"key"`
	API            *actAPI          `json:"api"`
	Code           *json.RawMessage `json:"code"`
	ConnectionID   string           `json:"connectionId"`
	ConnectionKey  string           `json:"connectionKey"`
	IntegrationID  string           `json:"integrationId"`
	IntegrationKey string           `json:"integrationKey"`
	Input          json.RawMessage  `json:"input"`
	Meta           map[string]any   `json:"meta"`
}

// actAPI is an api dispatch; url and data are aliases of path and body.
type actAPI struct {
	Method  string            `json:"method"`
	Path    string            `json:"path"`
	URL     string            `json:"url"`
	Query   map[string]any    `json:"query"`
	Body    json.RawMessage   `json:"body"`
	Data    json.RawMessage   `json:"data"`
	Headers map[string]string `json:"headers"`
}

var actMethods = []string{"GET", "POST", "PATCH", "PUT", "DELETE"}

func (s *Server) handleAct(w http.ResponseWriter, r *http.Request) {
	st := stateOf(r)
	var req actRequest
	if herr := decodeBody(r, &req, true); herr != nil {
		herr.write(w)
		return
	}
	dispatch := 0
	for _, set := range []bool{req.ID != nil, req.Key != nil, req.API != nil, req.Code != nil} {
		if set {
			dispatch++
		}
	}
	switch {
	case dispatch != 1:
		writeError(w, http.StatusBadRequest, errBadRequest, "Exactly one of id, key, api or code is required")
		return
	case req.Code != nil:
		writeError(w, http.StatusBadRequest, errBadRequest, "code dispatch is not supported by the emulator")
		return
	}
	input, herr := decodeInput(req.Input)
	if herr != nil {
		herr.write(w)
		return
	}
	var act Action
	switch {
	case req.API != nil:
		if act, herr = s.apiAction(*req.API); herr != nil {
			herr.write(w)
			return
		}
	default:
		selector := req.Key
		if req.ID != nil {
			selector = req.ID
		}
		var ok bool
		if act, ok = s.findAction(*selector); !ok {
			writeError(w, http.StatusNotFound, errNotFound, "Action with selector '"+*selector+"' not found")
			return
		}
	}
	st.rec.ActionKey = act.Key
	conn, herr := s.actConnection(st.who, req)
	if herr != nil {
		herr.write(w)
		return
	}
	st.rec.ConnectionID = conn.ID
	s.runAndWrite(r.Context(), w, act, conn, input)
}

// actConnection resolves the connection of an /act call: connectionId, then
// connectionKey, then the integration's only connection, then the caller's
// only connection.
func (s *Server) actConnection(p principal, req actRequest) (Connection, *httpError) {
	for _, sel := range []string{req.ConnectionID, req.ConnectionKey, req.IntegrationKey, req.IntegrationID} {
		if sel != "" {
			return s.usableConnection(p, sel)
		}
	}
	if visible := s.visibleConnections(p); len(visible) == 1 {
		return s.usableConnection(p, visible[0].ID)
	}
	return Connection{}, newHTTPError(http.StatusBadRequest, errBadRequest, "connectionId or connectionKey is required")
}

// apiAction turns an api dispatch into a one-off action whose output is the
// upstream JSON body; a non-2xx answer is an upstream_error.
func (s *Server) apiAction(api actAPI) (Action, *httpError) {
	method := strings.ToUpper(api.Method)
	if !slices.Contains(actMethods, method) {
		return Action{}, newHTTPError(http.StatusBadRequest, errBadRequest, "api.method must be one of %s", strings.Join(actMethods, ", "))
	}
	path := api.Path
	if path == "" {
		path = api.URL
	}
	if path == "" {
		return Action{}, newHTTPError(http.StatusBadRequest, errBadRequest, "api.path is required")
	}
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	body := api.Body
	if len(body) == 0 {
		body = api.Data
	}
	run := func(ctx context.Context, conn Connection, _ map[string]any) (any, error) {
		target, sep := path, "?"
		if strings.Contains(path, "?") {
			sep = "&"
		}
		if enc := queryOf(api.Query).Encode(); enc != "" {
			target += sep + enc
		}
		header := http.Header{}
		for k, v := range api.Headers {
			header.Set(k, v)
		}
		header = forwardable(header)
		if len(body) > 0 && header.Get("Content-Type") == "" {
			header.Set("Content-Type", "application/json")
		}
		rec, err := s.callUpstream(ctx, conn, method, target, header, body)
		if err != nil {
			return nil, newActionError(http.StatusBadGateway, errUpstream, "ProcessOut request failed: %v", err)
		}
		return decodeUpstream(rec)
	}
	return Action{Key: "api", Name: method + " " + path, Run: run}, nil
}
