#!/usr/bin/env bash
# `make demo`: the provider applies examples/demo against the local emulator.
#
#  1. builds the provider and the emulator into a scratch directory;
#  2. starts the emulator on free local ports and loads the environment it
#     exports (MEMBRANE_API_URL, MEMBRANE_ACCESS_TOKEN, PROCESSOUT_CONNECTION_ID, ...);
#  3. points the CLI at the fresh provider binary with dev_overrides (no `init`);
#  4. in a copy of examples/demo: apply, output, plan (must be empty), destroy;
#     after the apply, ProcessOut (listed through the direct transport) holds
#     exactly the declared product with the payment link of the outputs, and
#     none after the destroy.
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

# held_products: the products ProcessOut holds, as "id=payment link" words,
# listed in a scratch configuration of their own through the direct
# transport (the project's own credentials, from the exports), not from the
# demo's state.
mkdir -p "$work/check"
cat >"$work/check/main.tf" <<'EOF'
terraform {
  required_providers {
    processout = { source = "processout/processout" }
  }
}

provider "processout" {}

data "processout_products" "all" {}

output "held" {
  value = join(" ", [for p in data.processout_products.all.products : "${p.id}=${p.url}"])
}
EOF
held_products() {
	local id secret
	id=$(sed -n "s/^# export PROCESSOUT_PROJECT_ID='\(.*\)'$/\1/p" "$work/exports.sh")
	secret=$(sed -n "s/^# export PROCESSOUT_PROJECT_SECRET='\(.*\)'$/\1/p" "$work/exports.sh")
	env -u MEMBRANE_API_URL -u MEMBRANE_ACCESS_TOKEN -u PROCESSOUT_CONNECTION_ID \
		PROCESSOUT_PROJECT_ID="$id" PROCESSOUT_PROJECT_SECRET="$secret" \
		"$cli" -chdir="$work/check" apply -auto-approve -input=false >"$work/check.log" 2>&1 || {
		cat "$work/check.log" >&2
		die "listing ProcessOut's products failed"
	}
	"$cli" -chdir="$work/check" output -raw held
}

log "the product in ProcessOut (listed with the project's own credentials)"
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
held=$(held_products)
[[ -z $held ]] || die "products left in ProcessOut after destroy: $held"
echo "no product left in ProcessOut"

((plan_status == 0)) || die "failed: the plan after apply must be empty (plan exit $plan_status)"
log "demo passed with $cli"
