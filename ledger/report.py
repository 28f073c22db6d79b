"""What editors are told: the site-wide report of broken links grouped by story, and the
warnings shown on one story's form."""

from django.conf import settings
from django.db.models import Q
from django.utils import formats
from django.utils.html import escape
from django.utils.translation import gettext as _

from articles.models import Source, Story
from ledger.checking import links_in
from ledger.models import LinkCheck
from ledger.roundup import items_without_source

REPORT_LIMIT = 300  # broken links listed at most; the link checks' list has them all


def _in_text(urls):
    """Stories whose text or round-up items hold one of `urls` (stored as escaped HTML)."""
    wanted = Q(pk__in=[])
    for url in urls:
        for form in {url, escape(url)}:
            wanted |= Q(body__contains=f'"{form}"') | Q(items__body__contains=f'"{form}"')
    return Story.objects.filter(wanted).distinct()


def broken_by_story(user):
    """[{"story", "rows"}] for the stories `user` may edit that cite a broken link; each row is
    {"check": LinkCheck, "source": the cited source, or None for a link in the story's text}."""
    checks = {check.url: check for check in LinkCheck.objects.broken().order_by("url")[:REPORT_LIMIT]}
    if not checks:
        return []
    editable = Story.objects.editable_by(user)
    groups = {}

    def group(story):
        return groups.setdefault(story.pk, {"story": story, "rows": []})["rows"]

    sources = Source.objects.filter(url__in=list(checks), story__in=editable.values("pk"))
    for source in sources.select_related("story").only("title", "outlet", "url", "story__headline"):
        group(source.story).append({"check": checks[source.url], "source": source})
    stories = _in_text(list(checks)).filter(pk__in=editable.values("pk")).only("headline", "body")
    for story in stories.prefetch_related("items"):
        found = links_in(story.body).union(*(links_in(item.body) for item in story.items.all()))
        for url in sorted(found & checks.keys()):
            group(story).append({"check": checks[url], "source": None})
    return sorted(groups.values(), key=lambda g: g["story"].headline.lower())


def _describe(check):
    since = formats.date_format(check.first_failure_at or check.checked_at, "DATE_FORMAT")
    if check.status == LinkCheck.Status.GONE:
        return _("gone since %(date)s") % {"date": since}
    if check.status == LinkCheck.Status.BLOCKED:
        return _("refused to the link checker (%(reason)s)") % {"reason": check.note}
    return _("unreachable since %(date)s (%(count)d failed checks)") % {
        "date": since,
        "count": check.failure_count,
    }


def story_warnings(story):
    """Messages for the editor of `story`: broken links it cites, and (when the round-up rule
    only warns) items with neither a source line nor a linked source."""
    warnings = []
    sources = list(story.sources.exclude(url=""))
    items = list(story.items.prefetch_related("cited_sources"))
    text_links = links_in(story.body).union(*(links_in(item.body) for item in items))
    urls = {source.url for source in sources} | text_links
    broken = {check.url: check for check in LinkCheck.objects.broken().filter(url__in=urls)}
    for source in sources:
        if source.url in broken:
            warnings.append(
                _("The link of the cited source “%(title)s” is %(state)s.")
                % {"title": source.title, "state": _describe(broken[source.url])}
            )
    for url in sorted(text_links & broken.keys()):
        warnings.append(
            _("The link to %(url)s in the text is %(state)s.") % {"url": url, "state": _describe(broken[url])}
        )
    if settings.LEDGER_ITEM_SOURCE_RULE == "warn":
        for item in items_without_source(items):
            warnings.append(item_warning(item))
    return warnings


def item_warning(item):
    return _("Round-up item “%(headline)s” has neither a source line nor a linked source.") % {
        "headline": item.headline
    }
