#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks, then the npm packages, then builds everything.
# Safe to run again: each step skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(build-essential libpcap-dev libcap2-bin tcpdump tshark chromium dnsmasq-base nftables iproute2 valgrind time)
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  missing=()
  for package in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "setup: not root; skipping apt. Needed Debian packages: ${apt_packages[*]}"
fi

if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
npm run build
# The capture helper alone gets the capture capabilities, so the app never runs as root (dumpcap's model).
make -C native --no-print-directory setcap
