#!/usr/bin/env bash
# Installs what isc2dnsmasq needs (Debian packages only), then builds it. Idempotent.
#   scripts/setup.sh            install build deps, configure and build into build/
#   scripts/setup.sh --test     also install the real servers (isc-dhcp-server, dnsmasq-base, ...) and run every test
#   scripts/setup.sh --deps     install only
# Environment: BUILD_DIR (default build), JOBS (default nproc).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${BUILD_DIR:-$here/build}
jobs=${JOBS:-$(nproc)}
mode=${1:-build}

build_pkgs=(cmake g++ make tao-pegtl-dev libcli11-dev libfmt-dev doctest-dev libjemalloc-dev)
test_pkgs=(isc-dhcp-server dnsmasq-base iproute2 clang libclang-rt-14-dev python3 pre-commit git man-db groff-base)

missing=()
want=("${build_pkgs[@]}")
if [ "$mode" = "--test" ] || [ "$mode" = "--deps" ]; then want+=("${test_pkgs[@]}"); fi
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# isc-dhcp-server's package enables a system service; the lab runs its own dhcpd, never the service.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet isc-dhcp-server 2>/dev/null; then
  systemctl stop isc-dhcp-server || true
fi
[ "$mode" = "--deps" ] && exit 0

cmake -S "$here" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build_dir" -j "$jobs"

if [ "$mode" = "--test" ]; then
  cd "$build_dir"
  ctest --output-on-failure -j "$jobs"
fi
