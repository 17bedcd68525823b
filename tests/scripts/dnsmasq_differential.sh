#!/usr/bin/env bash
# Differential test: random 3-line DHCP configs and line-rule mutations (seeded) must get the same verdict
# from `isc2dnsmasq check --kind dnsmasq` and `dnsmasq --test`. Args: isc2dnsmasq binary, source dir.
set -u
bin=$(realpath "$1")
src=$(realpath "$2")
dnsmasq=${DNSMASQ:-/usr/sbin/dnsmasq}
[ -x "$dnsmasq" ] || { echo "SKIPPED: $dnsmasq not installed"; exit 77; }
command -v python3 >/dev/null || { echo "SKIPPED: python3 not installed"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$src/tests/scripts/data/dnsmasq_random_lines.py" 11 450 > "$work/lines.txt"
total=0; bad=0; rejected=0
# Compares the verdicts of dnsmasq --test and `check` on $work/c.conf.
compare_verdicts() {
  (cd "$work" && "$dnsmasq" --test --conf-file=c.conf >/dev/null 2>&1); local a=$?
  [ "$a" != 0 ] && a=1 && rejected=$((rejected + 1))
  (cd "$work" && "$bin" check --kind dnsmasq c.conf >/dev/null 2>&1); local b=$?
  total=$((total + 1))
  if [ "$a" != "$b" ]; then
    bad=$((bad + 1))
    echo "---- dnsmasq exit $a, ours $b:"
    cat "$work/c.conf"
  fi
}
while IFS= read -r l1 && IFS= read -r l2 && IFS= read -r l3; do
  printf '%s\n%s\n%s\n' "$l1" "$l2" "$l3" > "$work/c.conf"
  compare_verdicts
done < "$work/lines.txt"
# Line-rule mutations (quotes, comments, escapes, separators) of a valid config, one line each.
python3 "$src/tests/scripts/data/dnsmasq_mutated_lines.py" 5 150 5 "$src" > "$work/mutated.txt"
while IFS= read -r l; do
  printf '%s\n' "$l" > "$work/c.conf"
  compare_verdicts
done < "$work/mutated.txt"
echo "random configs: $total, dnsmasq rejects $rejected, verdict disagreements: $bad"
[ "$bad" = 0 ]
