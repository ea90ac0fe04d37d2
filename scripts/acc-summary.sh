#!/usr/bin/env bash
# Summarise the output of `go test -v` for one CLI run of the acceptance suite.
#
#   go test -v ... 2>&1 | scripts/acc-summary.sh 'tofu 1.12.6'
#
# Prints every test result as "[LABEL] --- PASS: TestAccX (3.2s)" (also SKIP
# and FAIL), the full output of every failing test, package results and build
# errors, anything after a panic or timeout, and a count at the end. The raw
# output is also written to $ACC_LOG when that is set.
#
# Exit status: 1 if a test or package failed, else 0. Run it under
# `set -o pipefail` so go test's own exit status is kept as well.
set -euo pipefail

label=${1:?usage: acc-summary.sh CLI-LABEL}
log=${ACC_LOG:-/dev/null}
if [[ $log != /dev/null ]]; then
	mkdir -p "$(dirname "$log")"
	: >"$log"
fi

status=0
tee -- "$log" | awk -v label="[$label]" '
function flush_test(name) { if (name in buf) { printf "%s", buf[name]; delete buf[name] } }
# After a panic (including "test timed out") everything is printed verbatim.
dump { print; fflush(); next }
/^panic: / {
	for (n in buf) { print "----- output so far of " n " -----"; flush_test(n) }
	dump = 1; print; fflush(); next
}
# Test headers tell which test the following lines belong to.
/^=== (RUN|CONT|NAME|PAUSE)[ \t]/ { current = $3; next }
# Results, possibly indented for subtests.
/^[ \t]*--- (PASS|FAIL|SKIP): / {
	line = $0; sub(/^[ \t]+/, "", line)
	name = $3
	if ($2 == "PASS:") { pass++ }
	else if ($2 == "SKIP:") { skip++ }
	else { fail++; failed = failed "  " name "\n" }
	print label " " line
	if ($2 == "FAIL:") {
		print "----- output of " name " -----"
		flush_test(name)
		print "----- end of " name " -----"
	} else if ($2 == "SKIP:" && name in buf) {
		# the skip reason is the last line the test logged
		n = split(buf[name], lines, "\n")
		for (i = n; i > 0; i--) if (lines[i] ~ /[^ \t]/) { r = lines[i]; sub(/^[ \t]+/, "", r); print "    " r; break }
	}
	delete buf[name]
	fflush()
	current = ""
	next
}
# Package results, and lines no test claims (build errors, vet failures).
/^(ok|FAIL|\?)[ \t]/ || /^FAIL$/ || /^PASS$/ || /^# / { print label " " $0; fflush(); if ($1 == "FAIL") pkgfail = 1; next }
{
	if (current != "") { buf[current] = buf[current] $0 "\n" } else { print; fflush() }
}
END {
	printf "%s %d passed, %d skipped, %d failed\n", label, pass, skip, fail
	if (failed != "") { printf "%s failed tests:\n%s", label, failed }
	if (pass + skip + fail == 0) print label " warning: no test ran"
	if (fail > 0 || pkgfail || dump) exit 1
}
' || status=$?

if [[ $log != /dev/null ]]; then
	echo "[$label] full output: $log"
fi
exit "$status"
