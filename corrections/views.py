"""The public corrections register and the "what changed" view of a notice."""

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from articles.models import Category, Correction, Story
from articles.pagination import paginate
from editorial.diff import compare_snapshots
from newsroom.caching import public_page

NOTICES_PER_PAGE = 30


def _filters(request):
    """The kind and category the reader chose; an unknown one is a 404, not an empty page."""
    kind = request.GET.get("kind", "")
    if kind and kind not in Correction.Kind.values:
        raise Http404(_("There is no such kind of notice."))
    slug = request.GET.get("category", "")
    category = get_object_or_404(Category, slug=slug) if slug else None
    return kind, category


@public_page()
def register(request):
    kind, category = _filters(request)
    notices = Correction.objects.public().for_register()
    if kind:
        notices = notices.filter(kind=kind)
    if category:
        notices = notices.filter(story__in=Story.objects.in_category(category).values("pk"))
    chosen = {"kind": kind, "category": category.slug if category else ""}
    return render(
        request,
        "corrections/register.html",
        {
            "page": paginate(request, notices, per_page=NOTICES_PER_PAGE),
            "kinds": Correction.Kind.choices,
            "categories": Category.objects.select_related("parent__parent"),
            "kind": kind,
            "category": category,
            "filter_query": urlencode({k: v for k, v in chosen.items() if v}),
        },
    )


@public_page()
def change(request, pk):
    notice = get_object_or_404(
        Correction.objects.public().select_related("story", "change_before", "change_after"), pk=pk
    )
    if not notice.shows_change:
        raise Http404(_("This notice does not show a change."))
    sections = compare_snapshots(
        notice.change_before.data, notice.change_after.data, with_sources=False, announce=True
    )
    return render(request, "corrections/change.html", {"notice": notice, "sections": sections})
