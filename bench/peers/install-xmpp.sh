#!/bin/sh
# Installs the XMPP peers from Debian's packages (root only; the bench never needs them in CI).
# Services are not started by the package (policy-rc.d); the runner starts each with its own config.
set -eu
# ejabberdctl starts the VM through su, and pam_limits then resets the soft open-files limit to 1,024:
# without this, ejabberd refuses connections past about a thousand clients.
limits=/etc/security/limits.d/parley-bench-xmpp.conf
if [ ! -f "$limits" ]; then
  printf 'ejabberd soft nofile 20000\nejabberd hard nofile 20000\n' > "$limits"
fi
missing=""
command -v ejabberdctl >/dev/null 2>&1 || missing="$missing ejabberd"
command -v prosody >/dev/null 2>&1 || missing="$missing prosody lua-unbound"
[ -z "$missing" ] && exit 0
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
