#!/usr/bin/env bash
# Stops everything deploy/local/start.sh started, by process id, the console and the services (every replica) first. Data stays in .local/.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/deploy/local/env.sh"

stop_process() { # name
  local pidfile="$STATE_DIR/pids/$1.pid"
  [ -f "$pidfile" ] || return 0
  local pid; pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    echo "Stopping $1 (pid $pid) ..."
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "$1 did not stop within 30 s; killing it."
      kill -KILL "$pid" 2>/dev/null
    fi
  fi
  rm -f "$pidfile"
}

stop_process console
# every replica that has a pid file, whatever TOPLINE_REPLICAS says now
for service in alerts-service metrics-service drivers-service; do
  for pidfile in "$STATE_DIR/pids/$service".pid "$STATE_DIR/pids/$service"-[0-9]*.pid; do
    [ -f "$pidfile" ] && stop_process "$(basename "$pidfile" .pid)"
  done
done
for name in kafka postgres; do
  stop_process "$name"
done

# The postmaster runs detached from its launcher; stop it even when the launcher was killed.
postmaster="$STATE_DIR/pgdata/postmaster.pid"
if [ -f "$postmaster" ]; then
  pid="$(head -n 1 "$postmaster")"
  if kill -0 "$pid" 2>/dev/null; then
    echo "Stopping the PostgreSQL server (pid $pid) ..."
    kill -INT "$pid" 2>/dev/null
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  fi
fi
echo "Topline stopped. Data is kept in $STATE_DIR (delete it for a fresh start)."
