package faultsuite

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/processout/terraform-provider-processout/internal/emulator"
	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
)

// Every fleet declares the connected project's SFTP settings once, with a
// write-only password (the sensitive one for older CLIs), and the update
// step changes their endpoint, username and password version.
func TestFleetDeclaresSFTPSettings(t *testing.T) {
	for name, f := range map[string]fleet{
		"fault suite":  newFleet(40),
		"interrupt":    fleetOf(composition{sftpSettings: true, webhooks: 19, stripe: 20}),
		"lost answers": fleetOf(composition{sftpSettings: true, products: 9, webhooks: 15}),
	} {
		if got := f.count()[kindSFTP]; got != 1 {
			t.Errorf("%s: %d SFTP settings declared, want 1", name, got)
		}
		if got := f.creates(); got != len(f)-1 {
			t.Errorf("%s: %d creates by POST of %d members, want all but the SFTP settings", name, got, len(f))
		}
	}
	v1 := sftpMember(newFleet(40))
	updated, _ := newFleet(40).updateHalf()
	v2 := sftpMember(updated)
	if v2.version != 2 {
		t.Fatalf("the update step leaves the SFTP settings at version %d", v2.version)
	}
	if v1.sftpEndpoint() == v2.sftpEndpoint() || v1.sftpUsername() == v2.sftpUsername() || v1.sftpPassword() == v2.sftpPassword() {
		t.Errorf("version 2 must change endpoint, username and password: %q %q, %q %q", v1.sftpEndpoint(), v2.sftpEndpoint(), v1.sftpUsername(), v2.sftpUsername())
	}
	for _, want := range []string{`endpoint = "` + v2.sftpEndpoint() + `"`, `password_wo         = "` + v2.sftpPassword() + `"`, "password_wo_version = 2"} {
		if hcl := v2.hcl(); !strings.Contains(hcl, want) {
			t.Errorf("version 2 lacks %s:\n%s", want, hcl)
		}
	}
	plain := sftpMember(updated.withPlainSettings()).hcl()
	if !strings.Contains(plain, `password = "`+v2.sftpPassword()+`"`) || strings.Contains(plain, "password_wo") {
		t.Errorf("the fallback for CLIs without write-only attributes:\n%s", plain)
	}
}

func sftpMember(f fleet) member {
	for _, m := range f {
		if m.typ == typeSFTP {
			return m
		}
	}
	return member{}
}

// The audit holds the emulator's SFTP settings to the declaration: the
// exact password (not a stale one, not a private key beside it), the
// endpoint and username, enabled; and state to the emulator.
func TestAuditSFTPSettingsAgainstTheDeclaration(t *testing.T) {
	m := member{typ: typeSFTP, name: "payout_exports", version: 2}
	held := map[string]any{"endpoint": m.sftpEndpoint(), "username": m.sftpUsername(), "enabled": true}
	exact := processoutapi.SFTPCredentials{Password: m.sftpPassword()}
	if d := checkSFTPSettings(m, held, exact, map[string]any{}); len(d) != 0 {
		t.Errorf("the declared settings: %v", d)
	}
	stale := member{typ: typeSFTP, version: 1}.sftpPassword()
	for name, c := range map[string]struct {
		obj   map[string]any
		creds processoutapi.SFTPCredentials
		attrs map[string]any
		want  string
	}{
		"stale password":      {held, processoutapi.SFTPCredentials{Password: stale}, nil, "the emulator received the credentials"},
		"doubled credentials": {held, processoutapi.SFTPCredentials{Password: m.sftpPassword(), PrivateKey: "a2V5"}, nil, "the emulator received the credentials"},
		"no credentials":      {held, processoutapi.SFTPCredentials{}, nil, "the emulator received the credentials"},
		"old endpoint":        {map[string]any{"endpoint": "sftp-v1.faults.example.com:22", "username": m.sftpUsername(), "enabled": true}, exact, nil, "endpoint"},
		"disabled":            {map[string]any{"endpoint": m.sftpEndpoint(), "username": m.sftpUsername(), "enabled": false}, exact, nil, "enabled false"},
		"password_wo kept":    {held, exact, map[string]any{"password_wo": m.sftpPassword()}, "password_wo is in state"},
	} {
		d := checkSFTPSettings(m, c.obj, c.creds, c.attrs)
		if len(d) != 1 || !strings.Contains(d[0], c.want) {
			t.Errorf("%s: %v, want one finding about %q", name, d, c.want)
		}
	}
	plain := m
	plain.plainSettings = true
	if d := checkSFTPSettings(plain, held, exact, map[string]any{"password": stale}); len(d) != 1 || !strings.Contains(d[0], "password in state") {
		t.Errorf("the fallback password of another version in state: %v", d)
	}
}

