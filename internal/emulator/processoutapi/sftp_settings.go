package processoutapi

import (
	"encoding/base64"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// SFTPSettings is the SFTP server a project's payout exports are pushed to
// (CONTRACT.md §20): one per project, shared by its live and sandbox modes
// [U]. Its credentials are write-only, kept apart (Server.SFTPCredentials).
// ID and SavedAt are the emulator's handles for the inspection helpers
// (Objects, PatchObject, DeleteObject); the wire form is sftpWire.
type SFTPSettings struct {
	ID       string    `json:"id"` // the project's ID
	Enabled  bool      `json:"enabled"`
	Endpoint *string   `json:"endpoint"`
	Username *string   `json:"username"`
	SavedAt  time.Time `json:"saved_at"` // the first save; replacing keeps it
}

// sftpWire is the object GET /projects/{id}/sftp-settings answers.
type sftpWire struct {
	Enabled  bool    `json:"enabled"`
	Endpoint *string `json:"endpoint"`
	Username *string `json:"username"`
}

// SFTPCredentials are the credentials the last save of a project's SFTP
// settings carried; "" for the one not given.
type SFTPCredentials struct {
	Password, PrivateKey string
}

// sftpSettingsSpec serves only the inspection helpers: the routes have
// their own handlers (one object per project, no list, no create).
var sftpSettingsSpec = &kindSpec{
	kind: KindSFTPSettings, single: "sftp_settings", resource: "sftp-settings", label: "SFTP settings",
	empty: func() object { return &SFTPSettings{} },
}

func (o *SFTPSettings) ident() ident {
	return ident{id: o.ID, owner: o.ID, created: o.SavedAt}
}

func (o *SFTPSettings) clone() object { cp := *o; return &cp }

func (o *SFTPSettings) normalize() { o.SavedAt = o.SavedAt.UTC() }

func (o *SFTPSettings) view(*Server, viewCtx) any { cp := *o; return &cp }

func (o *SFTPSettings) wire() sftpWire {
	return sftpWire{Enabled: o.Enabled, Endpoint: o.Endpoint, Username: o.Username}
}

// sftpProject resolves the project a /projects/{id}/sftp-settings path
// names: the authenticated project, by its bare or "test-" ID or the
// literal {project_id} (§11). Any other ID is 404 resource.project.not-found
// [U], unless the path's ID is ignored (Readings.ProjectPathIgnored), when
// every ID is the authenticated project.
func (s *Server) sftpProject(c *reqCtx) (string, *apiError) {
	id := c.params[0]
	if id == c.projectID || id == "test-"+c.projectID || id == "{project_id}" || s.readings.ProjectPathIgnored {
		return c.projectID, nil
	}
	return "", projectSpec.notFound()
}

// sftpUnset is the answer about settings a project does not have: 200 with
// empty settings (the convention, [U]), or under Readings.SFTPUnsetNotFound
// 404 resource.sftp-settings.not-found.
func (s *Server) sftpUnset(method string) response {
	if s.readings.SFTPUnsetNotFound {
		return errorResponse(sftpSettingsSpec.notFound())
	}
	if method == http.MethodDelete {
		return okDeleted()
	}
	return okObject("sftp_settings", sftpWire{})
}

// sftpRecord is the project's settings a GET may see: none before the
// first save, after a delete, or (Readings.ReadLag) for a moment after the
// first save.
func (s *Server) sftpRecord(projectID string) *record {
	rec := s.st.get(KindSFTPSettings, projectID)
	if rec == nil || s.readings.hidesFresh(rec, s.clock()) {
		return nil
	}
	return rec
}

func handleGetSFTPSettings(s *Server, c *reqCtx) response {
	project, aerr := s.sftpProject(c)
	if aerr != nil {
		return errorResponse(aerr)
	}
	rec := s.sftpRecord(project)
	if rec == nil {
		return s.sftpUnset(http.MethodGet)
	}
	return okObject("sftp_settings", as[*SFTPSettings](rec.obj).wire())
}

// handleSaveSFTPSettings serves the PUT: it creates or replaces the
// settings whole (upsert, [I]) and answers {"success": true} with no object
// (verified: the SDKs read nothing back). The saved settings are enabled
// [I].
func handleSaveSFTPSettings(s *Server, c *reqCtx) response {
	project, aerr := s.sftpProject(c)
	if aerr != nil {
		return errorResponse(aerr)
	}
	in := newInput(c.body)
	endpoint, username, creds := readSFTPSettings(in)
	if aerr := in.err(); aerr != nil {
		return errorResponse(aerr)
	}
	settings := &SFTPSettings{ID: project, Enabled: true, Endpoint: &endpoint, Username: &username, SavedAt: s.clock()}
	if rec := s.st.get(KindSFTPSettings, project); rec != nil {
		settings.SavedAt = rec.created
		s.st.remove(rec)
	}
	s.insertObject(KindSFTPSettings, settings)
	s.sftpCredentials[project] = creds
	return okDeleted()
}

func handleDeleteSFTPSettings(s *Server, c *reqCtx) response {
	project, aerr := s.sftpProject(c)
	if aerr != nil {
		return errorResponse(aerr)
	}
	rec := s.st.get(KindSFTPSettings, project)
	if rec == nil {
		return s.sftpUnset(http.MethodDelete)
	}
	s.removeRecord(rec)
	return okDeleted()
}

// readSFTPSettings validates a save's body (codes [U]: §20): endpoint
// host:port with a port, username, and exactly one of password and
// private_key (base64); null counts as absent.
func readSFTPSettings(in *input) (endpoint, username string, creds SFTPCredentials) {
	endpoint, ok := in.str("endpoint", "invalid-endpoint")
	switch {
	case !ok || strings.TrimSpace(endpoint) == "":
		in.fail("missing-endpoint", "endpoint", "The endpoint is required, as host:port (for example sftp.example.com:22).")
	case !validHostPort(endpoint):
		in.fail("invalid-endpoint", "endpoint", "The endpoint must be host:port, and the port should be included (for example sftp.example.com:22).")
	}
	if username, ok = in.str("username", "invalid-username"); !ok || strings.TrimSpace(username) == "" {
		in.fail("missing-username", "username", "The username is required.")
	}
	creds.Password, _ = in.str("password", "invalid-password")
	creds.PrivateKey, _ = in.str("private_key", "invalid-private-key")
	switch {
	case creds.Password == "" && creds.PrivateKey == "":
		in.fail("missing-credentials", "password", "Either a password or a private_key is required.")
	case creds.Password != "" && creds.PrivateKey != "":
		in.fail("invalid-credentials", "private_key", "Give either a password or a private_key, not both.")
	case creds.PrivateKey != "" && !validBase64(creds.PrivateKey):
		in.fail("invalid-private-key", "private_key", "The private_key must be encoded in base64.")
	}
	return endpoint, username, creds
}

func validHostPort(s string) bool {
	host, port, err := net.SplitHostPort(s)
	n, perr := strconv.Atoi(port)
	return err == nil && host != "" && perr == nil && n >= 1 && n <= 65535
}

func validBase64(s string) bool {
	_, err := base64.StdEncoding.DecodeString(s)
	return err == nil
}

// SFTPCredentials returns the credentials the last save of a project's
// SFTP settings carried (false if it has none), proving that write-only
// values reached the API. projectID is the bare "proj_…" ID.
func (s *Server) SFTPCredentials(projectID string) (SFTPCredentials, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	creds, ok := s.sftpCredentials[strings.TrimPrefix(projectID, "test-")]
	return creds, ok
}
