#!/usr/bin/env bash
# `make demo`: the provider applies examples/demo against the local emulator.
#
#  1. builds the provider and the emulator into a scratch directory;
#  2. starts the emulator on free local ports and loads the environment it
#     exports (MEMBRANE_API_URL, MEMBRANE_ACCESS_TOKEN, PROCESSOUT_CONNECTION_ID, ...);
#  3. points the CLI at the fresh provider binary with dev_overrides (no `init`);
#  4. in a copy of examples/demo: apply, output, plan (must be empty), destroy.
#
# The CLI is $TF_CLI if set, else `tofu` or `terraform` from PATH, else the
# pinned OpenTofu from the harness cache ($TOFU, built with make if missing).
# Whatever happens, the emulator is stopped and the scratch directory removed.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export CHECKPOINT_DISABLE=1

log() { printf '\n==> %s\n' "$*"; }
die() {
	printf 'demo: %s\n' "$*" >&2
	exit 1
}

work=$(mktemp -d "${TMPDIR:-/tmp}/processout-demo.XXXXXX")
emulator_pid=
cleanup() {
	local status=$?
	trap - EXIT INT TERM
	if [[ -n $emulator_pid ]] && kill -0 "$emulator_pid" 2>/dev/null; then
		kill "$emulator_pid" 2>/dev/null || true
		for _ in $(seq 50); do
			kill -0 "$emulator_pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -9 "$emulator_pid" 2>/dev/null || true
		wait "$emulator_pid" 2>/dev/null || true
	fi
	rm -rf "$work"
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

[[ -d $root/examples/demo ]] || die "examples/demo/ does not exist yet"
[[ -d $root/cmd/processout-emulator ]] || die "cmd/processout-emulator/ does not exist yet"

# --- the CLI
if [[ -n ${TF_CLI:-} ]]; then
	cli=$TF_CLI
elif command -v tofu >/dev/null 2>&1; then
	cli=$(command -v tofu)
elif command -v terraform >/dev/null 2>&1; then
	cli=$(command -v terraform)
else
	cache_dir=${CACHE_DIR:-$HOME/.cache/terraform-provider-processout}
	cli=${TOFU:-}
	if [[ -z $cli ]]; then
		cli=$(make -s -C "$root" --no-print-directory print-TOFU)
	fi
	if [[ ! -x $cli ]]; then
		log "building the pinned OpenTofu into $cache_dir/bin (first time only; takes several minutes)"
		make -C "$root" --no-print-directory CACHE_DIR="$cache_dir" "$cli"
	fi
fi
command -v "$cli" >/dev/null 2>&1 || [[ -x $cli ]] || die "CLI not found: $cli"

# --- build
log "building the provider and the emulator"
mkdir -p "$work/plugins" "$work/bin"
(cd "$root" && go build -o "$work/plugins/terraform-provider-processout" .)
(cd "$root" && go build -o "$work/bin/processout-emulator" ./cmd/processout-emulator)

# --- the emulator
log "starting the emulator"
exports=$work/exports.sh
"$work/bin/processout-emulator" \
	-processout-addr 127.0.0.1:0 \
	-membrane-addr 127.0.0.1:0 \
	-exports-file "$exports" \
	>"$work/emulator.log" 2>&1 &
emulator_pid=$!

deadline=$((SECONDS + 60))
# The emulator writes the file atomically once it listens.
until [[ -s $exports ]]; do
	if ! kill -0 "$emulator_pid" 2>/dev/null; then
		cat "$work/emulator.log" >&2
		die "the emulator exited before writing $exports"
	fi
	if ((SECONDS >= deadline)); then
		cat "$work/emulator.log" >&2
		die "the emulator did not write $exports within 60s"
	fi
	sleep 0.2
done
echo "emulator pid $emulator_pid; environment:"
sed 's/^/    /' "$exports"
set -a
# shellcheck disable=SC1090
. "$exports"
set +a

# --- the CLI configuration: use the fresh binary, never a registry
cat >"$work/cli.tfrc" <<EOF
provider_installation {
  dev_overrides {
    "registry.terraform.io/hashicorp/processout" = "$work/plugins"
    "registry.opentofu.org/hashicorp/processout" = "$work/plugins"
  }
  direct {}
}
EOF
export TF_CLI_CONFIG_FILE=$work/cli.tfrc

# --- the demo configuration
cp -R "$root/examples/demo" "$work/demo"
rm -rf "$work/demo/.terraform" "$work/demo/.terraform.lock.hcl" "$work/demo"/terraform.tfstate*
tf() { "$cli" -chdir="$work/demo" "$@"; }

log "$(tf version | head -n1) — apply (dev_overrides, no init)"
tf apply -auto-approve -input=false

log "output"
tf output

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

((plan_status == 0)) || die "failed: the plan after apply must be empty (plan exit $plan_status)"
log "demo passed with $cli"
