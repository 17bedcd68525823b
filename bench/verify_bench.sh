#!/bin/bash
# Benchmark: `isc2dnsmasq verify` on a generated dhcpd.conf (every host plus every guard is a scenario).
#
# Usage: bench/verify_bench.sh [ISC2DNSMASQ_BINARY] [HOSTS] [SUBNETS] [RUNS]
# Defaults: build/isc2dnsmasq, 100000 hosts, 100 subnets, 5 runs. Reports, over the runs, the median
# wall time with the fastest and slowest, the median CPU time (user+sys; read this one on a loaded
# machine) and the largest peak RSS of
#   1. `diff A A` (ISC evaluator on both sides: generation + 2 x ISC answers per scenario), and
#   2. `verify A` (in-memory translation, written and read back, ISC vs dnsmasq evaluator).
# Needs /usr/bin/time (Debian package `time`). Target (issue 5): verify under 2 s at 100,000 hosts.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=$(realpath "${1:-$here/../build/isc2dnsmasq}")
hosts=${2:-100000}
subnets=${3:-100}
runs=${4:-5}
[ -x /usr/bin/time ] || { echo "missing /usr/bin/time" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
conf="$work/dhcpd.conf"
python3 "$here/gen_isc.py" --hosts "$hosts" --subnets "$subnets" -o "$conf"
# Each command runs $runs times: on a virtual machine the cost of fresh memory pages varies from
# run to run (the host backs them lazily), so one run says little.
run() {
  local label=$1; shift
  : > "$work/times"
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$work/time" -f "%e %U %S %M" "$@" > "$work/out" 2>&1 || true
    tail -1 "$work/time" >> "$work/times"
  done
  # Sorted columns (mawk has no sort of its own): wall, cpu; the median is the middle run.
  local n m wall cpu rss
  n=$(wc -l < "$work/times")
  m=$(( (n + 1) / 2 ))
  wall=$(awk '{ print $1 }' "$work/times" | sort -g)
  cpu=$(awk '{ printf "%.2f\n", $2 + $3 }' "$work/times" | sort -g)
  rss=$(awk '{ print $4 }' "$work/times" | sort -g | tail -1)
  summary="$(echo "$wall" | sed -n "${m}p") s median ($(echo "$wall" | head -1)-$(echo "$wall" | tail -1) s over $n runs), cpu $(echo "$cpu" | sed -n "${m}p") s median, peak RSS $((rss / 1024)) MiB"
  echo "$label: $summary; $(head -1 "$work/out")"
}
echo "input: $hosts hosts, $subnets subnets, $(stat -c %s "$conf") bytes"
run "diff (ISC x ISC)" "$bin" diff "$conf" "$conf"
run "verify (ISC x translated dnsmasq)" "$bin" verify "$conf"
