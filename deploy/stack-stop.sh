#!/usr/bin/env bash
# Stops what deploy/stack-start.sh started, by the pids in .stack/ (nothing else is touched).
# `deploy/stack-stop.sh app2` stops only that app server.
set -uo pipefail
cd "$(dirname "$0")/.."
STACK="$PWD/.stack"

# Running, and not a zombie left by a killed process that nobody has reaped yet.
running() { kill -0 "$1" 2>/dev/null && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }

stop() {  # NAME SIGNAL
  local file="$STACK/$1.pid" pid
  [ -f "$file" ] || return 0
  pid="$(cat "$file")"
  if running "$pid"; then
    kill "-$2" "$pid"
    for _ in $(seq 1 100); do
      running "$pid" || break
      sleep 0.1
    done
    running "$pid" && kill -KILL "$pid"
  fi
  rm -f "$file"
  echo "stack: stopped $1"
}

if [ "${1:-}" != "" ]; then
  stop "$1" TERM
  exit 0
fi
stop varnish TERM
stop nginx QUIT
stop app1 TERM
stop app2 TERM
exit 0
