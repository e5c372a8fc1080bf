"""gunicorn for one app server of the stack. deploy/stack-start.sh runs two, on 127.0.0.1:8001 and :8002:
  gunicorn -c deploy/gunicorn.conf.py --bind 127.0.0.1:8001 --pid .stack/app1.pid tcmtips.wsgi
Everything the app needs comes from deploy/stack.env; nothing here is per-server state."""

import os

# Sync workers: one request at a time each, one database connection each. nginx queues the rest, and a
# grown site adds app servers rather than threads (see README, "Production topology").
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
worker_class = "sync"
timeout = 30
graceful_timeout = 10
# Recycle workers now and then, so a slow leak in one never takes a whole server down.
max_requests = 5000
max_requests_jitter = 500
daemon = True
accesslog = None
errorlog = "-"
capture_output = True
# Only nginx (loopback) talks to the app servers; it sets X-Forwarded-For / -Proto for Django.
forwarded_allow_ips = "127.0.0.1,::1"
# No control socket: two servers (and other gunicorns on the machine) would share its default path.
control_socket_disable = True
