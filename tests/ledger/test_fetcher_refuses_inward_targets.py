"""The fetcher cannot be turned against the server's own network (SSRF): every address that
is not public is refused before any connection, written in any form, reached through any name,
and on every redirect."""

import socket

import pytest

from ledger import fetcher
from ledger.addresses import RefusedAddress
from ledger.checking import check_link
from ledger.fetcher import fetch

HOSTILE_LITERALS = [
    "http://127.0.0.1/",
    "http://127.1/",  # short form of 127.0.0.1
    "http://2130706433/",  # 127.0.0.1 as one decimal number
    "http://0177.0.0.1/",  # octal
    "http://0x7f.0x0.0x0.0x1/",  # hexadecimal
    "http://0x7f000001/",
    "http://017700000001/",  # octal as one number
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",  # IPv4-mapped IPv6
    "http://[::ffff:7f00:1]/",
    "http://[0:0:0:0:0:ffff:a9fe:a9fe]/",  # mapped 169.254.169.254
    "http://169.254.169.254/latest/meta-data/",  # cloud metadata
    "http://0.0.0.0/",
    "http://[::]/",
    "http://10.0.0.1/",
    "http://10.255.255.254/",
    "http://172.16.0.1/",
    "http://172.31.255.1/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",  # carrier-grade NAT
    "http://[fc00::1]/",
    "http://[fd12:3456::1]/",  # unique local
    "http://[fe80::1]/",  # link-local
    "http://224.0.0.1/",  # multicast
    "http://[ff02::1]/",
    "http://255.255.255.255/",
    "http://240.0.0.1/",  # reserved
    "http://[2002:7f00:1::]/",  # 6to4 around 127.0.0.1
    "http://[64:ff9b::a00:1]/",  # NAT64 around 10.0.0.1
    "http://198.18.0.1/",  # benchmarking
]
HOSTILE_SCHEMES = [
    "file:///etc/passwd",
    "ftp://example.org/",
    "gopher://127.0.0.1:25/",
    "dict://localhost:11211/",
]


@pytest.fixture
def no_connection(monkeypatch):
    """Fails the test if the fetcher opens any connection at all."""
    opened = []

    def refuse(self):
        opened.append((self.host, str(self.ip), self.port))
        raise AssertionError(f"connected to {self.ip}")

    monkeypatch.setattr(fetcher._PinnedConnection, "_open", refuse)
    return opened


def fake_resolver(table):
    def resolve(host, port, type=0):
        if host not in table:
            raise socket.gaierror(f"{host} unknown")
        family = {True: socket.AF_INET6, False: socket.AF_INET}
        return [(family[":" in ip], type, 6, "", (ip, port)) for ip in table[host]]

    return resolve


@pytest.mark.parametrize("url", HOSTILE_LITERALS + HOSTILE_SCHEMES)
def test_addresses_that_are_not_public_are_never_fetched(url, no_connection):
    with pytest.raises(RefusedAddress):
        fetch(url)
    assert no_connection == []


NAMES = {
    "internal.example": ["10.0.0.5"],
    "metadata.example": ["169.254.169.254"],
    "loopback6.example": ["::1"],
    "mapped.example": ["::ffff:127.0.0.1"],
    "mixed.example": ["93.184.216.34", "127.0.0.1"],  # one public answer does not make it safe
    "uniquelocal.example": ["fd00::5"],
}


@pytest.mark.parametrize("host", sorted(NAMES))
def test_names_that_resolve_to_inward_addresses_are_never_fetched(host, no_connection):
    with pytest.raises(RefusedAddress, match="not a public address"):
        fetch(f"https://{host}/page", resolver=fake_resolver(NAMES))
    assert no_connection == []


def test_localhost_is_refused_through_the_real_resolver(no_connection):
    with pytest.raises(RefusedAddress):
        fetch("http://localhost/")
    assert no_connection == []


def test_the_connection_goes_to_the_checked_address_with_no_second_lookup(monkeypatch):
    """A name that answers "public" to our lookup and "inside" to a second one (DNS rebinding)
    only ever gets a connection to the address we checked."""
    answers = iter([["93.184.216.34"], ["127.0.0.1"]])
    lookups, opened = [], []

    def rebinding(host, port, type=0):
        lookups.append(host)
        return fake_resolver({host: next(answers)})(host, port, type)

    def record(self):
        opened.append(str(self.ip))
        raise OSError("test: no network")

    monkeypatch.setattr(fetcher._PinnedConnection, "_open", record)
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: pytest.fail("a second lookup"))
    with pytest.raises(fetcher.FetchFailed):
        fetch("http://rebind.example/", resolver=rebinding)
    assert lookups == ["rebind.example"] and opened == ["93.184.216.34"]


def test_other_ports_are_refused(no_connection):
    with pytest.raises(RefusedAddress, match="Port 6379"):
        fetch("http://public.example:6379/", resolver=fake_resolver({"public.example": ["93.184.216.34"]}))


def test_links_with_credentials_are_refused(no_connection):
    with pytest.raises(RefusedAddress):
        fetch("https://user:secret@example.org/")


REDIRECT_TARGETS = [
    "http://10.0.0.1/admin",
    "http://169.254.169.254/latest/meta-data/iam/",
    "http://[::1]:8000/",
    "http://[::ffff:127.0.0.2]/",
    "http://2130706434/",
    "http://0x7f.0.0.2/",
    "http://192.168.0.1/",
    "http://[fe80::1]/",
    "file:///etc/passwd",
]


@pytest.mark.django_db
@pytest.mark.parametrize("target", REDIRECT_TARGETS)
def test_redirects_to_inward_addresses_are_refused_and_recorded_as_blocked(site, target, monkeypatch):
    site.routes["/jump"] = (302, target)
    opened = []
    real_open = fetcher._PinnedConnection._open

    def watch(self):
        opened.append(str(self.ip))
        return real_open(self)

    monkeypatch.setattr(fetcher._PinnedConnection, "_open", watch)
    record = check_link(site.url("/jump"))
    assert record.status == "blocked" and record.failure_count == 0
    assert opened == ["127.0.0.1"]  # the test server's first answer, and nothing after it


@pytest.mark.django_db
def test_the_test_setting_allows_only_127_0_0_1_and_is_off_by_default(site, settings, no_connection):
    settings.LEDGER_FETCH_ALLOW_TEST_LOOPBACK = False
    with pytest.raises(RefusedAddress):
        fetch(site.url("/page"))
    settings.LEDGER_FETCH_ALLOW_TEST_LOOPBACK = True
    with pytest.raises(RefusedAddress):
        fetch(f"http://127.0.0.2:{site.server_port}/page")
    with pytest.raises(RefusedAddress):
        fetch(f"http://[::1]:{site.server_port}/page")
    assert site.requests == []


def test_a_public_address_is_accepted():
    from ledger.addresses import resolve

    table = fake_resolver({"news.example": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"]})
    assert [str(ip) for ip in resolve("news.example", 443, resolver=table)] == [
        "93.184.216.34",
        "2606:2800:220:1:248:1893:25c8:1946",
    ]
