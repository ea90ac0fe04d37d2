#!/usr/bin/env bash
# The provider builds against terraform-plugin-framework as released, with
# third_party/terraform-plugin-framework.patch applied (third_party/README.md
# says why). This script is the only way that copy changes.
#
#   scripts/framework.sh          rebuild third_party/terraform-plugin-framework
#                                 from the released module and the patch
#   scripts/framework.sh --check  fail if the committed copy is not exactly that
#   scripts/framework.sh --test   run the framework's own test suite on the
#                                 released module with the patch applied
#
# The version is the one go.mod requires. The module comes from the Go
# module proxy through go mod download, which checks it against the
# checksum database; its hash is written into the copy's VERSION, so the
# check also fails for a copy made from anything else.
set -euo pipefail

script=framework
root=$(cd "$(dirname "$0")/.." && pwd)
module=github.com/hashicorp/terraform-plugin-framework
copy=$root/third_party/terraform-plugin-framework
patchfile=$root/third_party/terraform-plugin-framework.patch

die() {
	printf '%s: %s\n' "$script" "$*" >&2
	exit 1
}

cd "$root"
go=${GO:-go}
version=$("$go" list -m -f '{{.Version}}' "$module")
[ -n "$version" ] || die "go.mod requires no $module"
download=$("$go" mod download -json "$module@$version") || die "go mod download $module@$version failed: $download"
released=$(printf '%s\n' "$download" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
sum=$(printf '%s\n' "$download" | sed -n 's/^[[:space:]]*"Sum": "\(.*\)",$/\1/p')
[ -d "$released" ] && [ -n "$sum" ] || die "go mod download $module@$version gave no module: $download"

work=$(mktemp -d "${TMPDIR:-/tmp}/processout-framework.XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

# released_sources DIR: the released module's sources without its tests,
# docs and website, patched, in DIR.
released_sources() {
	local dir=$1
	(cd "$released" && find . -type f \( \( -name '*.go' ! -name '*_test.go' \) -o -name go.mod -o -name go.sum -o -name LICENSE \) -print) |
		while read -r f; do
			mkdir -p "$dir/$(dirname "$f")"
			cp "$released/$f" "$dir/$f"
		done
	chmod -R u+w "$dir"
	apply_patch "$dir"
	printf '%s %s %s\n' "$module" "$version" "$sum" >"$dir/VERSION"
}

apply_patch() {
	# Exactly, or not at all: no fuzz, no questions, no reversed hunks.
	patch --batch --forward --fuzz=0 --quiet -p1 -d "$1" <"$patchfile" ||
		die "$(basename "$patchfile") does not apply to $module $version: rebase it on that version (third_party/README.md)"
}

case "${1:-}" in
"")
	released_sources "$work/copy"
	rm -rf "$copy"
	mv "$work/copy" "$copy"
	printf '%s: third_party/terraform-plugin-framework is %s %s with the patch\n' "$script" "$module" "$version"
	;;
--check)
	released_sources "$work/copy"
	if ! diff -r "$work/copy" "$copy" >"$work/diff"; then
		head -40 "$work/diff" >&2
		die "third_party/terraform-plugin-framework is not $module $version with the patch: run scripts/framework.sh (make framework) and commit the result, or move the change into the patch"
	fi
	printf '%s: third_party/terraform-plugin-framework is %s %s with the patch\n' "$script" "$module" "$version"
	;;
--test)
	cp -r "$released" "$work/module"
	chmod -R u+w "$work/module"
	apply_patch "$work/module"
	(cd "$work/module" && "$go" test ./... -count=1) || die "the framework's own tests fail with the patch"
	printf '%s: the tests of %s %s pass with the patch\n' "$script" "$module" "$version"
	;;
*)
	die "usage: scripts/framework.sh [--check|--test]"
	;;
esac
