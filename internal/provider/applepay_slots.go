package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// An Apple Pay certificate create sends nothing (ProcessOut takes an empty
// body and answers {id}), so a create whose answer was lost cannot be told
// apart from any other certificate by what it asked for, as the other kinds
// are (lost_create.go). What tells it apart is time: its certificate is the
// one that appears in the list after it and was not there before. For that
// reading to hold, applePaySlots makes, within one provider process, every
// create and every search for a lost create one sequence, and remembers the
// certificates the process made or read, which a lagging list may leave out
// of the "before".

// applePaySlots is a provider process's Apple Pay certificate bookkeeping.
type applePaySlots struct {
	mu sync.Mutex
	// known are the certificates this process created, found again or read.
	known map[string]bool
	// lost is the placeholder of a create of this process whose answer was
	// lost and is not resolved yet: until the next run resolves it, no
	// other certificate may be created, or the next run could take that one
	// for the lost one.
	lost string
	// plan caches the plan-time answer to "is Apple Pay set up?".
	plan applePayPlanCheck
}

const applePayObject = "Apple Pay alternative merchant certificate"

// remember records certificates this process knows to be managed.
func (s *applePaySlots) remember(ids ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rememberLocked(ids...)
}

func (s *applePaySlots) rememberLocked(ids ...string) {
	if s.known == nil {
		s.known = map[string]bool{}
	}
	for _, id := range ids {
		s.known[id] = true
	}
}

// create makes a certificate: the list first (what exists before), then the
// POST. When the POST's answer is lost, the certificates that appeared since
// are looked for at once; exactly one is this resource's. Otherwise the
// resource is saved as a placeholder that records the list, for the next run.
// created is nil when the create failed (diagnostics say why).
func (s *applePaySlots) create(ctx context.Context, api *processout.Client, req resource.CreateRequest, resp *resource.CreateResponse) (created *processout.ApplePayCertificate) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lost != "" {
		resp.Diagnostics.AddError("Cannot create the "+applePayObject, fmt.Sprintf(
			"Not sent: an earlier create of an %s in this run lost its answer (placeholder %q), and until the next run finds out whether ProcessOut made it, "+
				"a new certificate could be taken for that one. Run the same command again: it resolves the lost create first, then creates this certificate.",
			applePayObject, s.lost))
		return nil
	}
	// A "before" that leaves certificates out would make them look new
	// after a lost answer, and one could be taken for this create's: no
	// create without a complete list.
	before, err := api.ApplePayCertificates(ctx)
	if err == nil {
		err = before.Incomplete("")
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "list the Apple Pay alternative merchant certificates before creating one", err, nil)
		return nil
	}
	listed := s.excluded(before.Certificates)
	ctx, attempt := beginCreate(ctx, api, applePayObject, nil)
	attempt.listedBefore = slices.Sorted(maps.Keys(listed))
	cert, err := api.CreateApplePayCertificate(ctx)
	switch {
	case err == nil:
		s.rememberLocked(cert.ID)
		return cert
	case !createMayHaveHappened(err):
		addAPIError(&resp.Diagnostics, "create the "+applePayObject, err, nil)
		return nil
	}
	if ctx.Err() == nil {
		// The run goes on: look for the certificate now, and keep it if it
		// is the only new one.
		found, findErr := s.newSince(ctx, api, listed, types.StringNull())
		if findErr == nil && len(found) == 1 {
			s.rememberLocked(found[0])
			resp.Diagnostics.AddWarning("The create of the "+applePayObject+" lost its answer; its certificate was found",
				fmt.Sprintf("%v\n\nProcessOut made the certificate %s, the only one listed after the create that was not listed before it: it is this resource's. No second one was made.", err, found[0]))
			return &processout.ApplePayCertificate{ID: found[0]}
		}
	}
	if attempt.failed(ctx, req, resp, err, nil, applePayLostNext) {
		s.lost = lostCreatePrefix + attempt.key
	}
	return nil
}

// applePayLostNext is what the next run does with a lost certificate create.
const applePayLostNext = "the certificates listed before the create are recorded with it. The next plan or apply lists them again: " +
	"if exactly one certificate is new, it is this resource's (and, the resource being tainted, is replaced: deleted and created again); " +
	"if none is, the certificate is created; if several are, the run stops and names them. " +
	"The processout_applepay_alternative_merchant_certificates data source lists the project's certificates."

