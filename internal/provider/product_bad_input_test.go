package provider

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// anyProduct is a valid product, for the cases whose mistake is elsewhere
// (a server's answer, an import).
const anyProduct = "resource \"processout_product\" \"test\" {\n  name     = \"Bad input\"\n  amount   = \"19.99\"\n  currency = \"EUR\"\n}\n"

// productWith is a product with one argument replaced, or added, or (with
// value "") left out.
func productWith(attr, value string) string {
	args := map[string]string{"name": `"Bad input"`, "amount": `"19.99"`, "currency": `"EUR"`}
	if value == "" {
		delete(args, attr)
	} else {
		args[attr] = value
	}
	var b strings.Builder
	b.WriteString("resource \"processout_product\" \"test\" {\n")
	for _, k := range []string{"name", "amount", "currency"} {
		if v, ok := args[k]; ok {
			fmt.Fprintf(&b, "  %s = %s\n", k, v)
		}
	}
	if _, set := args[attr]; set && attr != "name" && attr != "amount" && attr != "currency" {
		fmt.Fprintf(&b, "  %s = %s\n", attr, value)
	}
	b.WriteString("}\n")
	return b.String()
}

// productBadInputs are the mistakes a user (or a server) can make with
// products, each with the diagnostic the user reads.
func productBadInputs() []badInput {
	arg := func(name, config, want string) badInput {
		return badInput{name: name, group: groupArguments, config: config, want: want}
	}
	answer := func(name string, a *cannedAnswer, want string) badInput {
		return badInput{name: name, group: groupAnswers, answer: a, config: anyProduct, want: want}
	}
	return []badInput{
		// Arguments, at plan time.
		arg("amount with a decimal comma", productWith("amount", `"19,99"`), `amount must use a dot for decimals, as in "19.99", got "19,99".`),
		arg("amount in words", productWith("amount", `"ten"`), `amount must be a decimal amount written with digits and at most one dot, such as "19.99", got "ten".`),
		arg("amount in exponent notation", productWith("amount", `"1e3"`), `amount must be a decimal amount written with digits and at most one dot, such as "19.99", got "1e3".`),
		arg("negative amount", productWith("amount", `"-5"`), `amount must be positive, got "-5".`),
		arg("zero amount", productWith("amount", `"0.00"`), `amount must be more than zero, got "0.00".`),
		arg("amount with five decimals", productWith("amount", `"1.23456"`), `amount has 5 decimals, got "1.23456": ProcessOut takes at most 4, such as "1.2346".`),
		arg("empty amount", productWith("amount", `""`), `amount is empty: give a positive decimal amount such as "19.99".`),
		arg("amount left out", productWith("amount", ""), `The argument "amount" is required, but no definition was found.`),
		arg("currency in lower case", productWith("currency", `"eur"`), `currency is "eur", which is not an ISO 4217 currency code: codes are upper case, write "EUR".`),
		arg("currency that does not exist", productWith("currency", `"XYZ"`), `currency is "XYZ", which is not an ISO 4217 currency code (such as "USD" or "EUR")`),
		arg("empty product name", productWith("name", `""`), "Attribute name string length must be between 1 and 255, got: 0"),
		arg("product name over 255 characters", productWith("name", `"`+strings.Repeat("n", 256)+`"`), "Attribute name string length must be between 1 and 255, got: 256"),
		arg("return_url that is a path", productWith("return_url", `"/thanks"`), `return_url must start with https:// (or http://), got "/thanks".`),
		arg("cancel_url with credentials", productWith("cancel_url", `"https://user:hunter22@shop.example.com/cart"`),
			`cancel_url must not carry credentials (user:password@), got "https://user:xxxxx@shop.example.com/cart".`),
		arg("empty product metadata key", productWith("metadata", `{ "" = "x" }`), "string length must be between 1 and 255, got: 0"),
		arg("product that does not exist", testData("processout_product", `  id = "prod_doesnotexist"`),
			`ProcessOut has no product "prod_doesnotexist" in this project`),
		arg("product id that climbs the path", testData("processout_product", `  id = ".."`), `product.read: ".." is not a valid id: an ID cannot be empty, "." or ".."`),
		arg("products filtered on a currency that is not one", testData("processout_products", `  currency = "euro"`),
			`currency must be an ISO 4217 currency code of three capital letters, such as "USD" or "EUR", got "euro".`),
		arg("products filtered on an empty name", testData("processout_products", `  name_contains = ""`), "Attribute name_contains string length must be at least 1, got: 0"),
		{name: "import of a product that does not exist", group: groupArguments, config: anyProduct,
			importTo: productAddr, importID: "prod_doesnotexist",
			want: `No product with the ID "prod_doesnotexist" exists in the project of the Membrane connection … so nothing was imported`},

		// Server answers, from a fake ProcessOut API.
		answer("field error naming the amount", jsonAnswer(http.StatusBadRequest, `{"success":false,"error_type":"request.validation.invalid-amount","message":"The amount is too high.","invalid_fields":[{"name":"amount","message":"The amount exceeds the project's limit."}]}`),
			"ProcessOut rejected amount: The amount exceeds the project's limit. (request.validation.invalid-amount)."),
		answer("product answered without the object", jsonAnswer(http.StatusOK, `{"success":true}`),
			`could not understand ProcessOut's answer to product.create (HTTP 200): the "product" field is missing`),
		answer("amount answered as a number", jsonAnswer(http.StatusOK, `{"success":true,"product":{"id":"prod_1","name":"Bad input","amount":19.99,"currency":"EUR"}}`),
			`the "product" field does not have the expected shape: json: cannot unmarshal number into Go struct field Product.amount of type string`),
		// Which project's product was made is unknown: the create may have
		// been carried out, so it is recorded as a lost create.
		lostAnswer(answer("product of another project", jsonAnswer(http.StatusOK, `{"success":true,"product":{"id":"prod_1","project_id":"proj_someone_else","name":"Bad input","amount":"19.99","currency":"EUR"}}`),
			`ProcessOut's answer to product.create is not the object asked for: its project_id is "proj_someone_else" … ProcessOut may have made the product before its answer was lost`)),
		lostAnswer(answer("product create answered 502", htmlAnswer(http.StatusBadGateway),
			"ProcessOut answered 502 to product.create: Bad Gateway … ProcessOut may have made the product before its answer was lost")),
	}
}

// TestAccProductBadInput runs each product mistake through the CLI, as
// TestAccBadInput does the others: the diagnostic, then nothing half
// written in ProcessOut or in state.
func TestAccProductBadInput(t *testing.T) {
	testAccPreCheck(t)
	names := map[string]bool{}
	for _, tc := range badInputs() {
		names[tc.name] = true
	}
	for _, tc := range productBadInputs() {
		if names[tc.name] {
			t.Fatalf("two bad inputs are named %q", tc.name)
		}
		names[tc.name] = true
		t.Run(tc.name, func(t *testing.T) { runBadInput(t, tc) })
	}
}
