#!/bin/bash
# Benchmark (not a test): `isc2dnsmasq check` vs `dhcpd -t -4` on a generated N-host / M-subnet config.
# usage: bench/isc_check_bench.sh BUILD_DIR [HOSTS] [SUBNETS] [RUNS]
# Prints the best wall time, the CPU time (user+sys) of that run and the peak RSS of each tool.
set -euo pipefail
build=${1:?build dir}; hosts=${2:-100000}; subnets=${3:-100}; runs=${4:-5}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
python3 "$here/gen_isc.py" "$hosts" "$subnets" > "$tmp/dhcpd.conf"
measure() {  # name, command...
  local name=$1; shift; local best=""
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %U %S %M" -o "$tmp/t" "$@" > /dev/null 2>&1 || true
    read -r wall user sys rss < "$tmp/t"
    cpu=$(echo "$user + $sys" | bc)
    if [ -z "$best" ] || [ "$(echo "$wall < ${best%% *}" | bc)" = 1 ]; then best="$wall $cpu $rss"; fi
  done
  read -r wall cpu rss <<< "$best"
  printf '%-22s wall %6.2f s   cpu %6.2f s   peak %6.1f MiB\n' "$name" "$wall" "$cpu" "$(echo "$rss / 1024" | bc -l)"
}
echo "input: $hosts hosts, $subnets subnets, $(wc -c < "$tmp/dhcpd.conf") bytes; best of $runs runs"
measure "isc2dnsmasq check" "$build/isc2dnsmasq" check "$tmp/dhcpd.conf"
if [ -x /usr/sbin/dhcpd ]; then
  measure "dhcpd -t -4" /usr/sbin/dhcpd -t -4 -cf "$tmp/dhcpd.conf"
else
  echo "dhcpd not installed: no comparison"
fi
