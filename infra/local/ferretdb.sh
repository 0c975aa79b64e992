#!/usr/bin/env bash
# Stop or start only the FerretDB of infra/local, keeping its data and leaving Kafka alone: for trying out how the
# services ride out a read-model outage.
#   ferretdb.sh stop    stop it (SIGTERM; SIGKILL after 30 s); its port is remembered for start
#   ferretdb.sh start   start it again on that port (or MONGO_PORT) and wait until it answers (infra/local/up.sh)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
STATE="${LOCAL_INFRA_DIR:-$REPO_ROOT/.local-infra}"
RUN_DIR="$STATE/run"
PID_FILE="$RUN_DIR/ferretdb.pid"

log() { printf '[local-infra] %s\n' "$*" >&2; }

running() { # the pid, if the pid file names a live (non-zombie) ferretdb process
  local pid
  [ -s "$PID_FILE" ] || return 1
  pid="$(cat "$PID_FILE")"
  kill -0 "$pid" 2>/dev/null || return 1
  if [ -r "/proc/$pid/status" ]; then
    grep -q '^State:.*Z' "/proc/$pid/status" && return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF ferretdb || return 1
  fi
  echo "$pid"
}

case "${1:-}" in
  stop)
    pid="$(running)" || { log "FerretDB not running"; exit 0; }
    log "stopping FerretDB (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 300); do running >/dev/null || break; sleep 0.1; done
    if running >/dev/null; then
      log "FerretDB did not stop in 30s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$PID_FILE" # the port file stays: start uses it
    log "FerretDB stopped (data kept in $STATE/ferretdb)"
    ;;
  start)
    port="${MONGO_PORT:-$(cat "$RUN_DIR/ferretdb.port" 2>/dev/null || echo 27017)}"
    UP_SERVICES=ferretdb MONGO_PORT="$port" LOCAL_INFRA_DIR="$STATE" exec "$SCRIPT_DIR/up.sh"
    ;;
  *)
    sed -n '2,5p' "$0" >&2
    exit 2
    ;;
esac
