#!/usr/bin/env bash
# Shared by the demo scripts: a scratch directory cleaned up on every exit
# path, the CLI choice, the provider and emulator builds, the dev_overrides
# CLI configuration, and an emulator started on free local ports.
#
# Source it after setting `script` (the name in messages) and `root`.

export CHECKPOINT_DISABLE=1

# provider_source is the provider's registry source (registry.Source in Go;
# a test checks the two agree).
provider_source=processout/processout

log() { printf '\n==> %s\n' "$*"; }
die() {
	printf '%s: %s\n' "$script" "$*" >&2
	exit 1
}

# scratch_dir: creates $work and stops the emulator ($emulator_pid) and
# removes $work whatever happens.
emulator_pid=
scratch_dir() {
	work=$(mktemp -d "${TMPDIR:-/tmp}/processout-$script.XXXXXX")
	trap cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
}
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

# pick_cli [path-ok]: sets $cli to $TF_CLI, else (with path-ok) a tofu or
# terraform on PATH, else the pinned OpenTofu of the harness cache, built
# when missing.
pick_cli() {
	if [[ -n ${TF_CLI:-} ]]; then
		cli=$TF_CLI
	elif [[ ${1:-} == path-ok ]] && command -v tofu >/dev/null 2>&1; then
		cli=$(command -v tofu)
	elif [[ ${1:-} == path-ok ]] && command -v terraform >/dev/null 2>&1; then
		cli=$(command -v terraform)
	else
		local cache_dir=${CACHE_DIR:-$HOME/.cache/terraform-provider-processout}
		cli=${TOFU:-$(make -s -C "$root" --no-print-directory print-TOFU)}
		if [[ ! -x $cli ]]; then
			log "building the pinned OpenTofu into $cache_dir/bin (first time only; takes several minutes)"
			make -C "$root" --no-print-directory CACHE_DIR="$cache_dir" "$cli"
		fi
	fi
	command -v "$cli" >/dev/null 2>&1 || [[ -x $cli ]] || die "CLI not found: $cli"
}

# build_provider: builds the provider into $work/plugins and points the CLI
# at that fresh binary (dev_overrides: no init, never a registry).
build_provider() {
	mkdir -p "$work/plugins"
	(cd "$root" && go build -o "$work/plugins/terraform-provider-processout" .)
	cat >"$work/cli.tfrc" <<TFRC
provider_installation {
  dev_overrides {
    "registry.terraform.io/$provider_source" = "$work/plugins"
    "registry.opentofu.org/$provider_source" = "$work/plugins"
  }
  direct {}
}
TFRC
	export TF_CLI_CONFIG_FILE=$work/cli.tfrc
}

# build_and_configure: build_provider, and the emulator into $work/bin.
build_and_configure() {
	log "building the provider and the emulator"
	build_provider
	mkdir -p "$work/bin"
	(cd "$root" && go build -o "$work/bin/processout-emulator" ./cmd/processout-emulator)
}

# start_emulator [flags...]: starts the emulator on free local ports, waits
# for the environment it exports and loads it. Its stderr goes to
# $work/emulator.log.
start_emulator() {
	local exports=$work/exports.sh
	"$work/bin/processout-emulator" -processout-addr 127.0.0.1:0 -membrane-addr 127.0.0.1:0 \
		-exports-file "$exports" "$@" >/dev/null 2>"$work/emulator.log" &
	emulator_pid=$!
	local deadline=$((SECONDS + 60))
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
}

# processout_get PATH: GETs PATH from the emulated ProcessOut API as the
# project itself (the direct alternative the exports file shows commented
# out), so a script checks what ProcessOut holds, not what the provider
# says it wrote. Prints the JSON answer, or nothing for an error status.
processout_get() {
	local user secret
	user=$(sed -n "s/^# export PROCESSOUT_PROJECT_ID='\(.*\)'$/\1/p" "$work/exports.sh")
	secret=$(sed -n "s/^# export PROCESSOUT_PROJECT_SECRET='\(.*\)'$/\1/p" "$work/exports.sh")
	[[ -n $user && -n $secret ]] || die "the exports file names no project credentials"
	curl -fsS -u "$user:$secret" "$PROCESSOUT_API_URL$1" 2>/dev/null || true
}

# project_of_exports: the bare ID of the emulated project.
project_of_exports() {
	local user
	user=$(sed -n "s/^# export PROCESSOUT_PROJECT_ID='\(.*\)'$/\1/p" "$work/exports.sh")
	echo "${user#test-}"
}
