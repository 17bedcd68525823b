#!/usr/bin/env bash
# Lab check: runs the real dnsmasq on tests/lab/dnsmasq-values/dnsmasq.conf in two network
# namespaces joined by a veth pair (192.0.2.0/24), sends one DISCOVER (no parameter request
# list, so every option is sent) and compares the options of the OFFER with observed.txt, the
# capture that tests/unit/dnsmasq/values_test.cpp checks the reader against.
# Args: isc2dnsmasq binary (unused), source dir. Needs root, iproute2, python3 and dnsmasq.
set -u
src=$(realpath "$2")
lab="$src/tests/lab/dnsmasq-values"
[ "$(id -u)" = 0 ] || { echo "SKIPPED: needs root for network namespaces"; exit 77; }
for t in ip python3 /usr/sbin/dnsmasq; do
  command -v "$t" >/dev/null || { echo "SKIPPED: $t not installed"; exit 77; }
done
ns_s="i2dval-s-$$"; ns_c="i2dval-c-$$"; work=$(mktemp -d); pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  ip netns del "$ns_s" 2>/dev/null; ip netns del "$ns_c" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
ip netns add "$ns_s" && ip netns add "$ns_c" || { echo "SKIPPED: cannot create namespaces"; exit 77; }
ip link add vS$$ type veth peer name vC$$
ip link set vS$$ netns "$ns_s"; ip link set vC$$ netns "$ns_c"
ip -n "$ns_s" addr add 192.0.2.1/24 dev vS$$; ip -n "$ns_s" link set vS$$ up; ip -n "$ns_s" link set lo up
ip -n "$ns_c" addr add 192.0.2.2/24 dev vC$$; ip -n "$ns_c" link set vC$$ up; ip -n "$ns_c" link set lo up
ip netns exec "$ns_s" /usr/sbin/dnsmasq -k -C "$lab/dnsmasq.conf" --port=0 --interface=vS$$ --bind-interfaces \
  --dhcp-leasefile="$work/leases" --pid-file="$work/pid" --no-ping --user=root --group=root \
  --log-facility="$work/log" &
pid=$!
sleep 2
timeout 20 ip netns exec "$ns_c" python3 "$lab/client.py" vC$$ > "$work/reply.txt" 2>&1
# Options 51/58/59 (lease) and 54 (server id) are fixed by the range and the addresses above.
if diff -u "$lab/observed.txt" "$work/reply.txt"; then
  echo "dnsmasq lab: OFFER options equal observed.txt ($(wc -l < "$work/reply.txt") options)"
else
  echo "dnsmasq lab: OFFER differs from observed.txt"; exit 1
fi
