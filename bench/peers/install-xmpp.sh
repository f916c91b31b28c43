#!/bin/sh
# Installs the XMPP peers from Debian's packages (root only; the bench never needs them in CI).
# Services are not started by the package (policy-rc.d); the runner starts each with its own config.
set -eu
missing=""
command -v ejabberdctl >/dev/null 2>&1 || missing="$missing ejabberd"
command -v prosody >/dev/null 2>&1 || missing="$missing prosody lua-unbound"
[ -z "$missing" ] && exit 0
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
