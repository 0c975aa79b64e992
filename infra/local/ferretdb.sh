#!/usr/bin/env bash
# Stop or start only the FerretDB of infra/local, keeping its data and leaving Kafka alone: for trying out how the
# services ride out a read-model outage.
#   ferretdb.sh stop    stop it (SIGTERM; SIGKILL after 30 s); its port is remembered for start
#   ferretdb.sh start   start it again on that port (or MONGO_PORT) and wait until it answers (infra/local/up.sh)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=infra/local/common.sh
. "$SCRIPT_DIR/common.sh" # REPO_ROOT, STATE, RUN_DIR, log, pid_alive
PID_FILE="$RUN_DIR/ferretdb.pid"

running() { # the pid, if the pid file names a live (non-zombie) ferretdb process
  pid_alive "$PID_FILE" ferretdb && cat "$PID_FILE"
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
