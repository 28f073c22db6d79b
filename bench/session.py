"""Serving a bench database (gunicorn, and nginx in front when asked) and measuring it."""

import os
import shutil
import urllib.error
import urllib.request
from pathlib import Path

from bench import procs
from bench.config import (
    BENCH_DIR,
    GUNICORN,
    ROOT,
    app_env,
)
from bench.load import StatsdCounter, run_wrk


def http_get(url, headers=None):
    try:
        request = urllib.request.Request(url, headers=headers or {})
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()
    except OSError:
        return None, {}, b""


class Session:
    """gunicorn (and, when asked, nginx in front of it) serving one bench database."""

    def __init__(self, cfg, name, page_cache, floor_bytes, statsd, with_nginx=False, **extra):
        self.cfg, self.name, self.statsd = cfg, name, statsd
        self.env = app_env(cfg, name, page_cache, BENCH_FLOOR_BYTES=floor_bytes, **extra)
        self.port = procs.free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.servers = []
        log = BENCH_DIR / f"gunicorn-{name}-{page_cache}.log"
        self.gunicorn = self._start(
            procs.Server(
                "gunicorn",
                [
                    GUNICORN,
                    "--config",
                    str(ROOT / "deploy" / "gunicorn.conf.py"),
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--workers",
                    "2",
                    "--statsd-host",
                    statsd.address,
                    "--no-control-socket",
                    "newsroom.wsgi",
                ],
                self.env,
                log,
                cwd=ROOT,
            ),
            self.base + "/robots.txt",
        )
        self.nginx = self.static_base = self.proxy_base = self.refresh_base = None
        if with_nginx:
            self._start_nginx()

    def _start(self, server, ready_url):
        self.servers.append(server)
        if (
            not procs.wait_until(lambda: http_get(ready_url)[0] == 200 or not server.alive(), 60)
            or not server.alive()
        ):
            raise RuntimeError(f"{server.name} did not start:\n{server.log_tail()}")
        return server

    def _start_nginx(self):
        nginx_dir = BENCH_DIR / "nginx"
        shutil.rmtree(nginx_dir, ignore_errors=True)
        for sub in ("tmp", "cache"):
            (nginx_dir / sub).mkdir(parents=True)
        static_port, proxy_port, refresh_port = procs.free_port(), procs.free_port(), procs.free_port()
        conf = nginx_dir / "nginx.conf"
        conf.write_text(nginx_config(nginx_dir, self.port, static_port, proxy_port, refresh_port))
        self.static_base = f"http://127.0.0.1:{static_port}"
        self.proxy_base = f"http://127.0.0.1:{proxy_port}"
        self.refresh_base = f"http://127.0.0.1:{refresh_port}"
        self.nginx = self._start(
            procs.Server(
                "nginx",
                [
                    procs.find_tool("nginx"),
                    "-p",
                    str(nginx_dir),
                    "-c",
                    str(conf),
                    "-e",
                    str(nginx_dir / "error.log"),
                    "-g",
                    "daemon off;",
                ],
                os.environ.copy(),
                nginx_dir / "stdout.log",
            ),
            self.static_base + "/story.html",
        )

    def stop(self):
        for server in reversed(self.servers):
            server.stop()

    def gunicorn_cpu(self):
        return procs.tree_cpu(self.gunicorn.pid)

    def db_cpu(self):
        return procs.postgres_backends_cpu(self.name) if self.cfg.db == "postgres" else 0.0

    def measure(self, base, path, kind):
        """One wrk round; CPU and DB time per request served, after the servers are idle again."""
        cpu = (lambda: procs.tree_cpu(self.nginx.pid)) if kind == "nginx" else self.gunicorn_cpu
        if kind == "proxy":
            cpu = lambda: procs.tree_cpu(self.nginx.pid) + self.gunicorn_cpu()  # noqa: E731
        before = cpu(), self.db_cpu(), self.statsd.snapshot()
        result = run_wrk(
            procs.find_tool("wrk"),
            base + path,
            seconds=self.cfg.seconds,
            connections=self.cfg.connections,
            threads=2,
        )
        # Requests wrk abandoned at the end are still served: wait until nothing moves.
        procs.wait_idle(lambda: (cpu(), self.db_cpu(), self.statsd.snapshot()["gunicorn.requests"]))
        after = cpu(), self.db_cpu(), self.statsd.snapshot()
        served, not_ok = StatsdCounter.served(before[2], after[2])
        if kind != "gunicorn":  # nginx answers itself; its count is wrk's
            served, not_ok = result["requests"], 0
        result["cpu"] = (after[0] - before[0]) * 1000 / served if served else None
        on_postgres = served and self.cfg.db == "postgres"
        result["db"] = (after[1] - before[1]) * 1000 / served if on_postgres else None
        result["errors"] = not_ok + result["non_2xx"] + result["timeouts"]
        return result


def nginx_config(nginx_dir, upstream_port, static_port, proxy_port, refresh_port):
    """A full nginx configuration under var/bench: the static copy, the shipped proxy
    settings (deploy/nginx-proxy-cache.conf, the file deploy/nginx.conf includes) and the
    shipped refresh listener (deploy/nginx-cache-refresh.conf)."""
    mime = "types { text/html html; }"
    if Path("/etc/nginx/mime.types").exists():
        mime = "include /etc/nginx/mime.types;"
    temp = " ".join(
        f"{kind}_temp_path {nginx_dir}/tmp/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""worker_processes auto;
pid {nginx_dir}/nginx.pid;
error_log {nginx_dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    {mime}
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    {temp}
    proxy_cache_path {nginx_dir}/cache levels=1:2 keys_zone=newsroom_pages:10m max_size=256m inactive=10m
                     use_temp_path=off;
    upstream newsroom_app {{ server 127.0.0.1:{upstream_port}; }}
    server {{
        listen 127.0.0.1:{static_port};
        root {BENCH_DIR}/www;
        location / {{ try_files $uri =404; }}
    }}
    server {{
        listen 127.0.0.1:{proxy_port};
        location / {{ include {ROOT}/deploy/nginx-proxy-cache.conf; }}
    }}
    server {{
        listen 127.0.0.1:{refresh_port};
        location / {{ include {ROOT}/deploy/nginx-cache-refresh.conf; }}
    }}
}}
"""
