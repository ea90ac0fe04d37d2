package provider

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/processout/terraform-provider-processout/internal/direct"
	"github.com/processout/terraform-provider-processout/internal/httpx"
	"github.com/processout/terraform-provider-processout/internal/membrane"
	"github.com/processout/terraform-provider-processout/internal/processout"
)

// providerData is what resources and data sources receive from Configure.
type providerData struct {
	api        *processout.Client
	membrane   *membrane.Client
	connection *membrane.Connection
	gateways   catalog
	supervised supervisedAccess
	// connected is the project the credentials belong to (connected.go);
	// projectScope names it for diagnostics, as "project proj_…" or "the
	// project of the Membrane connection …".
	connected    *connectedProject
	projectScope string
	applePay     applePaySlots
}

// supervisedAccess reaches ProcessOut authenticated as a supervised project,
// with the private key its creation returned: ProcessOut may read
// /projects/{id} as the authenticated project whatever the id (CONTRACT.md
// §11), so only the project's own credentials are sure to reach it. The
// calls go straight to processout_api_url under either transport: the
// Membrane proxy strips the Authorization header.
type supervisedAccess struct {
	base      *url.URL
	http      *httpx.Client
	userAgent string
}

// as is a client authenticated as project id with its private key; sandbox
// projects authenticate with the "test-" form of their id, as ProcessOut's
// sandbox credentials do.
func (a supervisedAccess) as(id, privateKey string, sandbox bool) *processout.Client {
	user := id
	if sandbox {
		user = "test-" + id
	}
	return processout.New(direct.New(a.base, user, privateKey, a.http.WithSecrets(privateKey), a.userAgent))
}

// userAgent names the provider's version (stamped into released binaries
// with -X main.version) and the CLI's, as the CLI reports it (OpenTofu
// reports its own), so ProcessOut and Membrane can tell the callers apart.
func userAgent(providerVersion, cliVersion string) string {
	ua := "terraform-provider-processout/" + providerVersion
	if cliVersion != "" {
		ua += " (terraform-cli/" + cliVersion + ")"
	}
	return ua
}

// buildClient builds the transport and checks it can be used, so a bad token,
// an unusable connection or a refused project secret is reported at plan
// time, once per provider process. observer may be nil.
func buildClient(ctx context.Context, cfg settings, userAgent string, observer httpx.Observer, diags *diag.Diagnostics) *providerData {
	policy := httpx.DefaultPolicy()
	policy.MaxAttempts = cfg.maxRetries + 1
	policy.AttemptTimeout = cfg.requestTimeout
	policy.MaxElapsed = cfg.retryBudget
	httpClient := httpx.New(policy, cfg.token, cfg.workspaceSecret, cfg.projectSecret)
	if observer != nil {
		httpClient.Observe(observer)
	}
	httpClient.OnRetry(logRetry)
	httpClient.NameEndpoint(cfg.processoutURL, orEnv(&settingProcessOutURL))
	if cfg.transport == transportMembrane {
		httpClient.NameEndpoint(cfg.membraneURL, orEnv(&settingMembraneURL))
	}

	supervised := supervisedAccess{base: cfg.processoutURL, http: httpClient, userAgent: userAgent}
	if cfg.transport == transportDirect {
		t := direct.New(cfg.processoutURL, cfg.projectID, cfg.projectSecret, httpClient, userAgent)
		api := processout.New(t, processout.WithProject(cfg.projectID))
		if !checkDirectCredentials(ctx, api, cfg, diags) {
			return nil
		}
		connected := knownProject(cfg.projectID)
		return &providerData{api: api, supervised: supervised, connected: connected, projectScope: "project " + connected.id}
	}

	var tokens membrane.TokenSource = membrane.StaticToken(cfg.token)
	if cfg.token == "" {
		tokens = &membrane.WorkspaceKeyMinter{WorkspaceKey: cfg.workspaceKey, WorkspaceSecret: cfg.workspaceSecret, TenantKey: cfg.tenantKey}
	}
	mc := membrane.NewClient(cfg.membraneURL, tokens, httpClient, userAgent)
	conn := findConnection(ctx, mc, cfg.connectionID, diags)
	if conn == nil {
		return nil
	}
	var transport processout.Transport = membrane.NewProxyTransport(mc, conn.ID)
	if len(cfg.actions) > 0 {
		if checkRoutedActions(ctx, mc, conn.ID, cfg.actions, diags); diags.HasError() {
			return nil
		}
		transport = membrane.NewActionTransport(mc, conn.ID, cfg.actions)
	}
	return &providerData{
		api:          processout.New(transport),
		membrane:     mc,
		connection:   conn,
		supervised:   supervised,
		connected:    &connectedProject{},
		projectScope: "the project of the Membrane connection " + conn.ID,
	}
}

