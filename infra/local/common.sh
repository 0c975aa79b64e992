# shellcheck shell=bash
# Sourced by up.sh, down.sh and ferretdb.sh once they have set SCRIPT_DIR: where infra/local keeps its state,
# logging, and the pid-file check they share.

REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
STATE="${LOCAL_INFRA_DIR:-$REPO_ROOT/.local-infra}"
RUN_DIR="$STATE/run"

log() { printf '[local-infra] %s\n' "$*" >&2; }

pid_alive() { # pidfile [cmdline-substring] -> 0 if that pid is alive (not a zombie, and
  local pid      #   its command line contains the substring, to survive pid reuse)
  [ -s "$1" ] || return 1
  pid="$(cat "$1")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  if [ -r "/proc/$pid/status" ]; then
    grep -q '^State:.*Z' "/proc/$pid/status" && return 1
    # A here-string, not `tr | grep -q`: under pipefail, grep quitting early can fail the pipe (SIGPIPE) on a long
    # command line (Kafka's classpath), and a live service would count as dead.
    if [ -n "${2:-}" ]; then grep -qF -- "$2" <<<"$(tr '\0' ' ' <"/proc/$pid/cmdline")" || return 1; fi
  fi
  return 0
}
