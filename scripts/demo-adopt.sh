#!/usr/bin/env bash
# `make demo-adopt`: adopt a hand-built ProcessOut project with Terraform,
# against the local emulator, the way docs/guides/adopting-an-existing-project.md
# describes it (one import block per object, generated configuration).
#
#  1. builds the provider and the emulator into a scratch directory, starts
#     the emulator with -seed-handbuilt (12 gateway configurations, 5 webhook
#     endpoints, 1 supervised project, 4 products, the payout exports' SFTP
#     settings, as if set up by hand in the dashboard);
#  2. inventory: the data sources render one import block per object, the
#     supervised project, the products and the SFTP settings included
#     (examples/guides/adopting-an-existing-project/inventory.tf);
#  3. plan -generate-config-out=generated.tf, and prints the generated HCL;
#  4. adds the Stripe EU credentials and the SFTP password by hand
#     (settings_wo with settings_wo_version and password_wo with
#     password_wo_version on CLIs >= 1.11, else settings and password);
#  5. plans: every object imported, nothing added, replaced or destroyed, the
#     credentials the only change; applies that plan, and asks ProcessOut
#     that the SFTP settings are still the hand-made ones; plans again: no
#     changes;
#  6. takes one webhook endpoint out of the configuration and applies: only it
#     is destroyed;
#  7. stops the emulator and removes the scratch directory, whatever happens.
#
# The CLI is $TF_CLI if set, else the pinned OpenTofu from the harness cache
# ($TOFU, built with make if missing).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
examples=$root/examples/guides/adopting-an-existing-project
script=demo-adopt
# shellcheck source=scripts/lib.sh
. "$root/scripts/lib.sh"

scratch_dir
pick_cli
build_and_configure
mkdir -p "$work/inventory" "$work/adopt"

version=$("$cli" version -json | sed -n 's/.*"terraform_version": *"\([0-9.]*\)".*/\1/p')
[[ -n $version ]] || die "could not read the version of $cli"
IFS=. read -r major minor _ <<<"$version"
write_only=false
if ((major > 1 || (major == 1 && minor >= 11))); then write_only=true; fi

# --- the emulator, seeded with a hand-built project
# EMULATOR_READINGS=worst rehearses it against the worst reading of each
# unverified ProcessOut behaviour, as make testacc-worst does.
readings=${EMULATOR_READINGS:-optimistic}
log "starting the emulator with a hand-built project (-seed-handbuilt, -readings $readings)"
start_emulator -customers 0 -seed-handbuilt -readings "$readings"
sed 's/^/    /' "$work/emulator.log"
# What the emulator seeded, to check the inventory against; nothing is
# copied from it into the configuration.
seeded_project=$(sed -n 's/.*hand-built supervised project \(proj_[A-Za-z0-9]*\).*/\1/p' "$work/emulator.log")
[[ -n $seeded_project ]] || die "the emulator did not name its supervised project"

tf() { # tf DIR ARGS...
	local dir=$1
	shift
	"$cli" -chdir="$work/$dir" "$@"
}

# --- 1. inventory
log "$("$cli" version | head -n1): inventory of the hand-built project (inventory.tf)"
cp "$examples/providers.tf" "$examples/inventory.tf" "$work/inventory/"
tf inventory apply -auto-approve -input=false >"$work/inventory.log" 2>&1 || {
	cat "$work/inventory.log" >&2
	die "the inventory failed"
}
cp "$examples/providers.tf" "$work/adopt/"
tf inventory output -raw import_blocks >"$work/adopt/imports.tf"
objects=$(grep -c '^import {' "$work/adopt/imports.tf")
echo "$objects import blocks written to imports.tf:"
sed -n '1,12p' "$work/adopt/imports.tf" | sed 's/^/    /'
echo "    ..."
# The supervised project's block, from processout_projects: no ID copied by hand.
project=processout_project.marketplace_seller_example_books
grep -B2 -A3 -F "to = $project" "$work/adopt/imports.tf" | sed 's/^/    /' || true
project_id=$(grep -A1 -F "to = $project" "$work/adopt/imports.tf" | sed -n 's/^ *id = "\(proj_[A-Za-z0-9]*\)"$/\1/p')
[[ $project_id == "$seeded_project" ]] ||
	die "the inventory has no import block for the supervised project $seeded_project (found \"$project_id\" at $project)"
