"""Archived copies: fetch what a cited source's link points to and keep it in media storage
(Django's default storage: a folder in development, object storage in production)."""

import hashlib
import io
import socket
from datetime import UTC

from django.core.files.base import ContentFile
from django.db.models import Exists, OuterRef
from django.utils import timezone
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from articles.caching import bump_story_version
from articles.models import Source
from ledger.fetcher import FetchFailed, fetch
from ledger.models import ArchivedCopy

# http.client has already undone the chunking; a stored header would claim otherwise.
DROPPED_HEADERS = {"transfer-encoding"}


def warc_record(response, captured_at):
    """One gzipped WARC "response" record: status line, headers and body as received."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    headers = [(name, value) for name, value in response.headers if name.lower() not in DROPPED_HEADERS]
    http_headers = StatusAndHeaders(f"{response.status} {response.reason}", headers, protocol="HTTP/1.1")
    record = writer.create_warc_record(
        response.url,
        "response",
        payload=io.BytesIO(response.body),
        http_headers=http_headers,
        warc_headers_dict={
            "WARC-Date": captured_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "WARC-IP-Address": response.ip,
        },
    )
    writer.write_record(record)
    return buffer.getvalue()


def archive_source(source, *, pacer=None, resolver=socket.getaddrinfo, now=None):
    """Keep a copy of what `source.url` returns now. Returns the ArchivedCopy; raises
    FetchFailed or RefusedAddress with a message for the editor when no copy can be made."""
    response = fetch(source.url, read_body=True, pacer=pacer, resolver=resolver)
    if not 200 <= response.status < 300:
        raise FetchFailed(f"The site answered {response.status} {response.reason}; no copy was kept.")
    captured_at = now or timezone.now()
    copy = ArchivedCopy(
        source=source,
        cited_url=source.url,
        url=response.url,
        content_type=response.content_type,
        size=len(response.body),
        sha256=hashlib.sha256(response.body).hexdigest(),
        captured_at=captured_at,
    )
    copy.warc.save("copy.warc.gz", ContentFile(warc_record(response, captured_at)), save=False)
    copy.save()
    bump_story_version(source.story_id)  # its page and JSON-LD now name the copy
    return copy


def sources_without_copy():
    """Cited sources with a link and no archived copy of it yet (newly cited or changed links)."""
    copies = ArchivedCopy.objects.filter(source=OuterRef("pk"), cited_url=OuterRef("url"))
    return Source.objects.exclude(url="").filter(~Exists(copies)).select_related("story")
