#!/usr/bin/env bash
# Container health check without curl or wget: GET http://127.0.0.1:$IMPACT_METRICS_PORT$1 with
# bash's /dev/tcp; healthy (exit 0) only on HTTP 200. /health needs no bearer token.
set -euo pipefail
path="${1:-/health}"
port="${IMPACT_METRICS_PORT:-9464}"
exec 3<>"/dev/tcp/127.0.0.1/${port}"
printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$path" >&3
IFS= read -r -t 4 status <&3
exec 3<&-
case "$status" in
  "HTTP/1."?" 200 "*) exit 0 ;;
  *) echo "GET $path: ${status:-no answer}" >&2; exit 1 ;;
esac
