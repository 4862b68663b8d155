#!/bin/sh
# Starts coturn when enabled; otherwise idles (balena compose has no profiles, so a disabled
# service still has a container: a sleeping one).
set -eu

if [ "${PHONGHOC_TURN_ENABLED:-0}" != "1" ]; then
  echo "[turn] PHONGHOC_TURN_ENABLED is not 1: the TURN relay is off."
  exec sleep infinity
fi
secret="${PHONGHOC_TURN_SECRET:-}"
if [ "${#secret}" -lt 16 ]; then
  echo "[turn] PHONGHOC_TURN_SECRET must be set (16+ characters) before the relay can start; staying off." >&2
  exec sleep infinity
fi

# The secret goes into a private config file rather than onto the command line (visible in ps).
conf=/tmp/turnserver.conf
umask 077
{
  echo "listening-port=${PHONGHOC_TURN_PORT:-3478}"
  echo "min-port=${PHONGHOC_TURN_MIN_PORT:-49160}"
  echo "max-port=${PHONGHOC_TURN_MAX_PORT:-49200}"
  echo "realm=${PHONGHOC_TURN_REALM:-phonghoc.local}"
  echo "use-auth-secret"
  echo "static-auth-secret=${secret}"
  if [ -n "${PHONGHOC_RTC_ANNOUNCED_ADDRESS:-}" ]; then echo "external-ip=${PHONGHOC_RTC_ANNOUNCED_ADDRESS}"; fi
  echo "fingerprint"
  echo "no-cli"
  echo "no-tls"
  echo "no-dtls"
  echo "no-multicast-peers"
  echo "denied-peer-ip=127.0.0.0-127.255.255.255"
  echo "log-file=stdout"
  echo "simple-log"
  echo "pidfile=/tmp/turnserver.pid"
  echo "proc-user=turnserver"
  echo "proc-group=turnserver"
} > "$conf"
chown turnserver:turnserver "$conf" 2>/dev/null || true
exec turnserver -c "$conf"
