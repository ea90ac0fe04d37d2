package scenario

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/processout/terraform-provider-processout/internal/emulator"
	"github.com/processout/terraform-provider-processout/internal/emulator/emutest"
	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
)

func start(t *testing.T, cfg emulator.Config) *emulator.Emulator {
	t.Helper()
	e, err := emulator.Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Close)
	return e
}

// seed starts an emulator and sets the hand-built scene on it.
func seed(t *testing.T, cfg emulator.Config) (*emulator.Emulator, HandBuilt) {
	t.Helper()
	e := start(t, cfg)
	h, err := SeedHandBuilt(e)
	if err != nil {
		t.Fatal(err)
	}
	return e, h
}

// get sends a GET with Basic auth and decodes the JSON answer.
func get(t *testing.T, url, user, secret string) (int, map[string]any) {
	t.Helper()
	status, _, body := emutest.GetJSON(t, url, func(r *http.Request) { r.SetBasicAuth(user, secret) })
	return status, body
}

func TestHandBuiltSeed(t *testing.T) {
	e, h := seed(t, emulator.Config{Seed: 3})
	if len(h.GatewayConfigurations) != len(handBuiltGatewayConfigurations) || len(h.WebhookEndpoints) != len(handBuiltWebhookEndpoints) ||
		len(h.SupervisedProjects) != 1 || len(h.Products) != len(handBuiltProducts) || len(h.SFTPSettings) != 1 ||
		h.Count() != len(handBuiltGatewayConfigurations)+len(handBuiltWebhookEndpoints)+1+len(handBuiltProducts)+1 {
		t.Fatalf("seeded %s (%d)", h, h.Count())
	}
	if got := e.ProcessOut.Requests(); len(got) != 0 {
		t.Errorf("the seed's requests stayed in the log: %v", got)
	}

	// The provider's credentials list every seeded object over HTTP, in
	// creation order, disabled configurations included.
	lists := []struct {
		path, key string
		want      []string
	}{
		{"/gateway-configurations?limit=100&order=asc", "gateway_configurations", h.GatewayConfigurations},
		{"/webhook-endpoints?limit=100&order=asc", "webhook_endpoints", h.WebhookEndpoints},
		{"/supervised-projects?limit=100&order=asc", "projects", h.SupervisedProjects},
		{"/products?limit=100&order=asc", "products", h.Products},
	}
	for _, l := range lists {
		status, body := get(t, e.ProcessOutURL+l.path, e.Project.ProjectID, e.Project.Secret)
		items, _ := body[l.key].([]any)
		var ids []string
		for _, it := range items {
			obj, _ := it.(map[string]any)
			id, _ := obj["id"].(string)
			ids = append(ids, id)
		}
		if status != http.StatusOK || !slices.Equal(ids, l.want) {
			t.Errorf("GET %s: %d, ids %v, want %v", l.path, status, ids, l.want)
		}
	}

	gateways := map[string]bool{}
	disabled, named, withRegion, withMetadata := 0, 0, 0, 0
	var last time.Time
	for i, id := range h.GatewayConfigurations {
		gc, ok := e.ProcessOut.Object(processoutapi.KindGatewayConfiguration, id)
		if !ok {
			t.Fatalf("%s not stored", id)
		}
		name, _ := gc["gateway_name"].(string)
		gateways[name] = true
		if gc["enabled"] == false {
			disabled++
			if gc["enabled_at"] != nil {
				t.Errorf("%s disabled with enabled_at %v", id, gc["enabled_at"])
			}
		}
		if gc["name"] != nil {
			named++
		}
		if gc["processing_region"] != nil {
			withRegion++
		}
		if m, _ := gc["metadata"].(map[string]any); len(m) > 0 {
			withMetadata++
		}
		// Credentials reached the API and are not rendered; only the
		// gateway's public keys are.
		sent := handBuiltGatewayConfigurations[i].body["settings"]
		received := e.ProcessOut.ReceivedSettings(id)
		if sent != nil && len(received) == 0 {
			t.Errorf("%s (%s): no credentials received", id, name)
		}
		rendered, _ := json.Marshal(gc)
		for k, v := range received {
			if pk, _ := gc["public_keys"].(map[string]any); pk[k] == nil && k != "merchant_account_country" && strings.Contains(string(rendered), v) {
				t.Errorf("%s renders its secret setting %s", id, k)
			}
		}
		createdAt, _ := gc["created_at"].(string)
		created, err := time.Parse(time.RFC3339Nano, createdAt)
		if err != nil || !created.After(last) || !created.Before(time.Now().Add(-24*time.Hour)) {
			t.Errorf("%s created_at %v (after %v): want strictly increasing, in the past: %v", id, created, last, err)
		}
		last = created
	}
	for _, g := range []string{"stripe", "adyen", "braintree", "checkoutcom", "paypal", "sandbox"} {
		if !gateways[g] {
			t.Errorf("no %s configuration among %v", g, gateways)
		}
	}
	if disabled < 2 || named == len(h.GatewayConfigurations) || withRegion < 2 || withMetadata < 2 {
		t.Errorf("variety: %d disabled, %d named, %d with a region, %d with metadata", disabled, named, withRegion, withMetadata)
	}

	filtered := 0
	for _, id := range h.WebhookEndpoints {
		we, _ := e.ProcessOut.Object(processoutapi.KindWebhookEndpoint, id)
		if events, _ := we["events_whitelist"].([]any); len(events) > 0 {
			filtered++
		}
	}
	if filtered == 0 || filtered == len(h.WebhookEndpoints) {
		t.Errorf("%d of %d webhook endpoints filter events: want some of each", filtered, len(h.WebhookEndpoints))
	}
	p, _ := e.ProcessOut.Object(processoutapi.KindProject, h.SupervisedProjects[0])
	if p["supervisor_project_id"] != e.ProjectID || p["private_key"] != nil {
		t.Errorf("supervised project %v", p)
	}

	// The SFTP settings of the payout exports, read as the provider reads
	// them, without their password, which the API received; saved long ago.
	status, body := get(t, e.ProcessOutURL+"/projects/"+e.ProjectID+"/sftp-settings", e.Project.ProjectID, e.Project.Secret)
	settings, _ := body["sftp_settings"].(map[string]any)
	if status != http.StatusOK || h.SFTPSettings[0] != e.ProjectID || settings["endpoint"] != handBuiltSFTPSettings["endpoint"] ||
		settings["username"] != handBuiltSFTPSettings["username"] || settings["enabled"] != true || len(settings) != 3 {
		t.Errorf("SFTP settings %d %v", status, body)
	}
	if creds, _ := e.ProcessOut.SFTPCredentials(e.ProjectID); creds.Password != handBuiltSFTPSettings["password"] {
		t.Errorf("SFTP credentials received: %+v", creds)
	}
	stored, _ := e.ProcessOut.Object(processoutapi.KindSFTPSettings, e.ProjectID)
	savedAtText, _ := stored["saved_at"].(string)
	if savedAt, err := time.Parse(time.RFC3339Nano, savedAtText); err != nil || !savedAt.After(last) || !savedAt.Before(time.Now().Add(-24*time.Hour)) {
		t.Errorf("SFTP settings saved_at %v: want after the other objects, in the past (%v)", stored["saved_at"], err)
	}
}

func TestHandBuiltSeedNeedsRoomInTheRateLimit(t *testing.T) {
	e := start(t, emulator.Config{Seed: 3, RateLimitPerMinute: 5})
	if _, err := SeedHandBuilt(e); err == nil || !strings.Contains(err.Error(), "429") {
		t.Fatalf("a rate limit below the seed's size: err %v", err)
	}
}

func TestWithoutHandBuiltSeedTheProjectIsEmpty(t *testing.T) {
	e := start(t, emulator.Config{Seed: 3})
	if n := len(e.ProcessOut.Objects(e.ProjectID, processoutapi.KindGatewayConfiguration)); n != 0 {
		t.Fatalf("%d gateway configurations without the hand-built seed", n)
	}
}
