#!/usr/bin/env bash
# docs/isc2dnsmasq.1 renders with `man -l` and groff without warnings, and documents every subcommand and
# option the binary's --help lists (so the page cannot silently fall behind the CLI).
# usage: manpage_test.sh ISC2DNSMASQ_BINARY SOURCE_DIR
set -uo pipefail
bin=$(realpath "$1")
src=$(realpath "$2")
page=$src/docs/isc2dnsmasq.1
command -v groff >/dev/null 2>&1 || { echo "SKIPPED: groff is not installed (Debian package groff-base)"; exit 77; }
command -v man >/dev/null 2>&1 || { echo "SKIPPED: man is not installed (Debian package man-db)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# groff with every warning enabled: no output on stderr.
groff -man -Tutf8 -ww -z "$page" 2>"$tmp/groff.err"
[ -s "$tmp/groff.err" ] && fail "groff -ww warnings: $(cat "$tmp/groff.err")"
# man -l as a user would run it (man also runs its own checks, e.g. for the preprocessor line).
MANWIDTH=80 MAN_KEEP_FORMATTING=0 man -l "$page" >"$tmp/page.txt" 2>"$tmp/man.err"
rc=$?
[ $rc -eq 0 ] || fail "man -l exited $rc"
[ -s "$tmp/man.err" ] && fail "man -l wrote to stderr: $(cat "$tmp/man.err")"
# Plain text for the checks below (man may emit overstrikes when not on a terminal).
sed 's/.\x08//g' "$tmp/page.txt" >"$tmp/plain.txt"
for section in NAME SYNOPSIS DESCRIPTION COMMANDS "GLOBAL OPTIONS" "EXIT STATUS" ENVIRONMENT FILES EXAMPLES "SEE ALSO"; do
  grep -q "^$section\$" "$tmp/plain.txt" || fail "no $section section"
done
awk 'length > 80 {found=1} END {exit !found}' "$tmp/plain.txt" && fail "rendered lines wider than MANWIDTH=80"
grep -q "isc2dnsmasq $("$bin" --version | awk '{print $2}')" "$page" || fail "the page's .TH does not carry version $("$bin" --version)"

# Every subcommand and every option of the binary is documented.
commands=$("$bin" --help | awk '/^Subcommands:/ {s=1; next} s && /^  [a-z]/ {print $1}')
[ -n "$commands" ] || fail "no subcommands in isc2dnsmasq --help"
options_of() {
  "$bin" ${1:+"$1"} --help | awk '/^  *-/ {n = split($1, a, ","); for (i = 1; i <= n; i++) print a[i]}' | grep -v -- '^-h$'
}
for o in $(options_of ""); do
  grep -q -- "^ *$o\b" "$tmp/plain.txt" || grep -q -- "$o" "$tmp/plain.txt" || fail "global option $o is not documented"
done
for c in $commands; do
  # Subcommands are .SS headings, rendered as an indented line starting with the name.
  if ! grep -qE "^   $c( |$)" "$tmp/plain.txt"; then
    fail "subcommand '$c' has no section in the page"
    continue
  fi
  # The options must appear inside that subcommand's section (up to the next subsection).
  awk -v c="$c" '$0 ~ "^   " c "( |$)" {s=1; print; next} s && /^   [a-z]/ && !/^    / {s=0} s && /^[A-Z]/ {s=0} s {print}' \
    "$tmp/plain.txt" >"$tmp/section.txt"
  for o in $(options_of "$c"); do
    [ "$o" = "--help" ] && continue
    grep -q -- "$o" "$tmp/section.txt" || fail "option $o of '$c' is not documented in its section"
  done
done
for c in $(sed -n 's/^\.SS \([a-z]*\).*/\1/p' "$page"); do
  grep -qx "$c" <<<"$commands" || echo "NOTE: the page documents '$c', which this build does not have (branch not merged)"
done

if [ $failures -ne 0 ]; then
  echo "$failures man page check(s) failed"
  exit 1
fi
echo "man page renders cleanly and documents $(wc -w <<<"$commands") subcommands"
