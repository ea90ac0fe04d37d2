package processoutapi

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Project is a ProcessOut project (CONTRACT.md §11).
type Project struct {
	ID                    string            `json:"id"`
	SupervisorProject     *Project          `json:"supervisor_project,omitempty"` // expand=supervisor_project
	SupervisorProjectID   *string           `json:"supervisor_project_id"`        // null at top level
	APIVersion            *APIVersion       `json:"api_version,omitempty"`        // expand=api_version
	Name                  string            `json:"name"`
	LogoURL               *string           `json:"logo_url"`
	Email                 *string           `json:"email"`
	DefaultCurrency       *string           `json:"default_currency"`
	PrivateKey            string            `json:"private_key,omitempty"` // only in the POST /supervised-projects answer
	DunningConfiguration  []DunningAction   `json:"dunning_configuration"`
	ApplepaySettings      map[string]any    `json:"applepay_settings"`
	PublicMetadata        map[string]string `json:"public_metadata"`
	GatewayConfigurations *[]any            `json:"gateway_configurations,omitempty"` // expand=gateway_configurations
	RegionName            string            `json:"region_name"`
	Sandbox               bool              `json:"sandbox"`
	FeatureFlags          []string          `json:"feature_flags"`
	CreatedAt             time.Time         `json:"created_at"`
}

// DunningAction is one step of a project's dunning configuration.
type DunningAction struct {
	Action      string `json:"action"` // retry | cancel | set_past_due | leave_unchanged
	DelayInDays int    `json:"delay_in_days"`
}

// APIVersion is the expandable api_version of a project.
type APIVersion struct {
	Name        string    `json:"name"`
	Description string    `json:"description"`
	CreatedAt   time.Time `json:"created_at"`
}

const regionName = "aws-us-east-1"

var dunningActions = []string{"retry", "cancel", "set_past_due", "leave_unchanged"}

var currentAPIVersion = APIVersion{
	Name:        "1.4.0.0",
	Description: "API version sent by the server SDKs; the emulator serves every API-Version value alike.",
	CreatedAt:   time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC),
}

var projectSpec = &kindSpec{
	kind: KindProject, single: "project", plural: "projects", resource: "project", label: "project",
	expands: []string{"supervisor_project", "api_version", "gateway_configurations"},
	find:    findProject,
	// GET /supervised-projects: the projects the caller supervises directly.
	items: func(s *Server, c *reqCtx) ([]*record, *apiError) {
		return s.st.list(listKey{kind: KindProject, owner: c.projectID}), nil
	},
	create:  createProject,
	update:  updateProject,
	created: revealPrivateKey,
	empty:   func() object { return &Project{} },
}

func (p *Project) ident() ident {
	owner := ""
	if p.SupervisorProjectID != nil {
		owner = *p.SupervisorProjectID
	}
	// Projects are not split by mode: a supervisor sees every child.
	return ident{id: p.ID, owner: owner, created: p.CreatedAt}
}

func (p *Project) clone() object { cp := *p; return &cp }

func (p *Project) normalize() {
	p.SupervisorProject, p.APIVersion, p.GatewayConfigurations, p.PrivateKey = nil, nil, nil, ""
	p.CreatedAt = p.CreatedAt.UTC()
	if p.DunningConfiguration == nil {
		p.DunningConfiguration = []DunningAction{}
	}
	if p.PublicMetadata == nil {
		p.PublicMetadata = map[string]string{}
	}
	if p.FeatureFlags == nil {
		p.FeatureFlags = []string{}
	}
}

func (p *Project) view(s *Server, vc viewCtx) any {
	cp := *p
	if vc.ex["supervisor_project"] && p.SupervisorProjectID != nil {
		cp.SupervisorProject = s.projectView(*p.SupervisorProjectID)
	}
	if vc.ex["api_version"] {
		v := currentAPIVersion
		cp.APIVersion = &v
	}
	if vc.ex["gateway_configurations"] {
		configs := []any{}
		for _, rec := range s.st.list(listKey{kind: KindGatewayConfiguration, owner: p.ID, sandbox: vc.sandbox}) {
			configs = append(configs, rec.obj.view(s, viewCtx{sandbox: vc.sandbox}))
		}
		cp.GatewayConfigurations = &configs
	}
	return &cp
}

// projectView is a project as expanded inside another object (nil if gone).
func (s *Server) projectView(id string) *Project {
	rec := s.st.get(KindProject, id)
	if rec == nil {
		return nil
	}
	return as[*Project](rec.obj.view(s, viewCtx{}))
}

// findProject resolves /projects/{id} and the cursors of
// /supervised-projects. The literal "{project_id}" (sent raw or as
// %7Bproject_id%7D by the SDKs) is the authenticated project, and so is any
// id in the path under Readings.ProjectPathIgnored. A project may see itself
// and any project it supervises, directly or through intermediate
// supervised projects; anything else is not found.
func findProject(s *Server, c *reqCtx, id string) *record {
	if id == "{project_id}" || s.readings.ProjectPathIgnored && c.pathNames(id) {
		id = c.projectID
	}
	rec := s.st.get(KindProject, id)
	if rec == nil || (rec.id != c.projectID && !s.supervises(c.projectID, rec)) {
		return nil
	}
	return rec
}

func (s *Server) supervises(supervisor string, rec *record) bool {
	for depth, owner := 0, rec.owner; owner != "" && depth < 64; depth++ {
		if owner == supervisor {
			return true
		}
		parent := s.st.get(KindProject, owner)
		if parent == nil {
			return false
		}
		owner = parent.owner
	}
	return false
}

