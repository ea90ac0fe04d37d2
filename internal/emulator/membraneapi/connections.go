package membraneapi

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"
)

// Connection is a tenant's link to ProcessOut. ProjectID and ProjectSecret
// are the upstream Basic credentials the proxy and actions use; they are
// never serialized.
type Connection struct {
	ID, Name, Key, TenantKey, WorkspaceKey, State string
	Connected                                     bool
	IntegrationKey                                string
	CreatedAt                                     time.Time
	ProjectID                                     string `json:"-"`
	ProjectSecret                                 string `json:"-"`
}

// Connection states (CONTRACT.md §6).
const (
	StateReady         = "READY"
	StateDisconnecting = "DISCONNECTING"
)

type connRecord struct {
	Connection
	updatedAt time.Time
}

// AddConnection registers a connection (replacing one with the same ID) and
// returns it with defaults filled: ID "conn_<hex>", CreatedAt now, State
// READY and IntegrationKey "processout" when empty.
func (s *Server) AddConnection(c Connection) Connection {
	if c.ID == "" {
		c.ID = "conn_" + strings.ReplaceAll(uuid.NewString(), "-", "")[:24]
	}
	if c.CreatedAt.IsZero() {
		c.CreatedAt = s.now().UTC()
	}
	if c.State == "" {
		c.State = StateReady
	}
	if c.IntegrationKey == "" {
		c.IntegrationKey = "processout"
	}
	rec := &connRecord{Connection: c, updatedAt: c.CreatedAt}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, old := range s.conns {
		if old.ID == c.ID {
			s.conns[i] = rec
			return c
		}
	}
	s.conns = append(s.conns, rec)
	sort.SliceStable(s.conns, func(i, j int) bool { return s.conns[i].CreatedAt.Before(s.conns[j].CreatedAt) })
	return c
}

// SetConnectionState changes a connection's state and connected flag; it
// reports whether the connection exists.
func (s *Server) SetConnectionState(id, state string, connected bool) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.conns {
		if c.ID == id {
			c.State, c.Connected, c.updatedAt = state, connected, s.now().UTC()
			return true
		}
	}
	return false
}

// connectionJSON is a connection as the API returns it (CONTRACT.md §6).
type connectionJSON struct {
	ID             string `json:"id"`
	Name           string `json:"name"`
	Key            string `json:"key,omitempty"`
	UserID         string `json:"userId"`
	TenantID       string `json:"tenantId"`
	IntegrationKey string `json:"integrationKey"`
	State          string `json:"state"`
	Connected      bool   `json:"connected"`
	Disconnected   bool   `json:"disconnected"`
	IsDefunct      bool   `json:"isDefunct"`
	CreatedAt      string `json:"createdAt"`
	UpdatedAt      string `json:"updatedAt"`
	IsTest         bool   `json:"isTest"`
}

const timeLayout = "2006-01-02T15:04:05.000Z07:00"

func (c *connRecord) toJSON() connectionJSON {
	tenantID := tenantID(c.WorkspaceKey, c.TenantKey)
	return connectionJSON{
		ID: c.ID, Name: c.Name, Key: c.Key, UserID: tenantID, TenantID: tenantID,
		IntegrationKey: c.IntegrationKey, State: c.State,
		Connected: c.Connected, Disconnected: !c.Connected, IsDefunct: !c.usable(),
		CreatedAt: c.CreatedAt.UTC().Format(timeLayout), UpdatedAt: c.updatedAt.UTC().Format(timeLayout),
	}
}

// tenantID derives a stable internal tenant id from the tenant key, so that
// clients cannot mistake one for the other.
func tenantID(workspaceKey, tenantKey string) string {
	sum := sha256.Sum256([]byte(workspaceKey + "/" + tenantKey))
	return "tnt_" + hex.EncodeToString(sum[:12])
}

func (c *connRecord) usable() bool { return c.State == StateReady && c.Connected }

// visibleConnections returns copies of the connections p may see, oldest
// first (copies, so callers read them without holding the lock).
func (s *Server) visibleConnections(p principal) []connRecord {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []connRecord
	for _, c := range s.conns {
		if p.sees(&c.Connection) {
			out = append(out, *c)
		}
	}
	return out
}

// findConnection resolves a selector: a connection id, a connection key, or
// an integration key that has exactly one visible connection.
func (s *Server) findConnection(p principal, selector string) (connRecord, *httpError) {
	visible := s.visibleConnections(p)
	for _, c := range visible {
		if c.ID == selector {
			return c, nil
		}
	}
	var byIntegration []connRecord
	for _, c := range visible {
		if c.Key != "" && c.Key == selector {
			return c, nil
		}
		if c.IntegrationKey == selector {
			byIntegration = append(byIntegration, c)
		}
	}
	if len(byIntegration) == 1 {
		return byIntegration[0], nil
	}
	return connRecord{}, newHTTPError(http.StatusNotFound, errNotFound, "Connection with id '%s' not found", selector)
}

// usableConnection resolves a selector and requires the connection to be
// READY and connected.
func (s *Server) usableConnection(p principal, selector string) (Connection, *httpError) {
	c, herr := s.findConnection(p, selector)
	if herr != nil {
		return Connection{}, herr
	}
	if !c.usable() {
		return c.Connection, newHTTPError(http.StatusBadRequest, errDefunct, "Connection %s is not ready (state %s, connected=%t)", c.ID, c.State, c.Connected)
	}
	return c.Connection, nil
}

func (s *Server) handleListConnections(w http.ResponseWriter, r *http.Request) {
	st := stateOf(r)
	q := r.URL.Query()
	connected, filterConnected, herr := boolQuery(q, "connected")
	if herr == nil && !filterConnected { // the deprecated inverse
		var disconnected bool
		disconnected, filterConnected, herr = boolQuery(q, "disconnected")
		connected = !disconnected
	}
	if herr != nil {
		herr.write(w)
		return
	}
	var items []connectionJSON
	for _, c := range s.visibleConnections(st.who) {
		if ik := q.Get("integrationKey"); ik != "" && c.IntegrationKey != ik {
			continue
		}
		if filterConnected && c.Connected != connected {
			continue
		}
		items = append(items, c.toJSON())
	}
	page, herr := paginate(items, q, 100)
	if herr != nil {
		herr.write(w)
		return
	}
	writeJSON(w, http.StatusOK, page)
}

func (s *Server) handleGetConnection(w http.ResponseWriter, r *http.Request) {
	st := stateOf(r)
	c, herr := s.findConnection(st.who, r.PathValue("selector"))
	if herr != nil {
		herr.write(w)
		return
	}
	st.rec.ConnectionID = c.ID
	writeJSON(w, http.StatusOK, c.toJSON())
}
