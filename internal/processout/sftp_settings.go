package processout

import (
	"context"
	"fmt"
	"net/http"
)

// ProjectSFTPSettings is the SFTP server ProcessOut pushes a project's
// payout exports to (CONTRACT.md §20). There is one per project, named by
// the project's ID; its credentials are write-only: no answer carries them.
type ProjectSFTPSettings struct {
	Enabled  bool    `json:"enabled"`
	Endpoint *string `json:"endpoint"`
	Username *string `json:"username"`
}

// configured reports whether the answer describes saved settings. A PUT
// requires an endpoint and a username, so saved settings have both; an
// answer with none of them and enabled false is ProcessOut's way of saying
// there are none (the SDKs' reading of a GET before any PUT).
func (s ProjectSFTPSettings) configured() bool {
	return s.Enabled || s.Endpoint != nil && *s.Endpoint != "" || s.Username != nil && *s.Username != ""
}

// ProjectSFTPSettingsInput is what a save sends. ProcessOut's PUT replaces
// the settings whole, so every save carries a credential: exactly one of
// Password and PrivateKey (base64), the other sent as null, as the Go SDK
// does (null counts as "not provided").
type ProjectSFTPSettingsInput struct {
	Endpoint   string  `json:"endpoint"`
	Username   string  `json:"username"`
	Password   *string `json:"password"`
	PrivateKey *string `json:"private_key"`
}

// sftpSettings is the operations' shared description: the path is the
// project's, and a "gone" answer names the settings, not the project.
var sftpSettings = endpoint{name: "project_sftp_settings", item: "/projects/{project_id}/sftp-settings", key: "sftp_settings", idParam: "project_id"}

// sftpNotFoundType is the code by which ProcessOut would say a project has
// no SFTP settings, if it answers a 404 at all (the emulator's worst
// reading): ProcessOut publishes no code for them (CONTRACT.md §20).
const sftpNotFoundType = "resource.sftp-settings.not-found"

func sftpRequest(op, method, projectID string) Request {
	req := sftpSettings.itemRequest(op, method, projectID)
	req.NotFoundType = sftpNotFoundType
	return req
}

// GetProjectSFTPSettings reads the SFTP settings of project projectID (a
// bare "proj_…" ID). A project without settings is a *NotConfiguredError,
// for which IsNotFound is true: ProcessOut answers either 200 with empty
// settings or 404 resource.sftp-settings.not-found, and both mean the same.
// Any other 404 (resource.project.not-found, a route not served) is an
// *Error of KindNotServed, never "no settings".
func (c *Client) GetProjectSFTPSettings(ctx context.Context, projectID string) (*ProjectSFTPSettings, error) {
	req := sftpRequest("read", http.MethodGet, projectID)
	out, err := callFor[ProjectSFTPSettings](ctx, c, &req)
	if err != nil {
		return nil, err
	}
	if !out.configured() {
		return nil, &NotConfiguredError{Operation: req.Operation, ProjectID: projectID}
	}
	return out, nil
}

// SaveProjectSFTPSettings creates or replaces the SFTP settings of project
// projectID. ProcessOut answers only {"success": true}: nothing comes back.
func (c *Client) SaveProjectSFTPSettings(ctx context.Context, projectID string, in ProjectSFTPSettingsInput) error {
	req := sftpRequest("save", http.MethodPut, projectID)
	req.ResponseKey = ""
	req.Body = in
	return c.call(ctx, &req, nil)
}

// DeleteProjectSFTPSettings removes the SFTP settings of project projectID.
func (c *Client) DeleteProjectSFTPSettings(ctx context.Context, projectID string) error {
	req := sftpRequest("delete", http.MethodDelete, projectID)
	req.ResponseKey = ""
	return c.call(ctx, &req, nil)
}

// NotConfiguredError is ProcessOut saying a project has no SFTP settings.
type NotConfiguredError struct {
	Operation, ProjectID string
}

func (e *NotConfiguredError) Error() string {
	return fmt.Sprintf("ProcessOut answered %s: project %s has no SFTP settings", e.Operation, e.ProjectID)
}
