package faultsuite

import (
	"strings"
	"testing"
)

// The audit takes a product's amount as a number: ProcessOut answering
// "19.9000" for the declared "19.90" (the worst reading) is no mismatch,
// another number is.
func TestAuditComparesAmountsAsNumbers(t *testing.T) {
	state := map[string]any{"amount": "19.90", "name": "faults-product-000 v1"}
	if d := compareFields(state, map[string]any{"amount": "19.9000", "name": "faults-product-000 v1"}); len(d) != 0 {
		t.Errorf("the same amount in another spelling: %v", d)
	}
	d := compareFields(state, map[string]any{"amount": "19.9100", "name": "faults-product-000 v1"})
	if len(d) != 1 || !strings.HasPrefix(d[0], "amount:") {
		t.Errorf("another amount: %v, want one amount difference", d)
	}
	if d := compareFields(map[string]any{"name": "19.90"}, map[string]any{"name": "19.9"}); len(d) != 1 {
		t.Errorf("a name is text, not a number: %v", d)
	}
}

// The fleet declares a quarter of its objects (after the project and the
// SFTP settings) as products, each named for its identity.
func TestFleetDeclaresProducts(t *testing.T) {
	f := newFleet(40)
	if got := f.count(); got[kindProduct] != 9 || got[kindProject] != 1 || got[kindWebhook]+got[kindGateway] != 29 {
		t.Fatalf("fleet of 40: %v", got)
	}
	for _, m := range f {
		if m.typ != typeProduct {
			continue
		}
		if hcl := m.hcl(); !strings.Contains(hcl, `name       = "`+m.identity()+` v1"`) || identityOf(kindProduct, map[string]any{"name": m.identity() + " v2"}) != m.identity() {
			t.Fatalf("product %s: identity %s not read back from\n%s", m.name, m.identity(), hcl)
		}
	}
}