// Against the emulator: settings state does not track are an orphan (a
// singleton duplicates nothing), settings in state are compared field by
// field (enabled only once read), and settings in state the emulator lacks
// are a mismatch.
func TestAuditSFTPSettingsAgainstTheEmulator(t *testing.T) {
	emu := startEmulator(t, emulator.Config{Seed: 1})
	m := member{typ: typeSFTP, name: "payout_exports", version: 1}
	declared := fleet{m}

	if f := auditState(emu, stateOf(), declared); len(f.problems()) != 1 || f.untracked() != 0 {
		t.Errorf("nothing saved, nothing in state: problems %v, untracked %d; want only the missing settings", f.problems(), f.untracked())
	}
	if f := auditState(emu, stateOf(sftpState(emu, m, nil)), declared); len(f.mismatches) != 1 || !strings.Contains(f.mismatches[0], "not in the emulator") {
		t.Errorf("settings in state, none saved: %v", f.mismatches)
	}

	saveSFTPSettings(t, emu, m)
	f := auditState(emu, stateOf(), declared)
	if len(f.orphans) != 1 || len(f.duplicates) != 0 || f.orphans[emu.ProjectID] != m.sftpEndpoint() {
		t.Errorf("saved settings state does not track: orphans %v, duplicates %v; want one orphan", f.orphans, f.duplicates)
	}
	if f := auditState(emu, stateOf(sftpState(emu, m, nil)), declared); len(f.problems()) != 0 || f.untracked() != 0 {
		t.Errorf("the declared settings saved and in state, enabled not yet read: problems %v, untracked %d", f.problems(), f.untracked())
	}
	if f := auditState(emu, stateOf(sftpState(emu, m, false)), declared); len(f.mismatches) != 1 || !strings.HasPrefix(f.mismatches[0], m.address()+" enabled:") {
		t.Errorf("state reads enabled false, the emulator holds true: %v", f.mismatches)
	}
	v2 := m
	v2.version = 2
	f = auditState(emu, stateOf(sftpState(emu, v2, true)), fleet{v2})
	if len(f.mismatches) != 5 { // state's endpoint and username; against the declaration, both again and the password
		t.Errorf("version 2 in state, version 1 saved: %d mismatches %v, want 5", len(f.mismatches), f.mismatches)
	}
}

// sftpState is m as the provider records it after a save (enabled nil) or
// after a read (enabled set).
func sftpState(emu *emulator.Emulator, m member, enabled any) *tfjson.StateResource {
	return &tfjson.StateResource{Address: m.address(), Type: m.typ, Name: m.name, AttributeValues: map[string]any{
		"id": emu.ProjectID, "endpoint": m.sftpEndpoint(), "username": m.sftpUsername(), "enabled": enabled,
		"password": nil, "password_wo": nil, "password_wo_version": float64(m.version),
		"private_key": nil, "private_key_wo": nil, "private_key_wo_version": nil,
	}}
}

func stateOf(resources ...*tfjson.StateResource) *tfjson.State {
	return &tfjson.State{Values: &tfjson.StateValues{RootModule: &tfjson.StateModule{Resources: resources}}}
}

// saveSFTPSettings saves m's settings as the provider does, a PUT with the
// project's credentials, through the emulator's handler in process.
func saveSFTPSettings(t *testing.T, emu *emulator.Emulator, m member) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"endpoint": m.sftpEndpoint(), "username": m.sftpUsername(), "password": m.sftpPassword(), "private_key": nil})
	req := httptest.NewRequest(http.MethodPut, "/projects/"+emu.ProjectID+"/sftp-settings", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.SetBasicAuth(emu.Project.ProjectID, emu.Project.Secret)
	rec := httptest.NewRecorder()
	emu.ProcessOut.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("saving the SFTP settings: %d %s", rec.Code, rec.Body)
	}
}
