#!/usr/bin/env bash
# Starts the production-like stack on loopback (make stack):
#   Varnish :8080 (entry point) -> nginx :8081 (static, media, balancing) -> gunicorn :8001 and :8002
#   -> PostgreSQL (database tcmtips_stack) and Redis (db 2), shared by both app servers.
# Each process's pid goes to .stack/NAME.pid; deploy/stack-stop.sh stops them by those pids.
# `deploy/stack-start.sh app2` (re)starts only that app server.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
PY="${PY:-$ROOT/.venv/bin/python}"
STACK="$ROOT/.stack"
ENTRY="http://127.0.0.1:8080/"

# Running, and not a zombie left by a killed process that nobody has reaped yet.
running() { kill -0 "$1" 2>/dev/null && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }
alive() { [ -f "$STACK/$1.pid" ] && running "$(cat "$STACK/$1.pid")"; }

wait_for() {  # URL, seconds: any answer below 500 (a redirect to HTTPS too) means it is up
  local url="$1" deadline=$((SECONDS + $2))
  until "$PY" - "$url" 2>/dev/null <<'CHECK'
import http.client, sys, urllib.parse
url = urllib.parse.urlsplit(sys.argv[1])
conn = http.client.HTTPConnection(url.hostname, url.port, timeout=5)
conn.request("GET", url.path or "/")
sys.exit(0 if conn.getresponse().status < 500 else 1)
CHECK
  do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "stack: $url did not answer within $2 s (logs in .stack/)" >&2
      return 1
    fi
    sleep 0.5
  done
}

start_app() {  # N: app server N on 127.0.0.1:800N
  local n="$1"
  if alive "app$n"; then return 0; fi
  # gunicorn refuses a pid file whose process still exists, and a killed, unreaped one (a zombie, where
  # nothing reaps orphans) still does: the file is stale, so drop it.
  rm -f "$STACK/app$n.pid"
  "$PY" -m gunicorn -c deploy/gunicorn.conf.py --chdir "$ROOT" --bind "127.0.0.1:800$n" \
    --pid "$STACK/app$n.pid" --error-logfile "$STACK/app$n.log" tcmtips.wsgi
  wait_for "http://127.0.0.1:800$n/" 60
}

set -a
# shellcheck source=deploy/stack.env
. deploy/stack.env
# STACK_SSL_REDIRECT=true starts the app servers as they run behind a TLS front: plain HTTP is redirected to
# HTTPS, a request the front marks https (X-Forwarded-Proto through Varnish) is served (tests/stack).
SECURE_SSL_REDIRECT="${STACK_SSL_REDIRECT:-$SECURE_SSL_REDIRECT}"
set +a
mkdir -p "$STACK"/nginx-tmp "$STACK"/media "$STACK"/static

if [ "${1:-}" != "" ]; then
  start_app "${1#app}"
  exit 0
fi

missing=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v varnishd >/dev/null || [ -x /usr/sbin/varnishd ] || missing+=(varnish)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "stack: please install ${missing[*]} (apt-get install ${missing[*]}), or run as root" >&2
    exit 1
  fi
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
fi
export PATH="$PATH:/usr/sbin"

for name in varnish nginx app1 app2; do
  if alive "$name"; then
    echo "stack: $name is already running (make stack-stop first)" >&2
    exit 1
  fi
done

# The caches first, so the publishes of load_demo below already purge a running Varnish.
nginx -p "$ROOT/" -c deploy/nginx.conf
# The varnish.pid written by varnishd is the manager's; its child process exits with it. Answers may carry
# headers as long as nginx lets through (deploy/nginx.conf: a redirect repeats a long address in Location),
# with a backend workspace big enough to hold them (else a larger answer fails with a 503).
varnishd -a 127.0.0.1:8080 -T none -f "$ROOT/deploy/default.vcl" -n "$STACK/varnish" \
  -P "$STACK/varnish.pid" -s malloc,128m -t 0 -p workspace_backend=256k -p http_resp_hdr_len=64k -p http_resp_size=128k

# The stack's own database, made afresh on the local PostgreSQL each time the stack starts: its media
# live in this checkout's .stack/media, so a database kept from another checkout would point at files
# that are not here.
"$PY" - <<'PY'
import os

import environ
import psycopg

db = environ.Env.db_url_config(os.environ["DATABASE_URL"])
with psycopg.connect(host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], dbname="postgres", autocommit=True) as c:
    c.execute(f'DROP DATABASE IF EXISTS "{db["NAME"]}" WITH (FORCE)')
    c.execute(f'CREATE DATABASE "{db["NAME"]}"')
PY
"$PY" manage.py migrate --noinput -v0
"$PY" manage.py collectstatic --noinput -v0
"$PY" manage.py load_demo -v0
# Redis keeps only what can be rebuilt: a memory ceiling, and evict the least recently used key when full.
"$PY" -c "import os, redis; r = redis.Redis.from_url(os.environ['CACHE_URL']); r.config_set('maxmemory', '512mb'); r.config_set('maxmemory-policy', 'allkeys-lru')"
# Redis db 2 belongs to the stack: start from an empty page cache.
"$PY" manage.py shell -v0 -c "from django.core.cache import caches; [caches[n].clear() for n in ('default', 'renditions')]"

start_app 1
start_app 2
wait_for "$ENTRY" 60
echo "stack: up at $ENTRY (app servers :8001 :8002, nginx :8081; pids in .stack/)"
