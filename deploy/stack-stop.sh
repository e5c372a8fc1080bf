#!/usr/bin/env bash
# Stops what deploy/stack-start.sh started, by the pids in .stack/ (nothing else is touched).
# `deploy/stack-stop.sh app2` stops only that app server.
set -uo pipefail
cd "$(dirname "$0")/.."
STACK="$PWD/.stack"

stop() {  # NAME SIGNAL
  local file="$STACK/$1.pid" pid
  [ -f "$file" ] || return 0
  pid="$(cat "$file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "-$2" "$pid"
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
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
