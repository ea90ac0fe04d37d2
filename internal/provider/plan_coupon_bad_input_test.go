package provider

import (
	"net/http"
	"strings"
	"testing"
)

// planCouponBadInputs are the mistakes a user can make with plans and
// coupons, and the answers a server can get wrong for them, each with the
// diagnostic the user reads (badInput's want: " … " separates parts read in
// this order). The arguments are checked at plan time, before any call.
func planCouponBadInputs() []badInput {
	arg := func(name, config, want string) badInput {
		return badInput{name: name, group: groupArguments, config: config, want: want}
	}
	answer := func(name string, a *cannedAnswer, config, want string) badInput {
		return badInput{name: name, group: groupAnswers, answer: a, config: config, want: want}
	}
	plan := func(extra ...[2]string) string { return silverPlan(extra...) }
	coupon := func(args ...[2]string) string {
		return hclResource("processout_coupon", append([][2]string{{"id", `"spring25"`}}, args...)...)
	}
	pct := [2]string{"percent_off", "25"}
	return []badInput{
		// processout_plan
		arg("plan id with a space", plan([2]string{"id", `"silver plan"`}),
			`id must be made of letters, digits, "_" and "-" only (it goes into the URL path), such as "silver-plan", got "silver plan".`),
		arg("plan id over 128 characters", plan([2]string{"id", `"` + strings.Repeat("p", 129) + `"`}), "id must be at most 128 characters long, got 129."),
		arg("plan amount with 5 decimals", plan([2]string{"amount", `"9.99999"`}), `amount has 5 decimals, got "9.99999": ProcessOut takes at most 4, such as "10.0000".`),
		arg("plan amount of zero", plan([2]string{"amount", `"0.00"`}), `amount must be more than zero, got "0.00".`),
		arg("plan amount with a decimal comma", plan([2]string{"amount", `"9,99"`}),
			`amount must use a dot for decimals, as in "9.99", got "9,99".`),
		arg("plan currency in lower case", plan([2]string{"currency", `"usd"`}),
			`currency is "usd", which is not an ISO 4217 currency code: codes are upper case, write "USD".`),
		arg("plan interval in words", plan([2]string{"interval", `"monthly"`}),
			`interval must be a duration such as "1m" (monthly), "1w" (weekly) or "1m15d": numbers of at most 4 digits, each followed by d (day), w (week), m (month) or y (year), got "monthly".`),
		arg("plan interval of zero", plan([2]string{"interval", `"0m"`}), `interval adds up to nothing, got "0m": the duration must be positive, such as "1m".`),
		arg("plan trial_period with an unknown unit", plan([2]string{"trial_period", `"2h"`}), `trial_period must be a duration such as "1m" (monthly)`),
		arg("plan return_url over ftp", plan([2]string{"return_url", `"ftp://shop.example.com/ok"`}), `return_url must start with https:// (or http://), got "ftp://shop.example.com/ok"`),
		arg("plan with an empty name", plan([2]string{"name", `""`}), "Attribute name string length must be between 1 and 255, got: 0"),
		arg("plan data source id with a slash", testData("processout_plan", `  id = "plans/silver"`), `id must be made of letters, digits, "_" and "-" only`),
		arg("plan that does not exist", testData("processout_plan", `  id = "no-such-plan"`),
			`ProcessOut has no plan "no-such-plan" in this project … the processout_plans data source lists the project's plans.`),
		arg("plans filter on an empty name_contains", testData("processout_plans", `  name_contains = ""`), "Attribute name_contains string length must be at least 1, got: 0"),

		// processout_coupon
		arg("coupon with both discounts", coupon(pct, [2]string{"amount_off", `"5"`}, [2]string{"currency", `"EUR"`}),
			"A coupon takes either an amount off (amount_off, with its currency) or a percentage off (percent_off), not both: remove one of them."),
		arg("coupon without a discount", coupon([2]string{"iteration_count", "3"}),
			`A coupon takes an amount off or a percentage off: set amount_off with its currency (amount_off = "5.00", currency = "EUR"), or percent_off (percent_off = 25).`),
		arg("coupon amount_off without a currency", coupon([2]string{"amount_off", `"5"`}), `Attribute "currency" must be specified when "amount_off" is specified`),
		arg("coupon currency beside a percentage", coupon(pct, [2]string{"currency", `"EUR"`}), `Attribute "amount_off" must be specified when "currency" is specified`),
		arg("coupon percent_off over 100", coupon([2]string{"percent_off", "101"}), "Attribute percent_off value must be between 0 and 100, got: 101"),
		arg("coupon amount_off that is negative", coupon([2]string{"amount_off", `"-5"`}, [2]string{"currency", `"EUR"`}), `amount_off must be positive, got "-5".`),
		arg("coupon expires_at without a time", coupon(pct, [2]string{"expires_at", `"2030-12-31"`}),
			`expires_at must be an RFC 3339 timestamp with a time zone, such as "2024-01-31T00:00:00Z"`),
		arg("coupon negative iteration_count", coupon(pct, [2]string{"iteration_count", "-1"}), "Attribute iteration_count value must be at least 0, got: -1"),
		arg("coupon id that is empty", hclResource("processout_coupon", [2]string{"id", `""`}, pct), `id is empty: choose an ID such as "silver-plan"`),
		arg("coupon that does not exist", testData("processout_coupon", `  id = "no-such-coupon"`),
			`ProcessOut has no coupon "no-such-coupon" in this project … the processout_coupons data source lists the project's coupons.`),

		// Server answers: a fake ProcessOut API behind processout_api_url.
		answer("plans route answering a 404 that names no object", jsonAnswer(http.StatusNotFound, `{"success":false,"error_type":"resource.not-found","message":"The resource could not be found."}`),
			plan(), "ProcessOut answered 404 resource.not-found to plan.create … This 404 does not say the object is gone … POST /plans is not served where the provider sent it, "+
				"so nothing was removed from state. … ProcessOut's newest Node SDK (11) dropped plans and coupons as unsupported features, while its Go and Python SDKs still ship them"),
		answer("coupons route answering 410 Gone", jsonAnswer(http.StatusGone, `{"success":false,"error_type":"service.not-supported","message":"The coupon API is no longer supported."}`),
			coupon(pct), "ProcessOut answered 410 service.not-supported to coupon.create: The coupon API is no longer supported. … This 410 does not say the object is gone … "+
				"POST /coupons is gone (410: withdrawn) where the provider sent it … route the coupon.* operations (create, read, update, delete, list) to Membrane actions"),
		answer("plan create answering another plan", jsonAnswer(http.StatusOK, `{"success":true,"plan":{"id":"gold-plan","name":"Gold","amount":"99","currency":"USD","interval":"1m"}}`),
			plan(), `ProcessOut's answer to plan.create is not the object asked for: its id is "gold-plan", not "silver-plan"; the answer was not used … `+
				`ProcessOut may have made the plan before its answer was lost, and reading the plan "silver-plan" to find out failed too`),
		answer("coupon refused with a field error", jsonAnswer(http.StatusBadRequest, `{"success":false,"error_type":"request.validation.invalid-percent","message":"The percent_off is invalid.","invalid_fields":[{"name":"percent_off","message":"The percent_off must be a whole number of percent."}]}`),
			coupon(pct), "ProcessOut rejected percent_off: The percent_off must be a whole number of percent. (request.validation.invalid-percent)."),
	}
}

// TestAccPlanCouponBadInput runs every bad input of planCouponBadInputs
// through the CLI, as TestAccBadInput does: the diagnostic names the
// attribute and the fix, and afterwards the emulator holds no new object and
// the state no resource.
func TestAccPlanCouponBadInput(t *testing.T) {
	testAccPreCheck(t)
	perKind := map[string]int{}
	for _, tc := range planCouponBadInputs() {
		for _, kind := range []string{"processout_plan", "processout_coupon"} {
			if strings.Contains(tc.config, `"`+kind+`"`) {
				perKind[kind]++
			}
		}
	}
	for kind, n := range perKind {
		if n < 5 {
			t.Fatalf("%d bad inputs of %s, want at least 5", n, kind)
		}
	}
	for _, tc := range planCouponBadInputs() {
		t.Run(tc.name, func(t *testing.T) { runBadInput(t, tc) })
	}
}