# The products' blocks, from processout_products.
products=$(grep -c '^  to = processout_product\.' "$work/adopt/imports.tf" || true)
product=processout_product.annual_membership
grep -B2 -A3 -F "to = $product" "$work/adopt/imports.tf" | sed 's/^/    /' || true
grep -A1 -F "to = $product" "$work/adopt/imports.tf" | grep -qE '^ *id = "prod_[A-Za-z0-9]+"$' ||
	die "the inventory has no import block for the product $product"
((products == 4)) || die "the inventory has $products import blocks for products, want the 4 made by hand"

# --- 2. generated configuration
log "plan -generate-config-out=generated.tf"
tf adopt plan -input=false -no-color -generate-config-out=generated.tf >"$work/generate.log" 2>&1 || {
	cat "$work/generate.log" >&2
	die "generating the configuration failed"
}
grep -E '^Plan:' "$work/generate.log"
log "the generated HCL (generated.tf)"
cat "$work/adopt/generated.tf"

# --- 3. credentials by hand: ProcessOut never returns them
# give_by_hand BLOCK ATTR VALUE: in generated.tf's BLOCK (its first line),
# sets ATTR_wo = VALUE with ATTR_wo_version = 1 on CLIs with write-only
# attributes, else ATTR = VALUE.
give_by_hand() {
	grep -qF "$1" "$work/adopt/generated.tf" || die "generated.tf has no block $1"
	awk -v block="$1" -v attr="$2" -v value="$3" -v wo="$write_only" '
		index($0, block) == 1 { inside = 1 }
		inside && wo == "true" && $1 == attr "_wo" { sub(/= .*/, "= " value) }
		inside && wo == "true" && $1 == attr "_wo_version" { sub(/= .*/, "= 1") }
		inside && wo != "true" && $1 == attr { sub(/= .*/, "= " value) }
		inside && /^}/ { inside = 0 }
		{ print }
	' "$work/adopt/generated.tf" >"$work/adopt/generated.tf.new"
	mv "$work/adopt/generated.tf.new" "$work/adopt/generated.tf"
}
# show_block BLOCK: prints generated.tf's BLOCK, indented.
show_block() {
	awk -v block="$1" 'index($0, block) == 1 { inside = 1 } inside { print } inside && /^}/ { exit }' "$work/adopt/generated.tf" | sed 's/^/    /'
}
block='resource "processout_gateway_configuration" "stripe_eu" {'
if $write_only; then
	how="settings_wo (write-only, never stored) and settings_wo_version = 1"
else
	how="settings (sensitive, kept in state: $version has no write-only attributes)"
fi
give_by_hand "$block" settings var.stripe_eu_credentials
cat >"$work/adopt/credentials.tf" <<'EOF'
variable "stripe_eu_credentials" {
  description = "Stripe EU credentials; ProcessOut never returns them, so import cannot."
  type        = map(string)
  sensitive   = true
}
EOF
# Demo values; in real life they come from a secret store or TF_VAR_stripe_eu_credentials.
cat >"$work/adopt/credentials.auto.tfvars" <<'EOF'
stripe_eu_credentials = {
  secret_key               = "sk_live_demo_adopted"
  public_key               = "pk_live_demo_adopted"
  merchant_account_country = "FR"
}
EOF
log "credentials added by hand to stripe_eu: $how"
show_block "$block"

# The SFTP settings' password, which ProcessOut never returns either.
sftp=processout_project_sftp_settings.payout_exports
sftp_block='resource "processout_project_sftp_settings" "payout_exports" {'
give_by_hand "$sftp_block" password var.sftp_password
cat >>"$work/adopt/credentials.tf" <<'EOF'

variable "sftp_password" {
  description = "The SFTP password of the payout exports; ProcessOut never returns it."
  type        = string
  sensitive   = true
}
EOF
echo 'sftp_password = "sftp_demo_adopted"' >>"$work/adopt/credentials.auto.tfvars"
log "password added by hand to the SFTP settings ($sftp)"
show_block "$sftp_block"

