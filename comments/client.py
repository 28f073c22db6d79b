"""What the comment view learns about the sender from the request, besides the address
(`newsroom.client_address`): its keyed hash, the user agent, and whether the POST came from
our own pages."""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils.crypto import salted_hmac

IP_HASH_SALT = "comments.ip-address"


def ip_hash(ip):
    """A keyed hash of the address: enough to count and compare, useless to look it up.

    Keyed with COMMENTS_IP_HASH_KEY, not SECRET_KEY, so rotating SECRET_KEY keeps the history."""
    return salted_hmac(IP_HASH_SALT, ip, secret=settings.COMMENTS_IP_HASH_KEY, algorithm="sha256").hexdigest()


def user_agent(request):
    return request.META.get("HTTP_USER_AGENT", "").replace("\x00", "")[:300]


def _origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else None


def is_cross_site(request):
    """True when the browser says the POST came from another site.

    A missing Origin with a missing Sec-Fetch-Site is accepted: old browsers and some
    privacy tools send neither; the signed token still binds the form to our page.
    """
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site is not None and fetch_site != "same-origin":
        return True
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        return False
    own = {_origin(f"{request.scheme}://{request.get_host()}"), _origin(settings.SITE_URL)}
    return origin.strip().lower() not in own
