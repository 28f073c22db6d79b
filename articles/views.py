"""Public pages. Each view is a QuerySet method, a template and a small context."""

import calendar
import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from taggit.models import Tag

from articles import search as full_text
from articles.caching import story_versions_by_slug
from articles.models import Author, Category, Story, StoryRedirect
from articles.pagination import paginate
from articles.story_rendering import article_of
from newsroom.caching import is_anonymous_request, public_page


@public_page()
def front_page(request):
    """The lead, the latest stories beside it, then each section's newest not shown above."""
    top = list(Story.objects.published().for_listing().latest_first()[:8])
    lead, rest = (top[0], top[1:]) if top else (None, [])
    # A lead without a picture is short: two more stories, with theirs, sit under it.
    secondary = rest[:2] if lead and not lead.image_renditions else []
    latest = rest[len(secondary) :][:5]
    shown = [story.pk for story in [*top[:1], *secondary, *latest]]
    sections = Story.objects.published().exclude(pk__in=shown).grouped_by_section(per_section=4)
    return render(
        request,
        "articles/front_page.html",
        {"lead": lead, "secondary": secondary, "latest": latest, "sections": sections},
    )


@public_page(versions=story_versions_by_slug)
def story_detail(request, slug):
    staff = not is_anonymous_request(request) and request.user.is_staff
    # A public story's article is stored (articles/story_rendering.py); staff see the
    # stories nobody else may see rendered as they are.
    story = Story.objects.published().with_rendering().filter(slug=slug).first()
    if story is None and staff:
        story = Story.objects.for_detail().filter(slug=slug).first()
    if story is None:
        moved = StoryRedirect.objects.filter(old_slug=slug).select_related("story").first()
        if moved and (moved.story.is_public or staff):
            return redirect(moved.story, permanent=True)
        raise Http404(_("No story at this address."))
    public = story.is_public
    return render(
        request,
        "articles/story_detail.html",
        {
            "story": story,
            "article": article_of(story) if public else None,
            "preview": not public,
            "related": Story.objects.published().related_cards(story),
        },
    )


@public_page()
def category_detail(request, slug):
    category = get_object_or_404(Category.objects.select_related("parent__parent"), slug=slug)
    stories = Story.objects.published().in_category(category).for_listing().latest_first()
    return render(
        request,
        "articles/category_detail.html",
        {"category": category, "children": category.children.all(), "page": paginate(request, stories)},
    )


@public_page()
def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    stories = Story.objects.published().tagged(tag).for_listing().latest_first()
    return render(request, "articles/tag_detail.html", {"tag": tag, "page": paginate(request, stories)})


@public_page()
def author_detail(request, slug):
    author = get_object_or_404(Author, slug=slug)
    stories = Story.objects.published().by_author(author).for_listing().latest_first()
    return render(
        request, "articles/author_detail.html", {"author": author, "page": paginate(request, stories)}
    )


@public_page()
def archive(request, year, month=None):
    if not (1 <= year <= 9999) or (month is not None and not 1 <= month <= 12):
        raise Http404(_("There is no such archive page."))
    stories = Story.objects.published().filter(published_at__year=year)
    if month:
        stories = stories.filter(published_at__month=month)
    period = datetime.date(year, month or 1, 1)
    return render(
        request,
        "articles/archive.html",
        {
            "year": year,
            "month": month,
            "period": period,
            "month_name": calendar.month_name[month] if month else "",
            "months": Story.objects.published()
            .filter(published_at__year=year)
            .datetimes("published_at", "month", tzinfo=timezone.get_current_timezone()),
            "page": paginate(request, stories.for_listing().latest_first()),
        },
    )


@public_page()
def archive_index(request):
    months = Story.objects.published().datetimes(
        "published_at", "month", order="DESC", tzinfo=timezone.get_current_timezone()
    )
    return render(request, "articles/archive_index.html", {"months": months})


@public_page()
def search(request):
    # NUL cannot reach PostgreSQL; search terms are short.
    query = request.GET.get("q", "").replace("\x00", "").strip()[:200]
    results = full_text.search_stories(query) if query else Story.objects.none()
    page = paginate(request, results)
    return render(
        request,
        "articles/search.html",
        {
            "query": query,
            "page": page,
            "match_count": full_text.match_count(query, page) if query else 0,
            "count_cap": full_text.RANKED_MATCHES,
        },
    )
