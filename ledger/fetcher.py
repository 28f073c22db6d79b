"""The one way the ledger reaches other sites: fetch(url).

Only http and https, on ports 80 and 443. The host name is resolved here and every address
it gives must be public (ledger/addresses.py); the connection then goes to that checked
address, so no second lookup can swap it (DNS rebinding). Each redirect is a new request
checked the same way, at most LEDGER_FETCH_MAX_REDIRECTS of them. Connecting and reading have
their own timeouts and the whole fetch a deadline; bodies stop at LEDGER_FETCH_MAX_BYTES and
are kept only for the content types in LEDGER_FETCH_CONTENT_TYPES.
"""

import http.client
import socket
import ssl
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from django.conf import settings

from ledger.addresses import RefusedAddress, loopback_allowed_for_tests, resolve

DEFAULT_PORTS = {"http": 80, "https": 443}
REDIRECTS = {301, 302, 303, 307, 308}
CHUNK = 64 * 1024


class FetchFailed(Exception):
    """The page could not be had (timeout, refused connection, bad response, too big...)."""


class TooManyRedirects(FetchFailed):
    pass


class TooLarge(FetchFailed):
    pass


class UnwantedContentType(FetchFailed):
    pass


class Refused(RefusedAddress):
    """The fetcher would not send a request there at all (scheme, port, address)."""


@dataclass
class Response:
    url: str  # the last address, after redirects
    status: int
    reason: str
    headers: list  # (name, value) pairs as received
    ip: str
    redirects: list = field(default_factory=list)
    body: bytes | None = None

    @property
    def content_type(self):
        value = next((v for k, v in self.headers if k.lower() == "content-type"), "")
        return value.split(";")[0].strip().lower()


class HostPacer:
    """Waits so that requests to one host are at least LEDGER_HOST_DELAY seconds apart."""

    def __init__(self, delay=None, clock=time.monotonic, sleep=time.sleep):
        self.delay = settings.LEDGER_HOST_DELAY if delay is None else delay
        self.clock, self.sleep, self.last = clock, sleep, {}

    def wait(self, host):
        if host in self.last:
            left = self.last[host] + self.delay - self.clock()
            if left > 0:
                self.sleep(left)
        self.last[host] = self.clock()


def user_agent():
    return settings.LEDGER_USER_AGENT or (
        f"{settings.SITE_NAME} source checker (+{settings.SITE_URL}/; checks links its stories cite)"
    )


class _PinnedConnection(http.client.HTTPConnection):
    """An HTTP connection to an address chosen beforehand, whatever the host name says."""

    def __init__(self, host, port, ip, connect_timeout):
        super().__init__(host, port, timeout=connect_timeout)
        self.ip = ip

    def _open(self):
        family = socket.AF_INET6 if self.ip.version == 6 else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        try:
            sock.connect((str(self.ip), self.port))
        except OSError:
            sock.close()
            raise
        sock.settimeout(settings.LEDGER_FETCH_READ_TIMEOUT)
        return sock

    def connect(self):
        self.sock = self._open()


class _PinnedTLSConnection(_PinnedConnection):
    default_port = 443

    def connect(self):
        context = ssl.create_default_context()
        self.sock = context.wrap_socket(self._open(), server_hostname=self.host)


