#!/bin/sh
# netmortem .deb post-install: give the capture helper, and nothing else, the two capabilities
# libpcap needs (dumpcap's model), so the app captures without ever running as root.
set -e
helper="/opt/netmortem/resources/netmortem-capture"
if [ ! -f "$helper" ]; then
  echo "netmortem: $helper is missing; live capture will not work" >&2
  exit 0
fi
chmod 0755 "$helper"
if command -v setcap >/dev/null 2>&1 && setcap cap_net_raw,cap_net_admin+eip "$helper"; then
  exit 0
fi
echo "netmortem: could not grant capture capabilities. Run: sudo setcap cap_net_raw,cap_net_admin+eip $helper" >&2
exit 0
