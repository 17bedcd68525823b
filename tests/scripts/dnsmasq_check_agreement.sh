#!/usr/bin/env bash
# Compares `isc2dnsmasq check --kind dnsmasq FILE` with `dnsmasq --test --conf-file=FILE`:
# the same accept/reject verdict on every config of ../shared/corpus/dnsmasq-wild and of the
# golden cases corpus/dnsmasq/*/dnsmasq.conf. Prints the agreement table.
# Args: $1 = isc2dnsmasq binary, $2 = source dir. Exit 77 (SKIPPED) without dnsmasq or configs.
set -u
bin=$(realpath "$1")
src=$(realpath "$2")
dnsmasq=${DNSMASQ:-/usr/sbin/dnsmasq}
if [ ! -x "$dnsmasq" ]; then
  echo "SKIPPED: $dnsmasq not installed"
  exit 77
fi
files=()
wild="$src/../shared/corpus/dnsmasq-wild"
# A git worktree under <root>/wt/<name> sees the same shared folder one level further up.
[ -d "$wild" ] || [ ! -d "$src/../../shared/corpus/dnsmasq-wild" ] || wild="$src/../../shared/corpus/dnsmasq-wild"
if [ -d "$wild" ]; then
  for f in "$wild"/*.conf; do files+=("$(realpath "$f")"); done
else
  echo "SKIPPED (part): $wild absent; comparing the golden cases only"
fi
for f in "$src"/corpus/dnsmasq/*/dnsmasq.conf; do [ -f "$f" ] && files+=("$f"); done
if [ ${#files[@]} -eq 0 ]; then
  echo "SKIPPED: no dnsmasq configs to compare"
  exit 77
fi
agree=0; disagree=0; accepted=0; rejected=0
printf '%-80s %-8s %-8s %s\n' "config" "ours" "dnsmasq" "agree"
for f in "${files[@]}"; do
  dir=$(dirname "$f")
  ours=$(cd "$dir" && "$bin" check --kind dnsmasq "$f" >/dev/null 2>&1; echo $?)
  theirs=$(cd "$dir" && timeout 20 "$dnsmasq" --test --conf-file="$f" >/dev/null 2>&1; echo $?)
  [ "$ours" = 0 ] && o=accept || o=reject
  [ "$theirs" = 0 ] && t=accept || t=reject
  [ "$t" = accept ] && accepted=$((accepted + 1)) || rejected=$((rejected + 1))
  name=${f#"$src/"}
  name=${name#*shared/corpus/}
  if [ "$o" = "$t" ]; then agree=$((agree + 1)); mark=yes; else disagree=$((disagree + 1)); mark=NO; fi
  printf '%-80s %-8s %-8s %s\n' "$name" "$o" "$t" "$mark"
done
echo "agreement: $agree of ${#files[@]} configs (dnsmasq accepts $accepted, rejects $rejected); disagreements: $disagree"
[ "$disagree" = 0 ]