def _target(url):
    """(scheme, host, port, path) of an address the fetcher may request, or Refused."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise Refused(f"“{url}” is not a valid address.") from error
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise Refused("Only http and https links are checked.")
    if parts.username or parts.password:
        raise Refused("Links with a user name or password are not fetched.")
    host = (parts.hostname or "").rstrip(".")
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError as error:
        raise Refused(f"“{host}” is not a valid host name.") from error
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return scheme, host.lower(), port or DEFAULT_PORTS[scheme], path


def _connect(scheme, host, port, resolver):
    try:
        addresses = resolve(host, port, resolver=resolver)
    except (OSError, UnicodeError) as error:
        raise FetchFailed(f"{host} does not resolve: {error}") from error
    if port not in DEFAULT_PORTS.values() and not all(loopback_allowed_for_tests(ip) for ip in addresses):
        raise Refused(f"Port {port} is not fetched; only 80 and 443 are.")
    kind = _PinnedTLSConnection if scheme == "https" else _PinnedConnection
    error = None
    for ip in addresses:
        connection = kind(host, port, ip, settings.LEDGER_FETCH_CONNECT_TIMEOUT)
        try:
            connection.connect()
            return connection, ip
        except OSError as failure:
            error = failure
            connection.close()
    raise FetchFailed(f"Could not connect to {host}: {error}")


def _read_body(response, deadline):
    """The body, up to the size limit and within the deadline."""
    limit = settings.LEDGER_FETCH_MAX_BYTES
    declared = response.getheader("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLarge(f"The page is larger than {limit // 1_000_000} MB; no copy was kept.")
    parts, size = [], 0
    while chunk := response.read1(CHUNK):
        size += len(chunk)
        if size > limit:
            raise TooLarge(f"The page is larger than {limit // 1_000_000} MB; no copy was kept.")
        if time.monotonic() > deadline:
            raise FetchFailed("The page took too long to arrive.")
        parts.append(chunk)
    if time.monotonic() >= deadline:  # the watchdog hung up: what came is not the whole page
        raise FetchFailed("The page took too long to arrive.")
    return b"".join(parts)


def _hang_up(connection):
    """Ends a fetch at its deadline, even one whose server sends a byte now and then."""
    if connection.sock is not None:
        try:
            connection.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def fetch(url, *, read_body=False, pacer=None, resolver=socket.getaddrinfo):
    """GET `url`, following up to LEDGER_FETCH_MAX_REDIRECTS redirects, each checked anew.

    Raises Refused (nothing was sent) or FetchFailed. With `read_body`, the body is read
    (size limit, allowed content types only); otherwise only the status and headers are.
    """
    deadline = time.monotonic() + settings.LEDGER_FETCH_TOTAL_TIMEOUT
    redirects = []
    while True:
        scheme, host, port, path = _target(url)
        if time.monotonic() > deadline:
            raise FetchFailed("The page took too long to arrive.")
        if pacer is not None:
            pacer.wait(host)
        connection, ip = _connect(scheme, host, port, resolver)
        watchdog = threading.Timer(max(deadline - time.monotonic(), 0), _hang_up, [connection])
        watchdog.daemon = True
        watchdog.start()
        try:
            connection.putrequest("GET", path, skip_accept_encoding=True)
            for name, value in (
                ("User-Agent", user_agent()),
                ("Accept", "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.5"),
                ("Accept-Encoding", "identity"),
                ("Connection", "close"),
            ):
                connection.putheader(name, value)
            connection.endheaders()
            raw = connection.getresponse()
            if time.monotonic() >= deadline:  # hung up on while the headers came
                raise FetchFailed("The page took too long to arrive.")
            location = raw.getheader("Location")
            if raw.status in REDIRECTS and location:
                redirects.append(url)
                if len(redirects) > settings.LEDGER_FETCH_MAX_REDIRECTS:
                    raise TooManyRedirects(f"More than {settings.LEDGER_FETCH_MAX_REDIRECTS} redirects.")
                url = urljoin(url, location.strip())
                continue
            response = Response(url, raw.status, raw.reason, raw.getheaders(), str(ip), redirects)
            if read_body and 200 <= raw.status < 300:
                if response.content_type not in settings.LEDGER_FETCH_CONTENT_TYPES:
                    raise UnwantedContentType(f"Copies are not kept of “{response.content_type}” content.")
                response.body = _read_body(raw, deadline)
            return response
        except (OSError, http.client.HTTPException) as error:
            if time.monotonic() >= deadline:
                raise FetchFailed("The page took too long to arrive.") from error
            raise FetchFailed(f"{host}: {error or type(error).__name__}") from error
        finally:
            watchdog.cancel()
            connection.close()