# --- 4. plan: imports, and no change but the credentials
log "plan -out=adopt.tfplan: every object imported, only the credentials change"
tf adopt plan -input=false -no-color -out=adopt.tfplan >"$work/plan.log" 2>&1 || {
	cat "$work/plan.log" >&2
	die "plan failed"
}
sed -n '/processout_gateway_configuration.stripe_eu will be updated in-place/,/^    }/p' "$work/plan.log"
sed -n "/$sftp will be updated in-place/,/^    }/p" "$work/plan.log"
summary=$(grep -E '^Plan:' "$work/plan.log")
echo "$summary"
updated=$(grep -E '^  # .* will be updated in-place' "$work/plan.log" | sed 's/^  # \(.*\) will be.*/\1/' | sort | tr '\n' ' ')
if grep -qE 'must be replaced|forces replacement|will be created|will be destroyed' "$work/plan.log" ||
	[[ $summary != "Plan: $objects to import, 0 to add, 2 to change, 0 to destroy." ]] ||
	[[ $updated != "processout_gateway_configuration.stripe_eu $sftp " ]]; then
	cat "$work/plan.log" >&2
	die "the adoption plan is not clean: want $objects imports and the Stripe EU credentials and the SFTP password as the only changes"
fi
echo "clean: $objects imports, no replacement, the only updates are stripe_eu's credentials and the SFTP password"

log "apply adopt.tfplan"
tf adopt apply -input=false -no-color adopt.tfplan 2>&1 | grep -E '^(Apply complete|Error)' || true
tf adopt plan -input=false -detailed-exitcode >/dev/null 2>&1 || die "the plan after apply is not empty"
echo "plan after apply: no changes ($(tf adopt state list | wc -l | tr -d ' ') objects under Terraform)"
# The supervised project in state is the one imported, not the connected
# project (which a worst-reading /projects/{id} answers with), and holds no
# private key: no list or read returns one.
adopted=$(tf adopt state show -no-color "$project")
grep -qE "^ +id += \"$project_id\"$" <<<"$adopted" ||
	die "$project does not hold the imported project $project_id"
grep -qE '^ +private_key += \(sensitive value\)$' <<<"$adopted" &&
	die "$project holds a private key after its import"
echo "$project: imported as $project_id, without a private key (updating or destroying it takes one)"
# The SFTP settings, asked of ProcessOut: the hand-made server and user,
# saved again with the password given by hand.
sftp_now=$(processout_get "/projects/$(project_of_exports)/sftp-settings" | jq -r '.sftp_settings | "\(.username)@\(.endpoint)"')
[[ $sftp_now == processout-exports@reports.example.com:2222 ]] ||
	die "ProcessOut holds the SFTP settings $sftp_now, want the hand-made processout-exports@reports.example.com:2222"
grep -qE "^ +id += \"$(project_of_exports)\"$" <<<"$(tf adopt state show -no-color "$sftp")" || die "$sftp does not hold the project's settings"
echo "$sftp: imported, still pushing exports to $sftp_now"
grep -qE '^ +url += "https://checkout\.processout\.com/prod_[A-Za-z0-9]+"$' <<<"$(tf adopt state show -no-color "$product")" ||
	die "$product holds no payment link after its import"
echo "$product: imported with its payment link; $products products under Terraform"

# --- 5. destroy one adopted object through Terraform
log "removing processout_webhook_endpoint.legacy_erp_example_net from the configuration"
rm "$work/adopt/imports.tf" # done their work; a leftover block would need its resource
gone='resource "processout_webhook_endpoint" "legacy_erp_example_net" {'
grep -qF "$gone" "$work/adopt/generated.tf" || die "generated.tf has no legacy_erp_example_net block"
awk -v block="$gone" 'index($0, block) == 1 { skip = 1 } !skip { print } skip && /^}/ { skip = 0 }' \
	"$work/adopt/generated.tf" >"$work/adopt/generated.tf.new"
mv "$work/adopt/generated.tf.new" "$work/adopt/generated.tf"
tf adopt apply -input=false -auto-approve -no-color >"$work/destroy.log" 2>&1 || {
	cat "$work/destroy.log" >&2
	die "apply failed"
}
grep -E 'Destroying|Destruction complete|^Apply complete' "$work/destroy.log"
grep -qE '^Apply complete! Resources: 0 added, 0 changed, 1 destroyed\.' "$work/destroy.log" || die "want exactly one object destroyed"
left=$(tf inventory apply -auto-approve -input=false -no-color >/dev/null 2>&1 && tf inventory output -raw import_blocks | grep -c '^import {')
echo "ProcessOut now lists $left gateway configurations, webhook endpoints, supervised projects, products and SFTP settings (was $objects)"
[[ $left == $((objects - 1)) ]] || die "want only the removed endpoint gone"

log "demo-adopt passed with $cli $version: $objects objects adopted, one destroyed through Terraform"
