"""What readers see of the ledger: each cited source's archived copy, and whether its
original is gone. Two queries for a whole story page, whatever its number of sources."""

from ledger.models import ArchivedCopy, LinkCheck


def with_ledger(sources):
    """The sources, each with `archived_copy` (its latest copy, or None) and `original_gone`.

    Sources already looked up keep their answer, so the page and its JSON-LD share one look-up.
    """
    sources = list(sources)
    pending = [source for source in sources if not hasattr(source, "archived_copy")]
    saved = [source for source in pending if source.pk is not None]
    copies, gone = {}, set()
    if saved:
        links = {source.pk: source.url for source in saved}
        latest_first = ArchivedCopy.objects.filter(source__in=list(links)).order_by(
            "source_id", "-captured_at", "-pk"
        )
        for copy in latest_first.only("pk", "source_id", "cited_url", "captured_at"):
            if copy.cited_url == links[copy.source_id]:  # not a copy of a link since replaced
                copies.setdefault(copy.source_id, copy)
        urls = [source.url for source in saved if source.url]
        if urls:
            gone = set(
                LinkCheck.objects.filter(url__in=urls, status=LinkCheck.Status.GONE).values_list(
                    "url", flat=True
                )
            )
    for source in pending:
        source.archived_copy = copies.get(source.pk)
        source.original_gone = bool(source.url) and source.url in gone
    return sources
