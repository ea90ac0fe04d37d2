package processoutapi

import (
	"net/http"
	"strings"
	"testing"
)

func TestProjectLiteralPath(t *testing.T) {
	_, c := newTestServer(t, Options{})
	for _, path := range []string{"/projects/{project_id}", "/projects/%7Bproject_id%7D", "/projects/" + c.user} {
		p := c.do("GET", path, nil).object(t, "project")
		if p["id"] != c.user || p["supervisor_project_id"] != nil || p["region_name"] != "aws-us-east-1" {
			t.Errorf("GET %s = %v", path, p)
		}
		if _, leaked := p["private_key"]; leaked {
			t.Errorf("GET %s returned private_key", path)
		}
	}
}

func TestSupervisedProjects(t *testing.T) {
	s, parent := newTestServer(t, Options{})
	create := parent.do("POST", "/supervised-projects", map[string]any{
		"name":                  "Child",
		"default_currency":      "EUR",
		"dunning_configuration": []any{map[string]any{"action": "retry", "delay_in_days": 3}, map[string]any{"action": "cancel", "delay_in_days": 0}},
		"public_metadata":       map[string]any{"team": "payments"},
		"applepay_settings":     map[string]any{"merchant_domain_names": []any{"shop.example.com"}},
		"email":                 "ops@example.com",
		"logo_url":              "https://example.com/logo.png",
		"expand":                []any{"supervisor_project"},
	})
	child := create.object(t, "project")
	key, _ := child["private_key"].(string)
	if !strings.HasPrefix(key, "key_live_") {
		t.Fatalf("creation answer private_key = %q", key)
	}
	childID := str(child["id"])
	if child["supervisor_project_id"] != parent.user || child["default_currency"] != "EUR" || child["email"] != "ops@example.com" {
		t.Errorf("child = %v", child)
	}
	if sup, _ := child["supervisor_project"].(map[string]any); sup["id"] != parent.user {
		t.Errorf("expanded supervisor_project = %v", child["supervisor_project"])
	}

	// private_key never again: not on GET, list, update, or Object().
	got := parent.do("GET", "/projects/"+childID, nil).object(t, "project")
	listed := parent.do("GET", "/supervised-projects", nil).items(t, "projects")
	updated := parent.do("PUT", "/projects/"+childID, map[string]any{"name": "Child renamed"}).object(t, "project")
	inspected, _ := s.Object(KindProject, childID)
	for name, p := range map[string]map[string]any{"GET": got, "list": listed[0], "PUT": updated, "Object": inspected} {
		if _, leaked := p["private_key"]; leaked {
			t.Errorf("%s returned private_key", name)
		}
	}
	if len(listed) != 1 || listed[0]["id"] != childID {
		t.Errorf("supervised list = %v", ids(listed))
	}
	// null/absent fields are unchanged by PUT.
	if updated["name"] != "Child renamed" || updated["default_currency"] != "EUR" || updated["email"] != "ops@example.com" {
		t.Errorf("after PUT: %v", updated)
	}
	if d, _ := updated["dunning_configuration"].([]any); len(d) != 2 {
		t.Errorf("dunning_configuration lost: %v", updated["dunning_configuration"])
	}

	// The child authenticates itself with its private key, sees itself but
	// not its supervisor.
	childClient := client{t: t, h: s, user: childID, secret: key}
	if p := childClient.do("GET", "/projects/{project_id}", nil).object(t, "project"); p["id"] != childID {
		t.Errorf("child sees %v", p["id"])
	}
	childClient.do("GET", "/projects/"+parent.user, nil).fails(t, http.StatusNotFound, "resource.project.not-found")
	// A grandchild is visible to the top-level supervisor.
	grand := childClient.do("POST", "/supervised-projects", map[string]any{"name": "Grandchild"}).object(t, "project")
	parent.do("GET", "/projects/"+str(grand["id"]), nil).ok(t)
	// Unrelated projects are not found.
	stranger := s.client(t, s.AddProject("Stranger", false))
	stranger.do("GET", "/projects/"+childID, nil).fails(t, http.StatusNotFound, "resource.project.not-found")
	stranger.do("DELETE", "/projects/"+childID, nil).fails(t, http.StatusNotFound, "resource.project.not-found")

	// Validation.
	parent.do("POST", "/supervised-projects", map[string]any{}).fails(t, http.StatusBadRequest, "request.validation.missing-name")
	parent.do("POST", "/supervised-projects", map[string]any{"name": "X", "default_currency": "EURO"}).
		fails(t, http.StatusBadRequest, "request.validation.invalid-currency")
	bad := parent.do("PUT", "/projects/"+childID, map[string]any{"dunning_configuration": []any{
		map[string]any{"action": "explode", "delay_in_days": 1}, map[string]any{"action": "retry", "delay_in_days": -2}}})
	names := invalidFieldNames(t, bad.fails(t, http.StatusBadRequest, "request.validation.invalid-dunning-configuration"))
	if strings.Join(names, ",") != "dunning_configuration[0].action,dunning_configuration[1].delay_in_days" {
		t.Errorf("dunning invalid_fields = %v", names)
	}
	parent.do("PUT", "/projects/{project_id}", map[string]any{"email": "not-an-email"}).
		fails(t, http.StatusBadRequest, "request.validation.invalid-email")

	// Deleting the child deletes its objects and its own children.
	cust := childClient.do("POST", "/customers", map[string]any{}).object(t, "customer")
	parent.do("DELETE", "/projects/"+childID, nil).ok(t)
	if _, ok := s.Object(KindCustomer, str(cust["id"])); ok {
		t.Error("child's customer survived the child")
	}
	if _, ok := s.Object(KindProject, str(grand["id"])); ok {
		t.Error("grandchild survived its supervisor")
	}
	childClient.do("GET", "/customers", nil).fails(t, http.StatusUnauthorized, "request.authentication.invalid")
}

