"""Link health: check one address (check_link), or every link the newsroom cites (check_all):
cited sources' links and the links in stories' text and round-up items."""

import html
import re
import socket
from itertools import zip_longest
from urllib.parse import urlsplit

from django.db.models import Q
from django.utils import timezone

from articles.caching import bump_story_version
from articles.models import RoundupItem, Source, Story, StoryRendering
from ledger.addresses import RefusedAddress
from ledger.archiving import archive_source, sources_without_copy
from ledger.fetcher import FetchFailed, HostPacer, fetch
from ledger.models import URL_MAX_LENGTH, LinkCheck

# The site refused us; that says nothing about whether the page is still there.
REFUSING_STATUSES = {401, 403, 407, 429, 451}
# Stored rich text is sanitised: attributes are double-quoted, "&" written "&amp;".
HREF = re.compile(r'href="(https?://[^"\s]+)"', re.IGNORECASE)


def links_in(text):
    return {html.unescape(url) for url in HREF.findall(text or "")}


def cited_links():
    """{url: {story ids}} for every link a story cites: its sources, its text, its items."""
    found = {}
    for url, story_id in Source.objects.exclude(url="").values_list("url", "story_id").iterator():
        found.setdefault(url, set()).add(story_id)
    with_links = Q(body__icontains='href="http')
    rows = [
        Story.objects.filter(with_links).values_list("pk", "body"),
        RoundupItem.objects.filter(with_links).values_list("story_id", "body"),
    ]
    for queryset in rows:
        for story_id, body in queryset.iterator():
            for url in links_in(body):
                found.setdefault(url, set()).add(story_id)
    return {url: ids for url, ids in found.items() if len(url) <= URL_MAX_LENGTH}


def spread_by_host(urls):
    """The addresses taken one host at a time in turn, so no host gets a burst of requests."""
    by_host = {}
    for url in sorted(urls):
        by_host.setdefault(urlsplit(url).hostname or "", []).append(url)
    return [url for batch in zip_longest(*by_host.values()) for url in batch if url]


def _same_address(a, b):
    return a.rstrip("/") == b.rstrip("/")


def check_link(url, *, pacer=None, now=None, resolver=socket.getaddrinfo):
    """Check `url` once and record what was found. Returns the LinkCheck."""
    now = now or timezone.now()
    record = LinkCheck.objects.filter(url=url).first() or LinkCheck(url=url)
    before = record.status if record.pk else None
    try:
        response = fetch(url, pacer=pacer, resolver=resolver)
    except RefusedAddress as error:
        record.record_blocked(http_status=None, note=str(error), now=now)
    except FetchFailed as error:
        record.record_failure(http_status=None, note=str(error), now=now)
    else:
        code, answer = response.status, f"The site answered {response.status} {response.reason}."
        if 200 <= code < 300:
            moved = not _same_address(response.url, url)
            status = LinkCheck.Status.REDIRECTED if moved else LinkCheck.Status.OK
            record.record_success(status=status, http_status=code, final_url=response.url, now=now)
        elif code in REFUSING_STATUSES:
            record.record_blocked(http_status=code, note=answer, now=now)
        else:
            record.record_failure(http_status=code, note=answer, now=now)
    record.save()
    if before != record.status and LinkCheck.Status.GONE in (before, record.status):
        # Story pages link the archived copy of a gone source: they change with it.
        citing = set(Source.objects.filter(url=url).values_list("story_id", flat=True))
        StoryRendering.objects.mark_stale(citing)
        for story_id in citing:
            bump_story_version(story_id)
    return record


def check_all(*, force=False, limit=None, archive=True, pacer=None, now=None, log=None):
    """Check every cited link not checked within LEDGER_CHECK_INTERVAL_HOURS (all with
    `force`), at most `limit` of them; then keep a first copy of sources that have none.
    Returns {status: count} for the links checked, and "archived" / "not archived"."""
    log = log or (lambda message: None)
    pacer = pacer or HostPacer()
    links = cited_links()
    recent = set(LinkCheck.objects.exclude(pk__in=LinkCheck.objects.due(now)).values_list("url", flat=True))
    due = spread_by_host(url for url in links if force or url not in recent)[:limit]
    counts = {}
    for url in due:
        record = check_link(url, pacer=pacer, now=now)
        counts[record.status] = counts.get(record.status, 0) + 1
        log(f"{record.status}: {url} {record.note}".rstrip())
    _forget_uncited(links)
    if archive:
        healthy = LinkCheck.objects.filter(status__in=[LinkCheck.Status.OK, LinkCheck.Status.REDIRECTED])
        for source in sources_without_copy().filter(url__in=healthy.values("url"))[:limit]:
            try:
                archive_source(source, pacer=pacer, now=now)
                counts["archived"] = counts.get("archived", 0) + 1
            except (FetchFailed, RefusedAddress) as error:
                counts["not archived"] = counts.get("not archived", 0) + 1
                log(f"no copy of {source.url}: {error}")
    return counts


def _forget_uncited(links):
    """Records of links no story cites any more."""
    stale = [pk for pk, url in LinkCheck.objects.values_list("pk", "url").iterator() if url not in links]
    for start in range(0, len(stale), 500):
        LinkCheck.objects.filter(pk__in=stale[start : start + 500]).delete()
