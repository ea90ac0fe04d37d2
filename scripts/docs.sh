#!/usr/bin/env bash
# Generate the provider documentation in docs/ with tfplugindocs, offline.
#
#   scripts/docs.sh           regenerate docs/ in place
#   scripts/docs.sh --check   generate into a scratch copy and fail if docs/ differs
#
# Called by `make docs` and `make docs-check`, which pass the pinned tools:
#   TOFU=<tofu binary>  TFPLUGINDOCS=<tfplugindocs binary>
#
# Steps: build the provider; in a scratch configuration whose required_providers
# source is $provider_source (scripts/lib.sh), and with a CLI config whose
# dev_overrides points at the fresh binary, run `tofu providers schema
# -json`; rename the provider key to the short name tfplugindocs looks up
# first (it falls back only to the hashicorp namespace); run
# `tfplugindocs generate --providers-schema`.
set -euo pipefail

mode=generate
case "${1:-}" in
'') ;;
--check) mode=check ;;
*)
	echo "usage: $0 [--check]" >&2
	exit 2
	;;
esac

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
: "${TOFU:?set TOFU to the OpenTofu binary (make docs does)}"
: "${TFPLUGINDOCS:?set TFPLUGINDOCS to the tfplugindocs binary (make docs does)}"
script=docs
# shellcheck source=scripts/lib.sh
. "$root/scripts/lib.sh"

scratch_dir
echo "==> building the provider"
build_provider
mkdir -p "$work/config"

cat >"$work/config/main.tf" <<EOF
terraform {
  required_providers {
    processout = {
      source = "$provider_source"
    }
  }
}
EOF

echo "==> exporting the provider schema with $("$TOFU" version | head -n1)"
# dev_overrides needs no `init`; the CLI warns about the override on stderr.
(cd "$work/config" && "$TOFU" providers schema -json) >"$work/schema.raw.json" 2>"$work/schema.stderr" || {
	cat "$work/schema.stderr" >&2
	exit 1
}
# OpenTofu reports the provider under registry.opentofu.org, Terraform under
# registry.terraform.io; tfplugindocs finds it under its short name.
sed -E "s#\"registry\\.(opentofu\\.org|terraform\\.io)/$provider_source\"#\"processout\"#g" \
	"$work/schema.raw.json" >"$work/schema.json"
grep -q '"processout":' "$work/schema.json" || {
	echo "docs.sh: the exported schema has no $provider_source provider:" >&2
	head -c 2000 "$work/schema.raw.json" >&2
	exit 1
}

generate() { # generate PROVIDER_DIR
	"$TFPLUGINDOCS" generate \
		--providers-schema "$work/schema.json" \
		--provider-name processout \
		--provider-dir "$1" \
		--rendered-provider-name ProcessOut
}

if [[ $mode == generate ]]; then
	echo "==> generating docs/"
	generate "$root"
	exit 0
fi

# --check: generate into a copy so the working tree is never touched.
echo "==> generating docs into a scratch copy"
mkdir -p "$work/provider"
for d in templates examples docs; do
	if [[ -d "$root/$d" ]]; then cp -R "$root/$d" "$work/provider/$d"; fi
done
generate "$work/provider"

if [[ ! -d "$root/docs" ]]; then
	echo "docs-check: docs/ does not exist; run 'make docs' and commit docs/." >&2
	exit 1
fi
if ! diff -ru "$root/docs" "$work/provider/docs"; then
	echo >&2
	echo "docs-check: docs/ is not what tfplugindocs generates (diff above: - committed, + generated)." >&2
	echo "docs-check: run 'make docs' and commit docs/." >&2
	exit 1
fi
# On a clone, also require docs/ to be committed as generated.
if git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
	if [[ -n "$(git -C "$root" status --porcelain -- docs/)" ]]; then
		git -C "$root" status --short -- docs/ >&2
		echo "docs-check: docs/ has uncommitted changes; commit the generated docs." >&2
		exit 1
	fi
fi
echo "==> docs/ is up to date"
