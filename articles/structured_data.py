"""schema.org data for story pages: a NewsArticle and its BreadcrumbList.

Built only from the prefetched story, so it adds no query, and from public fields only.
"""

from urllib.parse import urljoin

from django.core.files.storage import default_storage
from django.templatetags.static import static
from django.urls import reverse

from ledger.public import with_ledger
from newsroom.rich_text import plain_text


def _media_url(site_url, url):
    # Object storage gives whole addresses on its own domain; the local disk a path on ours.
    return urljoin(site_url + "/", url)


def _iso(moment):
    return moment.isoformat(timespec="seconds") if moment else None


def person(author, site_url):
    data = {"@type": "Person", "name": author.name, "url": site_url + author.get_absolute_url()}
    if author.photo:
        data["image"] = _media_url(site_url, author.photo.url)
    return data


def citation(source, site_url=""):
    work = {
        "@type": "CreativeWork",
        "name": source.title,
        "publisher": {"@type": "Organization", "name": source.outlet},
        "inLanguage": source.language,
    }
    if source.url:
        work["url"] = source.url
    if source.published_on:
        work["datePublished"] = source.published_on.isoformat()
    if getattr(source, "archived_copy", None):
        work["archivedAt"] = site_url + source.archived_copy.get_absolute_url()
    return work


# The site's logo stands in for a story without a picture: NewsArticle needs an `image`.
FALLBACK_IMAGE = {"path": "img/logo.png", "width": 512, "height": 512}


def story_images(story, site_url):
    """The story's picture in each rendition, or the site's logo, each with its size."""
    renditions = [
        {
            "url": _media_url(site_url, default_storage.url(r["name"])),
            "width": r["width"],
            "height": r["height"],
        }
        for r in story.image_renditions or []
    ]
    fallback = {**FALLBACK_IMAGE, "url": site_url + static(FALLBACK_IMAGE["path"])}
    return [
        {"@type": "ImageObject", "url": image["url"], "width": image["width"], "height": image["height"]}
        for image in renditions or [fallback]
    ]


def story_graph(story, site_url, site_name):
    url = site_url + story.get_absolute_url()
    article = {
        "@type": "NewsArticle",
        "@id": url + "#article",
        "mainEntityOfPage": url,
        "url": url,
        "headline": story.headline[:110],
        "description": story.standfirst,
        "datePublished": _iso(story.published_at),
        "dateModified": _iso(story.updated_at or story.published_at),
        "author": [person(author, site_url) for author in story.byline_authors],
        "publisher": {
            "@type": "Organization",
            "name": site_name,
            "url": site_url + "/",
            "logo": {
                "@type": "ImageObject",
                "url": site_url + static(FALLBACK_IMAGE["path"]),
                "width": FALLBACK_IMAGE["width"],
                "height": FALLBACK_IMAGE["height"],
            },
        },
        "keywords": [tag.name for tag in story.tags.all()],
        "citation": [citation(source, site_url) for source in with_ledger(story.sources.all())],
        # Approved comments, as the column the moderation functions keep says.
        "commentCount": story.comment_count,
    }
    if story.primary_category:
        article["articleSection"] = story.primary_category.name
    article["image"] = story_images(story, site_url)
    notices = [
        {
            "@type": "CorrectionComment",
            "text": plain_text(notice.text),
            "datePublished": _iso(notice.created_at),
            "name": notice.get_kind_display(),
        }
        for notice in story.corrections.all()
    ]
    if notices:
        article["correction"] = notices
    trail = story.primary_category.ancestors() if story.primary_category else []
    crumbs = [{"name": site_name, "url": site_url + reverse("articles:front")}]
    crumbs += [{"name": c.name, "url": site_url + c.get_absolute_url()} for c in trail]
    crumbs.append({"name": story.headline, "url": url})
    breadcrumbs = {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": crumb["name"], "item": crumb["url"]}
            for n, crumb in enumerate(crumbs, start=1)
        ],
    }
    return {"@context": "https://schema.org", "@graph": [article, breadcrumbs]}
