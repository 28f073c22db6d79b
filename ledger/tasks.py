"""Background work for the source ledger, run by Django's tasks framework: immediately in the
request by default, by a worker with a queued backend (see README "Source ledger")."""

from django.tasks import task

from articles.models import Source
from ledger.addresses import RefusedAddress
from ledger.archiving import archive_source
from ledger.checking import check_all
from ledger.fetcher import FetchFailed, HostPacer


@task()
def check_sources(force=False, limit=None):
    """Check every cited link that is due and keep first copies; what `check_sources` runs."""
    return check_all(force=force, limit=limit)


@task()
def archive_sources(source_ids):
    """Keep a copy of each of these sources now (newly cited, or asked for in admin).
    Returns {source id: error message} for those that could not be copied."""
    pacer, failures = HostPacer(), {}
    for source in Source.objects.filter(pk__in=source_ids).exclude(url="").select_related("story"):
        try:
            archive_source(source, pacer=pacer)
        except (FetchFailed, RefusedAddress) as error:
            failures[str(source.pk)] = str(error)
    return failures
