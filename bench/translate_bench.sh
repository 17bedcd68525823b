#!/bin/bash
# Benchmark: `isc2dnsmasq translate` vs `dhcpd -t -4` on a generated dhcpd.conf (wall, peak RSS), and
# real dnsmasq start-up (`dnsmasq --test`) with the hosts inline vs in a dhcp-hostsfile.
#
# Usage: bench/translate_bench.sh [ISC2DNSMASQ_BINARY] [HOSTS] [SUBNETS] [RUNS]
# Defaults: build/isc2dnsmasq, 100000 hosts, 100 subnets, 3 runs (best wall time and its peak RSS).
# Needs /usr/bin/time, /usr/sbin/dhcpd and /usr/sbin/dnsmasq. Input: bench/gen_isc.py.
# Note: `dnsmasq --test` parses dhcp-host lines (with its quadratic duplicate check) but does not
# read a dhcp-hostsfile; the hostsfile layout is therefore also timed with a real start-up
# (dnsmasq -d on port 0 without DHCP interfaces, killed once it has read the hosts file).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=$(realpath "${1:-$here/../build/isc2dnsmasq}")
hosts=${2:-100000}
subnets=${3:-100}
runs=${4:-3}
dhcpd=${DHCPD:-/usr/sbin/dhcpd}
dnsmasq=${DNSMASQ:-/usr/sbin/dnsmasq}
for need in /usr/bin/time "$dhcpd" "$dnsmasq" "$bin"; do
  [ -x "$need" ] || { echo "missing $need" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
conf="$work/dhcpd.conf"
python3 "$here/gen_isc.py" --hosts "$hosts" --subnets "$subnets" -o "$conf"
size=$(stat -c %s "$conf")

best_of() {
  local best_t="" best_m=""
  for _ in $(seq "$runs"); do
    : > "$work/leases"
    if ! /usr/bin/time -o "$work/time" -f "%e %M" "$@" > "$work/out" 2>&1; then
      echo "command failed: $*" >&2; tail -5 "$work/out" >&2; exit 1
    fi
    read -r t m < "$work/time"
    if [ -z "$best_t" ] || awk -v a="$t" -v b="$best_t" 'BEGIN { exit !(a < b) }'; then best_t=$t; best_m=$m; fi
  done
  echo "$best_t $best_m"
}

read -r dt dm < <(cd "$work" && best_of "$dhcpd" -t -4 -q -cf "$conf" -lf "$work/leases" -pf "$work/pid")
read -r tt tm < <(cd "$work" && best_of "$bin" translate "$conf" -o "$work/inline.conf")
read -r ht hm < <(cd "$work" && best_of "$bin" translate "$conf" -o "$work/split.conf" --hosts-file "$work/hosts.txt")
lines=$(grep -c '^dhcp-host=' "$work/inline.conf" || true)
hlines=$(grep -vc '^#' "$work/hosts.txt" || true)
read -r it im < <(best_of "$dnsmasq" --test --conf-file="$work/inline.conf")
read -r st sm < <(best_of "$dnsmasq" --test --conf-file="$work/split.conf")

# Real start-up with the hosts file: dnsmasq reads dhcp-hostsfile when it starts serving; it logs
# "read FILE - N addresses" then. Port 0 (no DNS), no DHCP interface needed for reading files.
startup() {
  local conf="$1" pat="$2" t0 t1 pid
  t0=$(date +%s.%N)
  "$dnsmasq" -d --port=0 --conf-file="$conf" --log-facility=- --pid-file="$work/dnsmasq.pid" \
    --dhcp-leasefile="$work/dnsmasq.leases" >"$work/dlog" 2>&1 &
  pid=$!
  for _ in $(seq 6000); do
    grep -q "$pat" "$work/dlog" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.01
  done
  t1=$(date +%s.%N)
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if ! grep -q "$pat" "$work/dlog"; then echo "n/a"; return; fi
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }'
}
if [ "$(id -u)" = 0 ]; then
  rs=$(startup "$work/split.conf" "read $work/hosts.txt")
  ri=$(startup "$work/inline.conf" "started, version")
else
  rs="n/a (needs root)"; ri="n/a (needs root)"
fi

echo "input: $hosts hosts in $subnets subnets, $((size / 1024)) KiB (bench/gen_isc.py); best of $runs runs"
printf '%-52s %10s %12s\n' "command" "wall (s)" "peak RSS (MiB)"
printf '%-52s %10s %12.1f\n' "dhcpd -t -4" "$dt" "$(awk -v m="$dm" 'BEGIN{print m/1024}')"
printf '%-52s %10s %12.1f\n' "isc2dnsmasq translate (hosts inline)" "$tt" "$(awk -v m="$tm" 'BEGIN{print m/1024}')"
printf '%-52s %10s %12.1f\n' "isc2dnsmasq translate --hosts-file" "$ht" "$(awk -v m="$hm" 'BEGIN{print m/1024}')"
printf '%-52s %10s %12.1f\n' "dnsmasq --test, $lines dhcp-host lines inline" "$it" "$(awk -v m="$im" 'BEGIN{print m/1024}')"
printf '%-52s %10s %12.1f\n' "dnsmasq --test, dhcp-hostsfile ($hlines lines)" "$st" "$(awk -v m="$sm" 'BEGIN{print m/1024}')"
echo "dnsmasq -d start-up until the hosts are read: inline ${ri} s, dhcp-hostsfile ${rs} s"