// findConnection returns the configured connection, or the tenant's only
// usable ProcessOut connection, with a diagnostic saying what to do when
// there is none or more than one.
func findConnection(ctx context.Context, mc *membrane.Client, id string, diags *diag.Diagnostics) *membrane.Connection {
	if id != "" {
		conn, err := mc.GetConnection(ctx, id)
		if err != nil {
			addMembraneError(diags, err, id)
			return nil
		}
		if !conn.Usable() {
			diags.AddAttributeError(path.Root(settingConnectionID.attr), "Membrane connection not ready", (&membrane.NotUsableError{Connection: *conn}).Error()+".")
			return nil
		}
		return conn
	}
	all, err := mc.ListConnections(ctx)
	if err != nil {
		addMembraneError(diags, err, "")
		return nil
	}
	candidates := processOutConnections(all)
	var usable []membrane.Connection
	for _, c := range candidates {
		if c.Usable() {
			usable = append(usable, c)
		}
	}
	if len(usable) == 1 {
		return &usable[0]
	}
	what := "no ProcessOut connection"
	if len(usable) > 1 {
		what = fmt.Sprintf("%d usable ProcessOut connections", len(usable))
	} else if len(candidates) > 0 {
		what = "no READY ProcessOut connection"
	}
	diags.AddAttributeError(path.Root(settingConnectionID.attr), "Cannot choose a Membrane connection",
		fmt.Sprintf("%s is not set and the Membrane tenant has %s.\n%s\nSet %s to one of the ids above; "+
			"`membrane connect --connectorKey processout` creates a connection, `membrane connection list` shows them.", settingConnectionID.attr, what, listConnections(candidates), orEnv(&settingConnectionID)))
	return nil
}

// processOutConnections keeps the connections to ProcessOut; when Membrane
// does not say which app a connection is for, all of them are candidates.
func processOutConnections(all []membrane.Connection) []membrane.Connection {
	var out []membrane.Connection
	for _, c := range all {
		if strings.Contains(strings.ToLower(c.IntegrationKey+" "+c.Key+" "+c.Name), "processout") {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return all
	}
	return out
}

func listConnections(conns []membrane.Connection) string {
	if len(conns) == 0 {
		return "Connections found: none."
	}
	var b strings.Builder
	b.WriteString("Connections found:")
	for _, c := range conns {
		fmt.Fprintf(&b, "\n  - %s %q state=%s connected=%t", c.ID, c.Name, c.State, c.IsConnected())
	}
	return b.String()
}

func addMembraneError(diags *diag.Diagnostics, err error, connectionID string) {
	var me *membrane.Error
	switch {
	case errors.As(err, &me) && me.IsAuthentication():
		diags.AddAttributeError(path.Root(settingToken.attr), "Membrane did not accept the credentials",
			fmt.Sprintf("%v.\nCheck %s (%s) or the workspace key, secret and tenant key; a token from `membrane token` expires, mint a fresh one.", err, settingToken.attr, settingToken.env[0]))
	case errors.As(err, &me) && me.IsNotFound() && connectionID != "":
		diags.AddAttributeError(path.Root(settingConnectionID.attr), "Membrane connection not found",
			fmt.Sprintf("Membrane has no connection %q visible to this tenant (%v). `membrane connection list` shows the tenant's connections.", connectionID, err))
	default:
		diags.AddError("Cannot reach Membrane", fmt.Sprintf("%v\nCheck membrane_api_url (or MEMBRANE_API_URL): it must be Membrane's API, "+
			"%s unless your Membrane deployment has another address, reachable from here.%s", err, settingMembraneURL.def, hintLine(err)))
	}
}
