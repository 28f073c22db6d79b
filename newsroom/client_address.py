"""The client's IP address as the app server learns it, behind as many proxies as
TRUSTED_PROXY_COUNT says. Used by the comment and error-report rate limits and by the admin
login guard, so that all of them count the same address."""

from django.conf import settings


def client_ip(request):
    """The client's address. X-Forwarded-For is read only when TRUSTED_PROXY_COUNT says how
    many proxies of ours append to it; the entries before theirs are the client's to forge."""
    hops = settings.TRUSTED_PROXY_COUNT
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if hops and len(forwarded) >= hops:
        return forwarded[-hops][:45]
    return request.META.get("REMOTE_ADDR", "")[:45]
