"""Gunicorn settings for Newsroom in production: `gunicorn -c deploy/gunicorn.conf.py newsroom.wsgi`.

Values come from the environment (see deploy/env.example). Sync workers are right here:
nginx buffers slow clients in front of them, each request is short, and the database and
Redis do the waiting. `make bench` runs the site with this file.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# (2 x cores) + 1 sync workers is gunicorn's advice for a machine that only runs the app.
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Load Django once in the master: workers start faster and share memory.
preload_app = True
# Workers are replaced after this many requests (with jitter), which bounds slow leaks.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
# The heartbeat file on tmpfs, so a slow disk cannot make the master kill healthy workers.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# Only the local nginx may set X-Forwarded-* for gunicorn itself.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# nginx keeps the access log; gunicorn logs errors to stderr (journald, docker logs).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
proc_name = "newsroom"
# gunicornc's control socket only when a path is given.
control_socket_disable = not os.environ.get("GUNICORN_CONTROL_SOCKET")
if not control_socket_disable:
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
