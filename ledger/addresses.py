"""Which network addresses the source fetcher may connect to: public ones only.

A cited link is typed by an editor, or found in a story, and the page it leads to chooses
where it redirects. Either could point the fetcher at the server's own network (the cloud
metadata service, the database, an admin port on localhost). So every address is checked
after the name is resolved, for the first request and for each redirect.
"""

import ipaddress
import re
import socket

from django.conf import settings

# Addresses that carry an IPv4 address inside an IPv6 one; the inner one is checked too.
NAT64 = ipaddress.ip_network("64:ff9b::/96")
# Host names made only of digits, dots and hex letters that are not a plain dotted quad:
# "2130706433", "0x7f.1", "0177.0.0.1". Resolvers read them as addresses; we refuse them.
NUMERIC_HOST = re.compile(r"^(0x[0-9a-f]+|[0-9]+)(\.(0x[0-9a-f]+|[0-9]+))*\.?$", re.IGNORECASE)
DOTTED_QUAD = re.compile(r"^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$")
TEST_LOOPBACK = ipaddress.ip_address("127.0.0.1")


class RefusedAddress(Exception):
    """The fetcher will not connect there; `str()` says why, for the editor."""


def _embedded_ipv4(ip):
    if ip.version != 6:
        return None
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip.sixtofour:
        return ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    if ip in NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def loopback_allowed_for_tests(ip):
    """Only with the test setting, and only 127.0.0.1 (settings refuse it in production)."""
    return settings.LEDGER_FETCH_ALLOW_TEST_LOOPBACK and ip == TEST_LOOPBACK


def is_public(ip):
    """True for a globally routable unicast address, checked inside IPv4-in-IPv6 forms too."""
    if loopback_allowed_for_tests(ip):
        return True
    inner = _embedded_ipv4(ip)
    if inner is not None and not is_public(inner):
        return False
    return ip.is_global and not (
        ip.is_multicast
        or ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_unspecified
        or (ip.version == 6 and ip.is_site_local)
    )


def check_host_name(host):
    """Refuse host names written as numbers in forms other than a dotted quad."""
    if not host:
        raise RefusedAddress("The link has no host name.")
    if NUMERIC_HOST.match(host) and not DOTTED_QUAD.match(host):
        raise RefusedAddress(f"“{host}” is an address written in an unusual form.")


def resolve(host, port, resolver=socket.getaddrinfo):
    """The public addresses `host` resolves to; RefusedAddress if any of them is not public
    (a name that also points inside is not trusted at all), OSError if it does not resolve."""
    check_host_name(host)
    try:
        literal = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        literal = None
    if literal is not None:
        found = [literal]
    else:
        infos = resolver(host, port, type=socket.SOCK_STREAM)
        found = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    if not found:
        raise OSError(f"{host} did not resolve")
    for ip in found:
        if not is_public(ip):
            raise RefusedAddress(f"{host} leads to {ip}, which is not a public address.")
    return list(dict.fromkeys(found))
