#!/bin/bash
# Benchmark: `isc2dnsmasq check` vs `dhcpd -t -4` on a generated dhcpd.conf (wall time, peak RSS).
#
# Usage: bench/check_vs_dhcpd.sh [ISC2DNSMASQ_BINARY] [HOSTS] [SUBNETS] [RUNS]
# Defaults: build/isc2dnsmasq, 100000 hosts, 100 subnets, 3 runs (best wall time and its peak RSS
# are reported for each tool). Needs /usr/bin/time (Debian package `time`) and /usr/sbin/dhcpd.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=$(realpath "${1:-$here/../build/isc2dnsmasq}")
hosts=${2:-100000}
subnets=${3:-100}
runs=${4:-3}
dhcpd=${DHCPD:-/usr/sbin/dhcpd}
for need in /usr/bin/time "$dhcpd" "$bin"; do
  [ -x "$need" ] || { echo "missing $need" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
conf="$work/dhcpd.conf"
python3 "$here/gen_isc.py" --hosts "$hosts" --subnets "$subnets" -o "$conf"
size=$(stat -c %s "$conf")

# best_of CMD...: runs CMD $runs times; prints "seconds KiB" of the fastest run; fails if CMD fails.
best_of() {
  local best_t="" best_m=""
  for _ in $(seq "$runs"); do
    : > "$work/leases"
    if ! /usr/bin/time -o "$work/time" -f "%e %M" "$@" > "$work/out" 2>&1; then
      echo "command failed: $*" >&2; cat "$work/out" >&2; exit 1
    fi
    read -r t m < "$work/time"
    if [ -z "$best_t" ] || awk -v a="$t" -v b="$best_t" 'BEGIN { exit !(a < b) }'; then best_t=$t; best_m=$m; fi
  done
  echo "$best_t $best_m"
}

read -r dt dm < <(cd "$work" && best_of "$dhcpd" -t -4 -q -cf "$conf" -lf "$work/leases" -pf "$work/pid")
read -r ot om < <(cd "$work" && best_of "$bin" check "$conf")

echo "input: $hosts hosts in $subnets subnets, $((size / 1024)) KiB (bench/gen_isc.py); best of $runs runs"
printf '%-28s %10s %14s\n' "command" "wall (s)" "peak RSS (MiB)"
printf '%-28s %10s %14s\n' "dhcpd -t -4" "$dt" "$(awk -v m="$dm" 'BEGIN { printf "%.1f", m / 1024 }')"
printf '%-28s %10s %14s\n' "isc2dnsmasq check" "$ot" "$(awk -v m="$om" 'BEGIN { printf "%.1f", m / 1024 }')"
awk -v dt="$dt" -v ot="$ot" -v dm="$dm" -v om="$om" 'BEGIN {
  printf "speed-up: %.1fx (target >= 5x)   memory: %.2f of dhcpd (target < 0.25)\n",
         (ot > 0 ? dt / ot : 0), (dm > 0 ? om / dm : 0) }'
