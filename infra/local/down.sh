#!/usr/bin/env bash
# Stop the local Kafka + FerretDB started by infra/local/up.sh (by pid file). Idempotent.
#   down.sh           stop, keep data
#   down.sh --purge   stop and delete data (Kafka log dirs + cluster id, FerretDB SQLite files)
#                     installed jars/binaries are kept, so the next up.sh is fast
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=infra/local/common.sh
. "$SCRIPT_DIR/common.sh" # REPO_ROOT, STATE, RUN_DIR, log

PURGE=0
for arg in "$@"; do
  case "$arg" in
    --purge) PURGE=1 ;;
    -h | --help) sed -n '2,5p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

stop() { # name pidfile cmdline-substring
  local name="$1" pidfile="$2" match="$3" pid
  if [ ! -s "$pidfile" ]; then log "$name not running (no pid file)"; return 0; fi
  pid="$(cat "$pidfile")"
  if ! kill -0 "$pid" 2>/dev/null ||
    { [ -r "/proc/$pid/cmdline" ] && ! grep -qF -- "$match" <<<"$(tr '\0' ' ' <"/proc/$pid/cmdline")"; }; then
    log "$name not running (stale pid file)"
    rm -f "$pidfile" "${pidfile%.pid}.port"
    return 0
  fi
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  # Kafka does a controlled shutdown; give it up to 30 s before SIGKILL
  for _ in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || break
    grep -q '^State:.*Z' "/proc/$pid/status" 2>/dev/null && break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null && ! grep -q '^State:.*Z' "/proc/$pid/status" 2>/dev/null; then
    log "$name did not stop in 30s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile" "${pidfile%.pid}.port"
}

stop FerretDB "$RUN_DIR/ferretdb.pid" ferretdb
stop Kafka "$RUN_DIR/kafka.pid" kafka.Kafka

if [ "$PURGE" = 1 ]; then
  log "purging data in $STATE (kafka/data, kafka/cluster-id, ferretdb/)"
  rm -rf "$STATE/kafka/data" "$STATE/kafka/cluster-id" "$STATE/ferretdb"
fi
log "stopped"
