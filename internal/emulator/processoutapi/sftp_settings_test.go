package processoutapi

import (
	"net/http"
	"testing"
	"time"
)

const sftpKey = "LS0tLS1CRUdJTiBPUEVOU1NIIFBSSVZBVEUgS0VZLS0tLS0K" // base64 of a PEM header line

// TestSFTPSettings: PUT creates and replaces, answering no object; GET
// returns the settings without credentials; DELETE removes them; before
// any PUT and after DELETE the GET answers empty settings (the convention).
func TestSFTPSettings(t *testing.T) {
	s, c := newTestServer(t, Options{})
	path := "/projects/" + c.user + "/sftp-settings"
	unset := func(when string) {
		t.Helper()
		got := c.do("GET", path, nil).object(t, "sftp_settings")
		if got["enabled"] != false || got["endpoint"] != nil || got["username"] != nil || len(got) != 3 {
			t.Errorf("%s: %v, want enabled false, endpoint and username null", when, got)
		}
	}
	unset("before any PUT")

	saved := c.do("PUT", path, map[string]any{"endpoint": "sftp.example.com:22", "username": "payouts", "password": "hunter2", "private_key": nil}).ok(t)
	if len(saved) != 1 {
		t.Errorf("PUT answered %v, want only success", saved)
	}
	got := c.do("GET", path, nil).object(t, "sftp_settings")
	if got["enabled"] != true || got["endpoint"] != "sftp.example.com:22" || got["username"] != "payouts" || len(got) != 3 {
		t.Errorf("GET = %v", got)
	}
	if creds, ok := s.SFTPCredentials(c.user); !ok || creds != (SFTPCredentials{Password: "hunter2"}) {
		t.Errorf("credentials = %+v, %v", creds, ok)
	}
	// Replaced whole, in the "test-" form of the ID too.
	c.do("PUT", "/projects/test-"+c.user+"/sftp-settings", map[string]any{"endpoint": "[2001:db8::1]:2222", "username": "po", "private_key": sftpKey}).ok(t)
	if creds, _ := s.SFTPCredentials(c.user); creds != (SFTPCredentials{PrivateKey: sftpKey}) {
		t.Errorf("credentials after the replacement = %+v", creds)
	}
	if objs := s.Objects(c.user, KindSFTPSettings); len(objs) != 1 || objs[0]["endpoint"] != "[2001:db8::1]:2222" || objs[0]["id"] != c.user {
		t.Errorf("Objects = %v", objs)
	}

	for name, body := range map[string]map[string]any{
		"request.validation.missing-endpoint":    {"username": "u", "password": "p"},
		"request.validation.invalid-endpoint":    {"endpoint": "sftp.example.com", "username": "u", "password": "p"},
		"request.validation.missing-username":    {"endpoint": "h:22", "password": "p"},
		"request.validation.missing-credentials": {"endpoint": "h:22", "username": "u", "password": nil, "private_key": nil},
		"request.validation.invalid-credentials": {"endpoint": "h:22", "username": "u", "password": "p", "private_key": sftpKey},
		"request.validation.invalid-private-key": {"endpoint": "h:22", "username": "u", "private_key": "-----BEGIN KEY-----"},
	} {
		c.do("PUT", path, body).fails(t, http.StatusBadRequest, name)
	}
	if creds, _ := s.SFTPCredentials(c.user); creds != (SFTPCredentials{PrivateKey: sftpKey}) {
		t.Errorf("a refused PUT changed the credentials: %+v", creds)
	}

	// Another project's ID is not found, and nothing of it is touched.
	other := s.AddProject("Other", false)
	c.do("GET", "/projects/"+other.ProjectID+"/sftp-settings", nil).fails(t, http.StatusNotFound, "resource.project.not-found")
	c.do("DELETE", "/projects/"+other.ProjectID+"/sftp-settings", nil).fails(t, http.StatusNotFound, "resource.project.not-found")

	c.do("DELETE", path, nil).ok(t)
	unset("after DELETE")
	if _, ok := s.SFTPCredentials(c.user); ok {
		t.Error("the credentials outlived the settings")
	}
	c.do("DELETE", path, nil).ok(t) // nothing to delete: still a success
}

// TestSFTPSettingsWorstReadings: unset settings answer 404 naming them, a
// fresh first save is not seen for a moment, and the path's ID is ignored.
func TestSFTPSettingsWorstReadings(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	s, c := newTestServer(t, Options{Readings: Worst(), Now: func() time.Time { return now }})
	other := s.AddProject("Other", false)
	path := "/projects/" + c.user + "/sftp-settings"
	c.do("GET", path, nil).fails(t, http.StatusNotFound, "resource.sftp-settings.not-found")
	c.do("DELETE", path, nil).fails(t, http.StatusNotFound, "resource.sftp-settings.not-found")

	// Saved through another project's ID: the authenticated project's.
	c.do("PUT", "/projects/"+other.ProjectID+"/sftp-settings", map[string]any{"endpoint": "h:22", "username": "u", "password": "p"}).ok(t)
	if len(s.Objects(other.ProjectID, KindSFTPSettings)) != 0 || len(s.Objects(c.user, KindSFTPSettings)) != 1 {
		t.Fatal("the save did not land on the authenticated project")
	}
	c.do("GET", path, nil).fails(t, http.StatusNotFound, "resource.sftp-settings.not-found")
	now = now.Add(WorstReadLag)
	if got := c.do("GET", path, nil).object(t, "sftp_settings"); got["endpoint"] != "h:22" {
		t.Errorf("after the read lag: %v", got)
	}
}

// Deleting a project takes its SFTP settings and credentials with it.
func TestSFTPSettingsGoWithTheirProject(t *testing.T) {
	s, c := newTestServer(t, Options{})
	child := obj(c.do("POST", "/supervised-projects", map[string]any{"name": "Child"}).object(t, "project"))
	childClient := s.client(t, ProjectCredentials{ProjectID: str(child["id"]), Secret: str(child["private_key"])})
	childClient.do("PUT", "/projects/"+str(child["id"])+"/sftp-settings", map[string]any{"endpoint": "h:22", "username": "u", "password": "p"}).ok(t)
	c.do("DELETE", "/projects/"+str(child["id"]), nil).ok(t)
	if _, ok := s.Object(KindSFTPSettings, str(child["id"])); ok {
		t.Error("the settings outlived their project")
	}
	if _, ok := s.SFTPCredentials(str(child["id"])); ok {
		t.Error("the credentials outlived their project")
	}
}