func TestDeleteOwnProjectWithGoPath(t *testing.T) {
	_, c := newTestServer(t, Options{})
	c.do("DELETE", "/projects/%7Bproject_id%7D", `{"expand":null,"filter":"","limit":0}`).ok(t)
	c.do("GET", "/projects/{project_id}", nil).fails(t, http.StatusUnauthorized, "request.authentication.invalid")
}

// TestProjectPathIgnored: under the worst reading GET, PUT and DELETE
// /projects/{id} act on the authenticated project whatever the id, while
// the supervised list (and its cursors) still name the children.
func TestProjectPathIgnored(t *testing.T) {
	s, parent := newTestServer(t, Options{Readings: Readings{ProjectPathIgnored: true}})
	var children []map[string]any
	for _, name := range []string{"Child A", "Child B"} {
		children = append(children, parent.do("POST", "/supervised-projects", map[string]any{"name": name}).object(t, "project"))
	}
	childID := str(children[0]["id"])
	if got := parent.do("GET", "/projects/"+childID, nil).object(t, "project"); got["id"] != parent.user {
		t.Errorf("GET /projects/%s as the supervisor read %v, want the supervisor", childID, got["id"])
	}
	if got := parent.do("PUT", "/projects/"+childID, map[string]any{"name": "Renamed"}).object(t, "project"); got["id"] != parent.user || got["name"] != "Renamed" {
		t.Errorf("PUT /projects/%s as the supervisor changed %v", childID, got)
	}
	if child, _ := s.Object(KindProject, childID); child["name"] != "Child A" {
		t.Errorf("the child was renamed: %v", child)
	}
	page := parent.do("GET", "/supervised-projects?limit=1&order=asc&start_after="+childID, nil).items(t, "projects")
	if len(page) != 1 || page[0]["id"] != children[1]["id"] {
		t.Errorf("the page after cursor %s = %v", childID, ids(page))
	}

	// The child's own credentials reach the child.
	own := client{t: t, h: s, user: childID, secret: str(children[0]["private_key"])}
	if got := own.do("PUT", "/projects/"+childID, map[string]any{"name": "Child A2"}).object(t, "project"); got["id"] != childID || got["name"] != "Child A2" {
		t.Errorf("PUT as the child = %v", got)
	}
	own.do("DELETE", "/projects/"+childID, nil).ok(t)
	if _, ok := s.Object(KindProject, childID); ok {
		t.Error("the child survived its own delete")
	}

	parent.do("DELETE", "/projects/"+str(children[1]["id"]), nil).ok(t)
	if _, ok := s.Object(KindProject, parent.user); ok {
		t.Error("DELETE /projects/{child} as the supervisor left the supervisor: the reading is not played")
	}
	if _, ok := s.Object(KindProject, str(children[1]["id"])); ok {
		t.Error("the supervisor's delete should have taken its children with it")
	}
}