// excluded is every ID that cannot be a new create's: those listed, and
// those this process made or read (a lagging list may leave them out).
// Called with s.mu held.
func (s *applePaySlots) excluded(listed []processout.ApplePayCertificate) map[string]bool {
	out := make(map[string]bool, len(listed)+len(s.known))
	for _, c := range listed {
		out[c.ID] = true
	}
	for id := range s.known {
		out[id] = true
	}
	return out
}

// newSince lists the certificates and returns those not in before. A list
// without one is read again for a few seconds (readSettled: the list may lag
// a create) when since is recent or null; an incomplete list is an error.
func (s *applePaySlots) newSince(ctx context.Context, api *processout.Client, before map[string]bool, since types.String) ([]string, error) {
	found, err := readSettled(ctx, since, func(ctx context.Context) (*[]string, error) {
		list, err := api.ApplePayCertificates(ctx)
		if err != nil {
			return nil, err
		}
		if err := list.Incomplete(""); err != nil {
			return nil, err
		}
		var ids []string
		for _, c := range list.Certificates {
			if !before[c.ID] {
				ids = append(ids, c.ID)
			}
		}
		if len(ids) == 0 {
			return nil, &processout.NotListedError{Operation: "applepay_certificate.list", ID: "a certificate not listed before the create"}
		}
		return &ids, nil
	})
	switch {
	case processout.IsNotFound(err):
		return nil, nil
	case err != nil:
		return nil, err
	}
	return *found, nil
}

// recoverLost finds the certificate of a placeholder: "" when ProcessOut
// made none. ok is false when the run must stop: the search failed, or
// several certificates are new.
func (s *applePaySlots) recoverLost(ctx context.Context, api *processout.Client, private privateGetter, id string, diags *diag.Diagnostics) (found string, ok bool) {
	rec := lostRecord(ctx, private, id, diags)
	if rec == nil {
		return "", false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	before := s.excluded(nil)
	for _, listed := range rec.ListedBefore {
		before[listed] = true
	}
	ids, err := s.newSince(ctx, api, before, types.StringValue(rec.GaveUp.Format(time.RFC3339Nano)))
	if err != nil {
		addAPIError(diags, "look up the "+applePayObject+" whose create answer was lost", err, nil)
		return "", false
	}
	switch len(ids) {
	case 0:
		return "", true
	case 1:
		s.rememberLocked(ids[0])
		return ids[0], true
	}
	diags.AddError("Several "+applePayObject+"s may be the one whose create answer was lost",
		fmt.Sprintf("A create of this certificate (placeholder %q, first attempt %s) lost its answer, and %d certificates have appeared since that were not listed before it: %s. "+
			"Only one can be this resource, and nothing tells which (a certificate has no field but its ID). "+
			"Remove the placeholder (`terraform state rm <address>`), import the one to keep (`terraform import <address> <id>`), "+
			"and delete the others in the ProcessOut dashboard or import them into resources of their own.",
			id, rec.FirstAttempt.Format(time.RFC3339), len(ids), strings.Join(ids, ", ")))
	return "", false
}

// applePayPlanCheck reads, once per provider process and only when a plan
// makes a certificate, whether the project has Apple Pay set up, so that a
// project without it fails at plan rather than at apply. Only a definite
// answer is kept: set up, not set up, or the route not served; any other
// failure leaves the question to the apply, which asks again.
type applePayPlanCheck struct {
	mu     sync.Mutex
	done   bool
	answer error // nil: Apple Pay is set up (or could not be asked)
}

func (c *applePayPlanCheck) check(ctx context.Context, api *processout.Client) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.done {
		return c.answer
	}
	_, err := api.ApplePayCertificates(ctx)
	switch {
	case err == nil:
		c.done = true
	case processout.IsApplePayNotConfigured(err), processout.IsNotServed(err):
		c.done, c.answer = true, err
	default:
		return nil
	}
	return c.answer
}

// applePayNotConfiguredDetail explains resource.applepay-configuration.not-found.
func applePayNotConfiguredDetail(err error) string {
	return fmt.Sprintf("%v\n\n"+
		"Alternative merchant certificates exist only in a project with Apple Pay. Set Apple Pay up for the project in the ProcessOut dashboard first, "+
		"or check that the provider's credentials (project_id, or the Membrane connection) name the project you meant. "+
		"If Apple Pay was removed from the project on purpose, with its certificates, remove the certificates from state with `terraform state rm <address>`.", err)
}
