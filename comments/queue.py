"""The moderation queue's parts in admin, built to stay quick with hundreds of thousands of
comments: a paginator that never counts the whole table, filters whose choices cost no
scan, and the commenters' history attached to a page in two grouped queries."""

from collections import defaultdict

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from comments import spam
from comments.models import Comment

DECIDED = (Comment.Status.APPROVED, Comment.Status.SPAM)


def as_key(value):
    """`value` as a primary key, or IncorrectLookupParameters (the admin then shows the list
    without this filter) when it is not a number a key column can hold."""
    try:
        key = int(value)
    except ValueError:
        raise IncorrectLookupParameters(value) from None
    if not 0 < key < 2**63:
        raise IncorrectLookupParameters(value)
    return key


class CappedPaginator(Paginator):
    """Counts no further than `cap` rows (a sliced count the indexes serve), and for an
    unfiltered list on PostgreSQL reads the planner's estimate of the table's size instead
    of a COUNT(*) over it. `count_label` says which: "10,000+", "about 200,000", "42"."""

    cap = 10_000
    capped = estimated = False

    @cached_property
    def count(self):
        queryset = self.object_list
        if not queryset.query.where and connections[queryset.db].vendor == "postgresql":
            estimate = planner_estimate(queryset.model, queryset.db)
            if estimate > self.cap:
                self.estimated = True
                return estimate
        counted = queryset.order_by()[: self.cap + 1].count()
        if counted > self.cap:
            self.capped = True
            return self.cap
        return counted

    @property
    def count_label(self):
        number = number_format(self.count, force_grouping=True)
        if self.capped:
            return _("%(number)s+") % {"number": number}
        if self.estimated:
            return _("about %(number)s") % {"number": number}
        return number


def planner_estimate(model, using):
    """PostgreSQL's estimate of the rows in `model`'s table (-1 when never analysed)."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass", [model._meta.db_table]
        )
        row = cursor.fetchone()
    return row[0] if row else -1


class SafeChangeList(ChangeList):
    """A changelist that refuses filter values PostgreSQL cannot take (NUL characters) as
    bad parameters (the admin then shows the list unfiltered) instead of failing."""

    def get_filters_params(self, params=None):
        params = super().get_filters_params(params)
        if any("\x00" in value for values in params.values() for value in values):
            raise IncorrectLookupParameters("NUL character in a filter")
        return params


class QueueChangeList(SafeChangeList):
    """The changelist with, on each row, the commenter's history, whether its email may be
    shown, and the queue's own address (for the one-click buttons to come back to)."""

    def get_results(self, request):
        super().get_results(request)
        self.result_list = list(self.result_list)
        attach_history(self.result_list)
        from comments.admin.reports import attach_reports  # (the admin package imports this module)

        attach_reports(self.result_list)
        back, here = request.GET.urlencode(), reverse("admin:comments_comment_changelist")
        email_visible = request.user.has_perm("comments.view_commenter_email")
        for comment in self.result_list:
            comment.queue_query, comment.queue_url, comment.email_visible = back, here, email_visible


def attach_history(comments):
    """Give each comment `ip_history` and `email_history`: {status: count} of the approved
    and spam comments that share its IP hash, or its email ignoring case (None when it has
    none). Two grouped queries, limited to the page's keys and served by indexes."""
    hashes = {c.ip_hash for c in comments if c.ip_hash}
    emails = {c.email.upper() for c in comments if c.email}
    by_ip = _decided_by(Comment.objects.filter(ip_hash__in=hashes), "ip_hash") if hashes else {}
    by_email = (
        _decided_by(Comment.objects.annotate(key=Upper("email")).filter(key__in=emails), "key")
        if emails
        else {}
    )
    for comment in comments:
        comment.ip_history = by_ip.get(comment.ip_hash, {}) if comment.ip_hash else None
        comment.email_history = by_email.get(comment.email.upper(), {}) if comment.email else None


def _decided_by(queryset, key):
    # COUNT(*), not COUNT(id): the (ip_hash, status) index alone can answer it.
    rows = queryset.filter(status__in=DECIDED).order_by().values_list(key, "status").annotate(n=Count("*"))
    history = defaultdict(dict)
    for value, status, count in rows:
        history[value][status] = count
    return history


class StatusFilter(admin.SimpleListFilter):
    """The queue opens on pending comments; every status, and all of them, are a click away."""

    title = _("status")
    parameter_name = "status"
    default = Comment.Status.PENDING
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*Comment.Status.choices, (self.ALL, _("All"))]

    def choices(self, changelist):
        current = self.value() or self.default
        for value, label in self.lookup_choices:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        value = self.value() or self.default
        if value == self.ALL:
            return queryset
        if value not in Comment.Status.values:
            raise IncorrectLookupParameters(value)
        return queryset.filter(status=value)


class HeldRuleFilter(admin.SimpleListFilter):
    """The spam rule that held the comment. Fixed choices: no DISTINCT over the table."""

    title = _("held because")
    parameter_name = "held"
    NONE = "none"

    def lookups(self, request, model_admin):
        return [*spam.STORED_RULES.items(), (self.NONE, _("No rule"))]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if value == self.NONE:
            return queryset.filter(held_rule="")
        if value not in spam.STORED_RULES:
            raise IncorrectLookupParameters(value)
        return queryset.filter(held_rule=value)


class StoryFilter(admin.SimpleListFilter):
    """The stories with the most comments waiting (in one query: the pending comments are
    grouped by story from the queue index alone, then only those stories are read), and the
    chosen story."""

    title = _("story (most waiting)")
    parameter_name = "story"
    shown = 15

    def lookups(self, request, model_admin):
        from articles.models import Story

        pending = Comment.objects.pending().order_by().values("story_id")
        busiest = pending.annotate(n=Count("*")).order_by("-n", "-story_id").values("story_id")[: self.shown]
        waiting = pending.filter(story_id=OuterRef("pk")).annotate(n=Count("*")).values("n")
        rows = (
            Story.objects.filter(pk__in=busiest).annotate(n=Subquery(waiting))
            .order_by("-n", "-pk").values_list("pk", "headline", "n")
        )  # fmt: skip
        choices = [(str(pk), f"{headline} ({n})") for pk, headline, n in rows]
        chosen = self.chosen_pk()
        if chosen and str(chosen) not in {value for value, _label in choices}:
            headline = Story.objects.filter(pk=chosen).values_list("headline", flat=True).first()
            choices.append((str(chosen), headline or f"#{chosen}"))
        return choices

    def chosen_pk(self):
        value = self.value()
        return None if value is None else as_key(value)

    def queryset(self, request, queryset):
        chosen = self.chosen_pk()
        return queryset if chosen is None else queryset.filter(story_id=chosen)
