#!/bin/bash
# Benchmark: `isc2dnsmasq verify` on a generated dhcpd.conf (every host plus every guard is a scenario).
#
# Usage: bench/verify_bench.sh [ISC2DNSMASQ_BINARY] [HOSTS] [SUBNETS]
# Defaults: build/isc2dnsmasq, 100000 hosts, 100 subnets. Reports wall time, CPU time (user+sys; read this one on a loaded machine) and peak RSS of
#   1. `diff A A` (ISC evaluator on both sides: generation + 2 x ISC answers per scenario), and
#   2. `verify A` (in-memory translation, written and read back, ISC vs dnsmasq evaluator).
# Needs /usr/bin/time (Debian package `time`). Target (issue 5): verify under 2 s at 100,000 hosts.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=$(realpath "${1:-$here/../build/isc2dnsmasq}")
hosts=${2:-100000}
subnets=${3:-100}
[ -x /usr/bin/time ] || { echo "missing /usr/bin/time" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
conf="$work/dhcpd.conf"
python3 "$here/gen_isc.py" --hosts "$hosts" --subnets "$subnets" -o "$conf"
run() {
  local label=$1; shift
  /usr/bin/time -o "$work/time" -f "%e %U %S %M" "$@" > "$work/out" 2>&1 || true
  read -r secs user sys kib < <(tail -1 "$work/time")
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  echo "$label: ${secs} s (cpu ${cpu} s), peak RSS $((kib / 1024)) MiB; $(head -1 "$work/out")"
}
echo "input: $hosts hosts, $subnets subnets, $(stat -c %s "$conf") bytes"
run "diff (ISC x ISC)" "$bin" diff "$conf" "$conf"
run "verify (ISC x translated dnsmasq)" "$bin" verify "$conf"
