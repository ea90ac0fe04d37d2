package provider

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// connectedProject is the ID of the project the provider's credentials
// belong to, for the calls whose path must name it (a project's SFTP
// settings). Under the direct transport it is project_id; through Membrane
// the connection's credentials are not visible, so it is read once per
// provider process with GET /projects/{project_id}, the literal template:
// the authenticated project under every reading of ProcessOut's API
// (CONTRACT.md §11). A failed read is not remembered.
type connectedProject struct {
	mu sync.Mutex
	id string // bare "proj_…"; empty until known
	// The last check that the project has no other SFTP settings than
	// declared (checkNoOtherSettings), and when it was made.
	sftpChecked   sftpDeclared
	sftpCheckedAt time.Time
}

// knownProject is the connected project of credentials that name it.
func knownProject(projectID string) *connectedProject {
	return &connectedProject{id: strings.TrimPrefix(projectID, "test-")}
}

// knownID is the bare ID of the connected project when it is known without
// a call (the direct transport's project_id, or an earlier read); "" if not.
func (c *connectedProject) knownID() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.id
}

// connectedProjectID returns the bare ID of the connected project.
func (d *providerData) connectedProjectID(ctx context.Context) (string, error) {
	d.connected.mu.Lock()
	defer d.connected.mu.Unlock()
	if d.connected.id != "" {
		return d.connected.id, nil
	}
	p, err := d.api.GetProject(ctx, processout.CurrentProject)
	if err != nil {
		return "", err
	}
	d.connected.id = p.ID
	return p.ID, nil
}
