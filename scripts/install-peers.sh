#!/usr/bin/env bash
# Installs the real programs the peer suites (interop, nat, e2e) run against, from
# Debian's mirror. Idempotent: apt-get leaves installed packages alone. Needs root.
set -euo pipefail

PACKAGES=(
  sip-tester baresip-core
  kamailio kamailio-tls-modules kamailio-presence-modules kamailio-sqlite-modules kamailio-utils-modules
  coturn tshark xvfb xauth chromium sox espeak-ng iproute2 iptables nftables
)

if [ "$(id -u)" -ne 0 ]; then
  echo "install-peers: not root; skipping (run as root to install: ${PACKAGES[*]})"
  exit 0
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-peers: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

echo "install-peers: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Another apt run on the machine may hold the dpkg lock; wait for it rather than fail.
apt-get -o DPkg::Lock::Timeout=900 update
# tshark asks whether non-root users may capture; the answer is preseeded.
echo 'wireshark-common wireshark-common/install-setuid boolean false' | debconf-set-selections
apt-get -o DPkg::Lock::Timeout=900 install -y --no-install-recommends "${PACKAGES[@]}"
