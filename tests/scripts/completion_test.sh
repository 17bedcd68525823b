#!/usr/bin/env bash
# Bash completion (completions/isc2dnsmasq.bash): registration, subcommands, options, option values, files.
# usage: completion_test.sh ISC2DNSMASQ_BINARY SOURCE_DIR
set -uo pipefail
bin=$(realpath "$1")
src=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$tmp/files/sub"
ln -s "$bin" "$tmp/bin/isc2dnsmasq"
touch "$tmp/files/dhcpd.conf" "$tmp/files/dnsmasq.conf" "$tmp/files/other.txt"
cd "$tmp/files" || exit 1

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# complete WORD...: simulate a TAB after the given words (the last one is the word being completed).
complete_words() {
  COMP_WORDS=("$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMP_LINE="$*"
  COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  _isc2dnsmasq
  printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//'
}
expect() {
  local want=$1
  shift
  local got
  got=$(complete_words "$@")
  if [ "$got" = "$want" ]; then
    echo "ok: [$*] -> $got"
  else
    fail "[$*] completed to '$got', expected '$want'"
  fi
}
# expect_has WORD WORDS...: the completion contains WORD.
expect_has() {
  local want=$1
  shift
  local got
  got=" $(complete_words "$@") "
  [[ $got == *" $want "* ]] || fail "[$*] completed to '$got', which lacks '$want'"
}

export PATH=$tmp/bin:$PATH
# shellcheck source=/dev/null
source "$src/completions/isc2dnsmasq.bash"
[[ $(complete -p isc2dnsmasq 2>&1) == "complete -F _isc2dnsmasq isc2dnsmasq" ]] ||
  fail "complete -p isc2dnsmasq: $(complete -p isc2dnsmasq 2>&1)"

# Every subcommand of the binary is offered, and only those.
commands=$(isc2dnsmasq --help | awk '/^Subcommands:/ {s=1; next} s && /^  [a-z]/ {print $1}' | sort | tr '\n' ' ' | sed 's/ $//')
[ -n "$commands" ] || fail "no subcommands found in isc2dnsmasq --help"
expect "$commands" isc2dnsmasq ""
expect "check" isc2dnsmasq ch
expect "check" isc2dnsmasq --werror ch
expect "json sarif text" isc2dnsmasq --format ""
expect "sarif" isc2dnsmasq --format s
expect "always" isc2dnsmasq --color = al
expect "--color" isc2dnsmasq --co
expect "auto dnsmasq isc" isc2dnsmasq check --kind ""
expect "dhcpd.conf dnsmasq.conf" isc2dnsmasq check d
expect "dhcpd.conf dnsmasq.conf other.txt sub" isc2dnsmasq check ""

# Every option each subcommand's --help lists is offered after '-' (with the global ones).
for c in $commands; do
  for o in $(isc2dnsmasq "$c" --help | awk '/^  *-/ {n = split($1, a, ","); for (i = 1; i <= n; i++) print a[i]}'); do
    expect_has "$o" isc2dnsmasq "$c" -
  done
  expect_has "--format" isc2dnsmasq "$c" --
done
# Options that take a file complete file names; enumerated ones their choices.
if [[ " $commands " == *" translate "* ]]; then
  expect "dhcpd.conf dnsmasq.conf" isc2dnsmasq translate --output d
fi
if [[ " $commands " == *" simulate "* ]]; then
  expect "@dhcpd.conf @dnsmasq.conf" isc2dnsmasq simulate --client @d
fi
if [[ " $commands " == *" probe "* ]]; then
  expect "" isc2dnsmasq probe --timeout ""
fi

# Without a runnable binary the built-in lists still work. The PATH holds only the tools the completion
# uses (not /usr/bin, where a concurrently installed package may have put isc2dnsmasq).
mkdir -p "$tmp/nobin"
for t in awk sort tr sed cat; do ln -s "$(command -v $t)" "$tmp/nobin/$t"; done
saved_path=$PATH
PATH=$tmp/nobin
unset _isc2dnsmasq_help_cache
declare -A _isc2dnsmasq_help_cache
expect "check diff explain probe simulate translate verify" isc2dnsmasq ""
expect "always auto never" isc2dnsmasq --color ""
PATH=$saved_path

if [ $failures -ne 0 ]; then
  echo "$failures completion check(s) failed"
  exit 1
fi
echo "bash completion works"
