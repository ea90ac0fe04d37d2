package processoutapi

import (
	"encoding/json"
	"maps"
	"strings"
)

// Inspection and out-of-band helpers for tests. Kinds: "project",
// "gateway_configuration", "webhook_endpoint", "customer", "product",
// "sftp_settings", "plan", "coupon" (and "gateway" for reads). A plan or
// coupon is named by its caller-chosen id, which is unique only within a
// project and mode: the helpers that take an id find nothing when several
// hold it (store.findByID). Objects are rendered exactly as a GET without expansions
// returns them, decoded as a client would (numbers are float64).

func specFor(kind string) *kindSpec {
	switch kind {
	case KindProject:
		return projectSpec
	case KindGateway:
		return gatewaySpec
	case KindGatewayConfiguration:
		return gatewayConfigurationSpec
	case KindWebhookEndpoint:
		return webhookEndpointSpec
	case KindCustomer:
		return customerSpec
	case KindSFTPSettings:
		return sftpSettingsSpec
	case KindProduct:
		return productSpec
	case KindPlan:
		return planSpec
	case KindCoupon:
		return couponSpec
	}
	return nil
}

func (s *Server) render(rec *record) map[string]any {
	return toMap(rec.obj.view(s, viewCtx{sandbox: rec.sandbox}))
}

// Objects returns a project's objects of one kind, live and sandbox alike,
// in creation order. For kind "project" these are the projects it
// supervises directly (what GET /supervised-projects lists). projectID is
// the bare "proj_…" id; a "test-" prefix is ignored.
func (s *Server) Objects(projectID, kind string) []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	recs := s.st.owned(kind, strings.TrimPrefix(projectID, "test-"))
	out := make([]map[string]any, len(recs))
	for i, rec := range recs {
		out[i] = s.render(rec)
	}
	return out
}

// Object returns one object by kind and id, whoever owns it.
func (s *Server) Object(kind, id string) (map[string]any, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec := s.st.findByID(kind, id)
	if rec == nil {
		return nil, false
	}
	return s.render(rec), true
}

// DeleteObject deletes an object out of band (a project takes its objects
// and supervised projects with it). The catalog cannot be deleted from.
func (s *Server) DeleteObject(kind, id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec := s.st.findByID(kind, id)
	if rec == nil || kind == KindGateway {
		return false
	}
	s.removeRecord(rec)
	return true
}

// PatchObject edits an object out of band: fields are merged (shallowly)
// into its JSON form, which is decoded back, so any rendered field can be
// changed ("enabled": false, "name": "drifted", "created_at": …). Changing
// created_at, sandbox or the owner moves the object accordingly. It returns
// false for an unknown object, a catalog gateway, an attempt to change the
// id, or values that do not fit the field types.
func (s *Server) PatchObject(kind, id string, fields map[string]any) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	spec := specFor(kind)
	rec := s.st.findByID(kind, id)
	if spec == nil || rec == nil || kind == KindGateway {
		return false
	}
	merged := s.render(rec)
	maps.Copy(merged, fields)
	if merged["id"] != rec.id {
		return false
	}
	obj := spec.empty()
	if err := json.Unmarshal(encodeJSON(merged), obj); err != nil {
		return false
	}
	obj.normalize()
	s.st.remove(rec)
	rec.obj, rec.ident = obj, obj.ident()
	s.st.insert(rec)
	return true
}

// ReceivedSettings returns the last credentials `settings` a gateway
// configuration received on a successful create or update (nil if none),
// proving that write-only values reached the API.
func (s *Server) ReceivedSettings(gatewayConfigurationID string) map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.settings[gatewayConfigurationID])
}