func (s *Server) newSecret(sandbox bool) string {
	if sandbox {
		return "key_sandbox_" + s.randomString(32, alnum)
	}
	return "key_live_" + s.randomString(32, alnum)
}

func (s *Server) newProject(name string, sandbox bool) *Project {
	return &Project{
		Name:                 name,
		DunningConfiguration: []DunningAction{},
		PublicMetadata:       map[string]string{},
		RegionName:           regionName,
		Sandbox:              sandbox,
		FeatureFlags:         []string{},
		CreatedAt:            s.clock(),
	}
}

// AddProject creates a top-level (unsupervised) project and returns its
// Basic-auth credentials. sandbox=true gives a "test-proj_…" username and a
// key_sandbox_… secret, and the project carries "sandbox": true. Either form
// of the username authenticates with the secret; the prefix picks the mode.
func (s *Server) AddProject(name string, sandbox bool) ProjectCredentials {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.newProject(name, sandbox)
	p.ID = s.newID(KindProject, "proj_", alnum)
	s.secrets[p.ID] = s.newSecret(sandbox)
	s.insertObject(KindProject, p)
	user := p.ID
	if sandbox {
		user = "test-" + p.ID
	}
	return ProjectCredentials{ProjectID: user, Secret: s.secrets[p.ID]}
}

// createProject serves POST /supervised-projects. The new project is
// supervised by the caller, takes the caller's mode as its "sandbox" flag
// and gets its own secret (returned once, as private_key), so it can also
// authenticate itself. A caller-supplied id is honoured [U].
func createProject(s *Server, c *reqCtx, in *input) (object, *apiError) {
	p := s.newProject("", c.sandbox)
	supervisor := c.projectID
	p.SupervisorProjectID = &supervisor
	id := s.objectID(in, KindProject, "proj_", alnum)
	applyProject(in, p, true)
	if v, ok := in.get("applepay_settings"); ok {
		if obj, isObject := v.(map[string]any); isObject {
			p.ApplepaySettings = obj
		} else {
			in.fail("invalid-applepay-settings", "applepay_settings", "The applepay_settings must be an object.") // [U] code
		}
	}
	if err := in.err(); err != nil {
		return nil, err
	}
	p.ID = id()
	s.secrets[p.ID] = s.newSecret(c.sandbox)
	return p, nil
}

// updateProject serves PUT /projects/{id}: name, logo_url, email,
// default_currency, dunning_configuration and public_metadata; null or
// absent leaves a field unchanged [U] (CONTRACT.md §10, §11).
func updateProject(s *Server, c *reqCtx, in *input, obj object) *apiError {
	applyProject(in, as[*Project](obj), false)
	return in.err()
}

func revealPrivateKey(s *Server, rec *record, view any) {
	as[*Project](view).PrivateKey = s.secrets[rec.id]
}

func applyProject(in *input, p *Project, creating bool) {
	if name, ok := in.str("name", "invalid-name"); ok {
		switch {
		case strings.TrimSpace(name) == "":
			in.fail("missing-name", "name", "The name must not be empty.")
		case utf8.RuneCountInString(name) > 255:
			in.fail("invalid-name", "name", "The name must not exceed 255 characters.")
		default:
			p.Name = name
		}
	} else if creating {
		in.fail("missing-name", "name", "The name is required.")
	}
	in.setText(&p.LogoURL, "logo_url", "invalid-url", 2048, validHTTPURL, "The logo_url must be a valid http or https URL.")
	in.setText(&p.Email, "email", "invalid-email", 254, validEmail, "The email must be a valid email address.")
	in.setCurrency(&p.DefaultCurrency, "default_currency")
	if d, ok := readDunning(in); ok {
		p.DunningConfiguration = d
	}
	if m, ok := in.strMap("public_metadata", "invalid-metadata"); ok {
		p.PublicMetadata = m
	}
}

// readDunning validates dunning_configuration: an array of
// {action: retry|cancel|set_past_due|leave_unchanged, delay_in_days >= 0}.
// The error code is [U]: request.validation.invalid-dunning-configuration.
func readDunning(in *input) ([]DunningAction, bool) {
	const code = "invalid-dunning-configuration"
	v, ok := in.get("dunning_configuration")
	if !ok {
		return nil, false
	}
	arr, isArray := v.([]any)
	if !isArray {
		in.fail(code, "dunning_configuration", "The dunning_configuration must be an array of {action, delay_in_days} objects.")
		return nil, false
	}
	out := make([]DunningAction, 0, len(arr))
	valid := true
	for i, item := range arr {
		field := fmt.Sprintf("dunning_configuration[%d]", i)
		obj, isObject := item.(map[string]any)
		if !isObject {
			in.fail(code, field, fmt.Sprintf("The %s must be an object.", field))
			valid = false
			continue
		}
		step := newInput(obj)
		var action DunningAction
		if a, ok := step.str("action", code); !ok || !slices.Contains(dunningActions, a) {
			in.fail(code, field+".action", fmt.Sprintf("The %s.action must be one of %s.", field, strings.Join(dunningActions, ", ")))
			valid = false
		} else {
			action.Action = a
		}
		if d, ok := step.integer("delay_in_days", code); ok && d >= 0 && d <= 3650 {
			action.DelayInDays = int(d)
		} else if _, given := step.get("delay_in_days"); given {
			in.fail(code, field+".delay_in_days", fmt.Sprintf("The %s.delay_in_days must be an integer between 0 and 3650.", field))
			valid = false
		}
		out = append(out, action)
	}
	return out, valid
}
