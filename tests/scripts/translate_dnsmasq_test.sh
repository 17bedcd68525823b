#!/usr/bin/env bash
# Every golden translation and every translation of a dhcpd-accepted wild config must pass `dnsmasq --test`.
# Usage: translate_dnsmasq_test.sh ISC2DNSMASQ_BINARY SOURCE_DIR
# Part 1: corpus/*/*/expected.dnsmasq.conf (the reviewed golden outputs).
# Part 2: "$2/../shared/corpus/isc-wild/" files that dhcpd -t accepts (SOURCES.tsv column
#         dhcpd_t = ok): translate must not crash or fail, and dnsmasq must accept the output.
# Prints a table: files, statements, exact / approximate / untranslatable, counts by code.
set -u
bin="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
src="$2"
if ! command -v dnsmasq >/dev/null 2>&1 && [ ! -x /usr/sbin/dnsmasq ]; then
  echo "SKIPPED: dnsmasq is not installed"
  exit 77
fi
dnsmasq_bin=$(command -v dnsmasq || echo /usr/sbin/dnsmasq)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

golden=0
for f in "$src"/corpus/*/*/expected.dnsmasq.conf; do
  [ -e "$f" ] || continue
  golden=$((golden + 1))
  if ! out=$("$dnsmasq_bin" --test --conf-file="$f" 2>&1); then
    echo "FAIL dnsmasq --test rejects $f: $out"
    failures=$((failures + 1))
  fi
done
echo "golden outputs accepted by dnsmasq --test: $((golden - failures)) of $golden"

shared="${SHARED_CORPUS:-$src/../shared/corpus}"  # SHARED_CORPUS overrides (e.g. from a worktree)
wild="$shared/isc-wild"
tsv="$shared/SOURCES.tsv"
if [ ! -d "$wild" ] || [ ! -f "$tsv" ]; then
  echo "SKIPPED: shared corpus $wild not present (golden part: $failures failures)"
  [ "$failures" -eq 0 ] && exit 77
  exit 1
fi

col=$(head -1 "$tsv" | tr '\t' '\n' | grep -n '^dhcpd_t$' | cut -d: -f1)
files=0 rejected=0 accepted=0 statements=0 exact=0 approx=0 untrans=0
: >"$work/codes"
# awk, not `read -a`: tab is IFS whitespace, so read would merge empty columns and shift the rest.
while IFS= read -r rel; do
  f="$shared/$rel"
  [ -f "$f" ] || continue
  files=$((files + 1))
  out="$work/out.conf"
  rm -f "$out"
  # dhcpd resolves include paths against the current directory; run from the file's directory.
  (cd "$(dirname "$f")" && "$bin" --format json translate "$(basename "$f")" -o "$out" --report) \
    >"$work/stdout" 2>"$work/report.json"
  rc=$?
  if [ "$rc" -eq 1 ]; then
    # An input error dhcpd does not report: a front-end gap, listed but not a crash.
    echo "REJECTED by the front end (exit 1), $rel: $(head -c 300 "$work/report.json")"
    rejected=$((rejected + 1))
    continue
  fi
  if [ "$rc" -ne 0 ]; then
    echo "FAIL translate exit $rc on $rel: $(head -c 400 "$work/report.json")"
    failures=$((failures + 1))
    continue
  fi
  if ! msg=$("$dnsmasq_bin" --test --conf-file="$out" 2>&1); then
    echo "FAIL dnsmasq --test rejects the translation of $rel: $msg"
    failures=$((failures + 1))
    continue
  fi
  accepted=$((accepted + 1))
  python3 - "$work/report.json" >>"$work/codes" <<'EOF'
import json, sys
text = open(sys.argv[1]).read()
doc = json.loads(text[text.index('{"statements"'):])
for s in doc["statements"]:
    print(s["outcome"], s["code"])
EOF
done < <(awk -F'\t' -v c="$col" 'NR > 1 && $c == "ok" && $1 ~ /^isc-wild\// { print $1 }' "$tsv")

statements=$(wc -l <"$work/codes")
exact=$(grep -c '^exact ' "$work/codes")
approx=$(grep -c '^approximate ' "$work/codes")
untrans=$(grep -c '^untranslatable ' "$work/codes")
echo
echo "isc-wild (dhcpd -t accepted): files $files, rejected by the front end $rejected, translated and accepted by dnsmasq --test $accepted"
echo "statements $statements: exact $exact, approximate $approx, untranslatable $untrans"
echo "by code:"
awk '{print $2}' "$work/codes" | sort | uniq -c | sort -rn | awk '{printf "  %6d  %s\n", $1, $2}'
if [ "$failures" -ne 0 ]; then
  echo "$failures failures"
  exit 1
fi
exit 0
