#!/usr/bin/env bash
# The Debian package: cpack builds it from the build tree, dpkg installs it into the system, the installed
# binary, man page and bash completion work, and dpkg removes it again. Needs root (CI runs as root).
# usage: deb_install_test.sh ISC2DNSMASQ_BINARY SOURCE_DIR
set -uo pipefail
bin=$(realpath "$1")
src=$(realpath "$2")
build=$(dirname "$bin")
pkg=isc2dnsmasq

if [ "$(id -u)" -ne 0 ]; then
  echo "SKIPPED: installing a .deb needs root (CI runs as root)"
  exit 77
fi
for tool in cpack dpkg dpkg-deb; do
  command -v $tool >/dev/null 2>&1 || { echo "SKIPPED: $tool is not installed"; exit 77; }
done
if dpkg-query -W -f='${Status}' $pkg 2>/dev/null | grep -q "ok installed"; then
  echo "SKIPPED: package $pkg is already installed on this system; not replacing or removing it"
  exit 77
fi
if [ -e /usr/bin/isc2dnsmasq ]; then
  echo "SKIPPED: /usr/bin/isc2dnsmasq exists and belongs to no package; not overwriting it"
  exit 77
fi
[ -f "$build/CPackConfig.cmake" ] || { echo "FAIL: no CPackConfig.cmake in $build"; exit 1; }

tmp=$(mktemp -d)
installed=0
cleanup() {
  [ $installed -eq 1 ] && dpkg -r $pkg >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

before=$(sha256sum "$bin" | cut -d' ' -f1)
version=$("$bin" --version)

# 1. Build the package into a scratch directory (cpack stages its own install; the build tree is read-only here).
if ! (cd "$tmp" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/out" >"$tmp/cpack.log" 2>&1); then
  cat "$tmp/cpack.log"
  echo "FAIL: cpack failed"
  exit 1
fi
deb=$(ls "$tmp"/out/*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { cat "$tmp/cpack.log"; echo "FAIL: cpack made no .deb"; exit 1; }
echo "built $(basename "$deb") ($(stat -c %s "$deb") bytes)"

# 2. Package metadata and contents.
info=$(dpkg-deb --field "$deb")
grep -q "^Package: $pkg$" <<<"$info" || fail "Package field: $(grep ^Package <<<"$info")"
grep -q "^Version: ${version#isc2dnsmasq }$" <<<"$info" || fail "Version field does not match '$version'"
grep -q "^Maintainer: .*@" <<<"$info" || fail "no Maintainer with an address"
grep -q "^Recommends: .*dnsmasq-base" <<<"$info" || fail "Recommends lacks dnsmasq-base"
grep -q "^Depends: .*libc6" <<<"$info" || fail "Depends lacks libc6 (shlibdeps not run?)"
contents=$(dpkg-deb --contents "$deb" | awk '{print $6}')
for f in ./usr/bin/isc2dnsmasq ./usr/share/man/man1/isc2dnsmasq.1 ./usr/share/bash-completion/completions/isc2dnsmasq \
  ./usr/share/doc/isc2dnsmasq/README.md; do
  grep -qx "$f" <<<"$contents" || fail "package lacks $f"
done

# 3. Install it into the system and use it.
if ! dpkg -i "$deb" >"$tmp/dpkg.log" 2>&1; then
  cat "$tmp/dpkg.log"
  installed=1
  echo "FAIL: dpkg -i failed"
  exit 1
fi
installed=1
got=$(/usr/bin/isc2dnsmasq --version 2>&1) || fail "/usr/bin/isc2dnsmasq --version failed: $got"
[ "$got" = "$version" ] || fail "installed --version says '$got', build tree says '$version'"
printf 'dhcp-range=192.0.2.300\n' >"$tmp/bad.conf"
/usr/bin/isc2dnsmasq check --kind dnsmasq "$tmp/bad.conf" >/dev/null 2>&1
rc=$?
[ $rc -eq 1 ] || fail "installed binary: check of a bad config exited $rc, expected 1"
[ -f /usr/share/bash-completion/completions/isc2dnsmasq ] || fail "completion not installed"
(source /usr/share/bash-completion/completions/isc2dnsmasq && complete -p isc2dnsmasq >/dev/null) ||
  fail "installed completion does not register"
if [ -f /usr/share/man/man1/isc2dnsmasq.1 ]; then
  if command -v man >/dev/null 2>&1; then
    MANWIDTH=80 man isc2dnsmasq 2>"$tmp/man.err" | grep -q "isc2dnsmasq - translate" || fail "man isc2dnsmasq does not show the page"
    [ -s "$tmp/man.err" ] && fail "man isc2dnsmasq: $(cat "$tmp/man.err")"
  fi
elif grep -rqs 'path-exclude.*/usr/share/man' /etc/dpkg/dpkg.cfg.d/; then
  echo "note: this system's dpkg excludes /usr/share/man (minimal image); the page is in the package (checked above)"
else
  fail "man page not installed"
fi

# 4. Remove it; the build tree's binary was never touched.
dpkg -r $pkg >"$tmp/dpkg-r.log" 2>&1 || { cat "$tmp/dpkg-r.log"; fail "dpkg -r failed"; }
installed=0
[ -e /usr/bin/isc2dnsmasq ] && fail "/usr/bin/isc2dnsmasq still present after dpkg -r"
[ "$(sha256sum "$bin" | cut -d' ' -f1)" = "$before" ] || fail "the build tree's binary changed"

if [ $failures -ne 0 ]; then
  echo "$failures package check(s) failed"
  exit 1
fi
echo "package installs, runs ($version) and removes cleanly"
