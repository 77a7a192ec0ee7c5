#!/usr/bin/env bash
# Stops everything deploy/local/start.sh started, by process id, the console and the services (every replica) first. Data stays in .local/.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/deploy/local/env.sh"

stop_processes() { # names: all are told at once, so their shutdowns overlap
  local name pid pidfile
  local -a names=() pids=()
  for name in "$@"; do
    pidfile="$STATE_DIR/pids/$name.pid"
    [ -f "$pidfile" ] || continue
    pid="$(cat "$pidfile")"
    if kill -0 "$pid" 2>/dev/null; then
      echo "Stopping $name (pid $pid) ..."
      kill -TERM "$pid" 2>/dev/null
      names+=("$name"); pids+=("$pid")
    fi
  done
  # 60 s: an app that records its class-data archive (start.sh) writes it while it stops, some 10 s on 2 cores
  local deadline=$((SECONDS + 60)) i
  for i in "${!pids[@]}"; do
    while kill -0 "${pids[$i]}" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.3; done
    if kill -0 "${pids[$i]}" 2>/dev/null; then
      echo "${names[$i]} did not stop within 60 s; killing it."
      # one killed while it wrote its class-data archive leaves a file that looks current; start.sh records anew
      if tr '\0' ' ' <"/proc/${pids[$i]}/cmdline" 2>/dev/null | grep -q "ArchiveClassesAtExit"; then
        rm -f "$(readlink "/proc/${pids[$i]}/cwd")/app-cds-recorded.jsa"
      fi
      kill -KILL "${pids[$i]}" 2>/dev/null
    fi
  done
  for name in "$@"; do rm -f "$STATE_DIR/pids/$name.pid"; done
}

# the console and every replica that has a pid file, whatever TOPLINE_REPLICAS says now
apps=(console)
for service in alerts-service metrics-service drivers-service; do
  for pidfile in "$STATE_DIR/pids/$service".pid "$STATE_DIR/pids/$service"-[0-9]*.pid; do
    [ -f "$pidfile" ] && apps+=("$(basename "$pidfile" .pid)")
  done
done
stop_processes "${apps[@]}"
stop_processes kafka
# postgres.pid names the server's postmaster once its launcher has exited, and the block below stops the server by
# its own pid file, with a fast shutdown (that also stops one whose pid start.sh never wrote). A launcher still alive
# (start.sh gave up on it, or a stack started before the launcher exited on its own) holds the data folder's lock, so
# it is stopped too
pidfile="$STATE_DIR/pids/postgres.pid"
if [ -f "$pidfile" ]; then
  pid="$(cat "$pidfile")"
  if [ "$pid" != "$(head -n 1 "$STATE_DIR/pgdata/postmaster.pid" 2>/dev/null)" ] && kill -0 "$pid" 2>/dev/null; then
    echo "Stopping the PostgreSQL launcher (pid $pid) ..."
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  fi
  rm -f "$pidfile"
fi
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
