"""The servers of the two-server scenario (bench/two_servers.py): gunicorn instances started
as their own process groups, nginx in front of them with an `upstream`, and moto's S3 server
when moto is installed."""

import http.client
import importlib.util
import os
import shutil
import signal
import subprocess

from bench import fault_servers


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port, method, path, body=None, headers=None):
    """(status, headers, body) of one request to 127.0.0.1:port."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


class Gunicorn:
    def __init__(self, port, env):
        self.port = port
        self.process = subprocess.Popen(
            [
                fault_servers.PYTHON,
                "-m",
                "gunicorn",
                "newsroom.wsgi",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{port}",
            ]
            + ["--timeout", "30", "--log-level", "warning"],
            cwd=fault_servers.ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(fault_servers.WORK / f"gunicorn-{port}.log", "a"),
            start_new_session=True,  # its own process group, so killing it kills its workers too
        )

    def kill(self):
        """As a crash would: no graceful shutdown for the master or its workers."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=30)


def nginx_conf(folder, listen, ports):
    servers = "\n".join(f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;" for port in ports)
    temp = " ".join(
        f"{kind}_temp_path {folder}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    {temp}
    upstream newsroom {{
{servers}
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{listen};
        location / {{
            proxy_pass http://newsroom;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            # Reads go to the other server when one fails; a POST is never sent twice
            # (non_idempotent is left out on purpose).
            proxy_next_upstream error timeout http_502 http_503;
            proxy_next_upstream_tries 2;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""


def start_nginx(listen, ports):
    folder = fault_servers.WORK / "nginx"
    folder.mkdir(parents=True, exist_ok=True)
    conf = folder / "nginx.conf"
    conf.write_text(nginx_conf(folder, listen, ports))
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    process = subprocess.Popen(
        [nginx, "-p", str(folder), "-c", str(conf), "-e", str(folder / "error.log"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=open(folder / "stderr.log", "a"),
    )
    return process


def start_s3():
    """moto's S3 server shared by both app servers, when moto is installed; else None."""
    if importlib.util.find_spec("moto") is None:
        return None, {}
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    env = {
        "MEDIA_STORAGE": "s3",
        "MEDIA_S3_BUCKET": "newsroom-faults",
        "MEDIA_S3_ENDPOINT_URL": f"http://127.0.0.1:{port}",
        "MEDIA_S3_REGION": "us-east-1",
        "MEDIA_S3_ACCESS_KEY_ID": "faults",
        "MEDIA_S3_SECRET_ACCESS_KEY": "faults",
    }
    import boto3

    boto3.client(
        "s3",
        endpoint_url=env["MEDIA_S3_ENDPOINT_URL"],
        region_name="us-east-1",
        aws_access_key_id="faults",
        aws_secret_access_key="faults",
    ).create_bucket(Bucket=env["MEDIA_S3_BUCKET"])
    return server, env
