"""Asking the proxy caches in front of the app for public pages again, at once.

nginx keeps a page for its `s-maxage` (PUBLIC_CACHE_SHARED_MAX_AGE), which it counts in whole
seconds, so a moderator's decision would take one to two seconds to reach readers behind it.
After such a decision commits, the page is fetched again through each refresh listener named
by PROXY_CACHE_REFRESH_URLS (deploy/nginx-cache-refresh.conf): nginx passes the request to
the app whatever it holds, and keeps the answer in place of its copy.

Through Django's tasks framework: in the moderator's request by default, by a worker with a
queued backend. A refresh that fails is logged; the page then expires on its own.
"""

import logging
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.tasks import task

logger = logging.getLogger(__name__)
TIMEOUT_SECONDS = 3


@task()
def refresh_pages(paths):
    """Fetch each of `paths` through every refresh listener; how many answers were 200."""
    site = urlsplit(settings.SITE_URL)
    # The public cache key is scheme, host and address; the listener builds the same one
    # from these headers.
    headers = {"Host": site.netloc, "X-Forwarded-Proto": site.scheme}
    refreshed = 0
    for base in settings.PROXY_CACHE_REFRESH_URLS:
        for path in paths:
            request = urllib.request.Request(base.rstrip("/") + path, headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                    refreshed += response.status == 200
            except OSError as error:  # URLError and HTTPError among them
                logger.warning("could not refresh %s through %s: %s", path, base, error)
    return refreshed
