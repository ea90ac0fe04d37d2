#!/usr/bin/env bash
# `make demo`: the provider applies examples/demo against the local emulator.
#
#  1. builds the provider and the emulator into a scratch directory;
#  2. starts the emulator on free local ports and loads the environment it
#     exports (MEMBRANE_API_URL, MEMBRANE_ACCESS_TOKEN, PROCESSOUT_CONNECTION_ID, ...);
#  3. points the CLI at the fresh provider binary with dev_overrides (no `init`);
#  4. in a copy of examples/demo: apply, output, plan (must be empty), destroy,
#     checking with ProcessOut itself that the SFTP settings were saved and
#     then deleted, and that it holds exactly the declared product with the
#     payment link of the outputs after the apply, and none after the destroy.
#
# The CLI is $TF_CLI if set, else `tofu` or `terraform` from PATH, else the
# pinned OpenTofu from the harness cache ($TOFU, built with make if missing).
# Whatever happens, the emulator is stopped and the scratch directory removed.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
script=demo
# shellcheck source=scripts/lib.sh
. "$root/scripts/lib.sh"

[[ -d $root/examples/demo ]] || die "examples/demo/ does not exist yet"
scratch_dir
pick_cli path-ok
build_and_configure
log "starting the emulator"
start_emulator

# --- the demo configuration
cp -R "$root/examples/demo" "$work/demo"
rm -rf "$work/demo/.terraform" "$work/demo/.terraform.lock.hcl" "$work/demo"/terraform.tfstate*
tf() { "$cli" -chdir="$work/demo" "$@"; }

log "$(tf version | head -n1) — apply (dev_overrides, no init)"
tf apply -auto-approve -input=false

log "output"
tf output

# What ProcessOut holds, asked of it directly: the SFTP settings the apply
# saved (their password is never returned).
sftp_path="/projects/$(project_of_exports)/sftp-settings"
sftp_endpoint=$(processout_get "$sftp_path" | jq -r '.sftp_settings.endpoint // empty')
[[ $sftp_endpoint == sftp.payments.example.com:22 ]] ||
	die "ProcessOut holds SFTP settings for \"$sftp_endpoint\", want the declared sftp.payments.example.com:22"
echo "ProcessOut pushes payout exports to $sftp_endpoint"

# held_products: the products ProcessOut holds, as "id=payment link" words,
# asked of it directly (not from the demo's state).
held_products() {
	local answer
	answer=$(processout_get "/products?limit=100")
	[[ -n $answer ]] || die "ProcessOut did not answer the list of products"
	jq -r '[.products[] | "\(.id)=\(.url)"] | join(" ")' <<<"$answer"
}

log "the product in ProcessOut (asked with the project's own credentials)"
product="$(tf output -raw membership_product_id)=$(tf output -raw membership_payment_link)"
held=$(held_products)
echo "ProcessOut holds: $held"
[[ $held == "$product" ]] || die "ProcessOut should hold exactly the declared product and payment link ($product)"

log "plan -detailed-exitcode (must be empty)"
plan_status=0
tf plan -detailed-exitcode -input=false || plan_status=$?
case $plan_status in
0) echo "plan is empty: the applied state matches the configuration" ;;
2) echo "demo: the plan after apply is NOT empty" >&2 ;;
*) echo "demo: plan failed (exit $plan_status)" >&2 ;;
esac

log "destroy"
tf destroy -auto-approve -input=false
sftp_left=$(processout_get "$sftp_path" | jq -r '.sftp_settings.endpoint // empty')
[[ -z $sftp_left ]] || die "ProcessOut still holds SFTP settings for $sftp_left after destroy"
held=$(held_products)
[[ -z $held ]] || die "products left in ProcessOut after destroy: $held"
echo "no product left in ProcessOut"

((plan_status == 0)) || die "failed: the plan after apply must be empty (plan exit $plan_status)"
log "demo passed with $cli"
