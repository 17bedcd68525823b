#!/bin/bash
# The real dnsmasq judges the simulator: every corpus/simulate case's scenarios go to dnsmasq 2.90
# in the lab (tests/lab, network namespaces, --no-ping --port=0) and to simulate_dnsmasq; answers
# must agree field by field (reply, address, siaddr, sname, file, lease time, every option, and
# the options' wire order). Differences listed in the case's lab.known ("INDEX FIELD reason")
# are reported as explained. Usage: lab_dnsmasq_sim.sh ISC2DNSMASQ_BINARY SOURCE_DIR
set -u
bin=$(realpath "$1")
src=$(realpath "$2")
lab=$(dirname "$bin")/tests/lab/isc2dnsmasq_lab
if [ "$(id -u)" != 0 ]; then
  echo "SKIPPED: lab_dnsmasq_sim needs root (network namespaces)"
  exit 77
fi
if [ ! -x "$lab" ] || [ ! -x /usr/sbin/dnsmasq ]; then
  echo "SKIPPED: needs $lab and /usr/sbin/dnsmasq"
  exit 77
fi
work=$(mktemp -d /tmp/labsim.XXXXXX)
trap 'rm -rf "$work"' EXIT
fail=0
cases=0
for dir in "$src"/corpus/simulate/*/; do
  case=$(basename "$dir")
  [ -f "$dir/scenarios.json" ] || continue
  cases=$((cases + 1))
  # The simulator's default interface (host .1 of the first range's subnet) is the lab's link.
  # Its address is the server identifier (option 54) the simulator gives a plain client.
  hex=$(cd "$dir" && "$bin" simulate dnsmasq.conf --client '{"mac":"02:00:00:00:00:01"}' --json | tr -d ' \n' |
        sed -n 's/.*"code":54,"hex":"\([0-9a-f]\{8\}\)".*/\1/p')
  link=192.0.2.1
  [ -n "$hex" ] && link=$(printf '%d.%d.%d.%d' 0x${hex:0:2} 0x${hex:2:2} 0x${hex:4:2} 0x${hex:6:2})
  # The case's own scenarios, then the common client families (tests/scripts/lab_families.json).
  scen="$work/$case.scenarios.json"
  { sed '$ s/][[:space:]]*$/,/' "$dir/scenarios.json"; sed '1 s/^[[:space:]]*\[//' "$src/tests/scripts/lab_families.json"; } >"$scen"
  out="$work/$case.jsonl"
  "$lab" --server dnsmasq --config "$dir/dnsmasq.conf" --link "$link/24" --scenarios "$scen" \
    --timeout 2 >"$out" 2>"$work/$case.err"
  rc=$?
  if [ $rc = 77 ]; then
    grep SKIPPED "$out"
    exit 77
  fi
  if [ $rc != 0 ]; then
    echo "FAIL $case: lab exited with $rc"; cat "$work/$case.err"; fail=1; continue
  fi
  known=()
  [ -f "$dir/lab.known" ] && known=(--known "$dir/lab.known")
  echo "== $case"
  (cd "$dir" && "$bin" simulate dnsmasq.conf --client @"$scen" --against "$out" "${known[@]}") >"$work/$case.cmp"
  [ $? = 0 ] || fail=1
  grep -v '^  ' "$work/$case.cmp"
  grep '^  ' "$work/$case.cmp" >>"$work/fields"
done
if [ $cases = 0 ]; then
  echo "SKIPPED: no corpus/simulate case has scenarios.json"
  exit 77
fi
echo "agreement by field over all cases (agree/compared):"
awk '{ split($NF, n, "/"); f = $1; for (i = 2; i < NF; ++i) f = f " " $i; a[f] += n[1]; t[f] += n[2] }
     END { for (f in a) printf "  %-12s %d/%d\n", f, a[f], t[f] }' "$work/fields" | sort -k1,1 -k2n
[ $fail = 0 ] && echo "lab_dnsmasq_sim: $cases cases agree with the real dnsmasq" || echo "lab_dnsmasq_sim: MISMATCHES"
exit $fail
