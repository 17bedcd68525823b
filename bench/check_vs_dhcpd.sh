#!/bin/bash
# Benchmark: `isc2dnsmasq check` vs `dhcpd -t -4` on a generated dhcpd.conf (wall time, peak RSS).
#
# Usage: bench/check_vs_dhcpd.sh [ISC2DNSMASQ_BINARY] [HOSTS] [SUBNETS] [RUNS]
# Defaults: build/isc2dnsmasq, 100000 hosts, 100 subnets, 3 runs (best wall time, that run's peak RSS
# and CPU time are reported for each tool, with the load average around the runs).
# Needs /usr/bin/time (Debian package `time`) and /usr/sbin/dhcpd.
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
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# best_of CMD...: runs CMD $runs times; prints "seconds KiB cpu-seconds" of the fastest run (cpu =
# user + system, a check on the wall time when the machine is shared); fails if CMD fails.
best_of() {
  local best_t="" best_m="" best_c=""
  for _ in $(seq "$runs"); do
    : > "$work/leases"
    if ! /usr/bin/time -o "$work/time" -f "%e %M %U %S" "$@" > "$work/out" 2>&1; then
      echo "command failed: $*" >&2; cat "$work/out" >&2; exit 1
    fi
    read -r t m u s < "$work/time"
    if [ -z "$best_t" ] || awk -v a="$t" -v b="$best_t" 'BEGIN { exit !(a < b) }'; then
      best_t=$t; best_m=$m; best_c=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
    fi
  done
  echo "$best_t $best_m $best_c"
}

read -r dt dm dc < <(cd "$work" && best_of "$dhcpd" -t -4 -q -cf "$conf" -lf "$work/leases" -pf "$work/pid")
read -r ot om oc < <(cd "$work" && best_of "$bin" check "$conf")

echo "input: $hosts hosts in $subnets subnets, $((size / 1024)) KiB (bench/gen_isc.py); best of $runs runs"
echo "load average before the runs: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-28s %10s %14s %10s\n' "command" "wall (s)" "peak RSS (MiB)" "cpu (s)"
printf '%-28s %10s %14s %10s\n' "dhcpd -t -4" "$dt" "$(awk -v m="$dm" 'BEGIN { printf "%.1f", m / 1024 }')" "$dc"
printf '%-28s %10s %14s %10s\n' "isc2dnsmasq check" "$ot" "$(awk -v m="$om" 'BEGIN { printf "%.1f", m / 1024 }')" "$oc"
awk -v dt="$dt" -v ot="$ot" -v dm="$dm" -v om="$om" -v dc="$dc" -v oc="$oc" 'BEGIN {
  printf "speed-up: %.1fx wall, %.1fx cpu (target >= 5x)   memory: %.2f of dhcpd (target < 0.25)\n",
         (ot > 0 ? dt / ot : 0), (oc > 0 ? dc / oc : 0), (dm > 0 ? om / dm : 0) }'
