package provider

import (
	"strings"
	"testing"
	"time"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// What a create sent matches the object ProcessOut holds when every field
// agrees as ProcessOut may write it back: the same amount written
// otherwise, an absent optional as an empty one, no metadata as {}, the
// same instant in UTC, the unused discount written as 0. Any real
// difference is named.
func TestCallerIDFingerprints(t *testing.T) {
	sent := planFingerprint("Silver", "10.00", "USD", "1m", nil, nil, nil, nil)
	held := planFingerprint("Silver", "10", "USD", "1m", new(""), nil, nil, map[string]string{})
	if d := differences(sent, held); len(d) != 0 {
		t.Errorf("the same plan differs: %v", d)
	}
	other := planFingerprint("Silver (old)", "12", "USD", "1m", new("1w"), nil, nil, map[string]string{"tier": "x"})
	d := strings.Join(differences(sent, other), "\n")
	for _, want := range []string{
		`amount: this configuration declares "10", ProcessOut holds "12"`,
		`name: this configuration declares "Silver", ProcessOut holds "Silver (old)"`,
		`trial_period: this configuration declares none, ProcessOut holds "1w"`,
		`metadata: this configuration declares none, ProcessOut holds {"tier":"x"}`,
	} {
		if !strings.Contains(d, want) {
			t.Errorf("the differences lack %q:\n%s", want, d)
		}
	}

	expires := time.Date(2030, 6, 30, 23, 59, 59, 0, time.FixedZone("CEST", 2*3600))
	sentCoupon := couponFingerprint(new("5.00"), nil, new("EUR"), 0, 0, &expires, nil)
	heldAmount, heldPercent, heldCurrency := couponDiscount(&processout.Coupon{AmountOff: new("5"), PercentOff: new(int64(0)), Currency: new("EUR")})
	utc := expires.UTC()
	if d := differences(sentCoupon, couponFingerprint(heldAmount, heldPercent, heldCurrency, 0, 0, &utc, map[string]string{})); len(d) != 0 {
		t.Errorf("the same coupon differs: %v", d)
	}
	amount, percent, currency := couponDiscount(&processout.Coupon{AmountOff: new("0"), PercentOff: new(int64(25)), Currency: new("USD")})
	if amount != nil || percent == nil || *percent != 25 || currency != nil {
		t.Errorf("a percentage coupon read as amount %v, percent %v, currency %v: want only the percentage", amount, percent, currency)
	}
}
