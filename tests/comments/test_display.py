"""How published comments appear: threads, pages, permalinks, names, counts, the feed."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comments import moderation
from comments.models import Comment
from tests.comments.helpers import make_comment, post_comment
from tests.factories import make_story

pytestmark = pytest.mark.django_db


def comment_ids(html):
    return [int(pk) for pk in re.findall(r'<article class="comment" id="comment-(\d+)"', html)]


def section(html):
    return html[
        html.index('<section class="comments"') : html.index(
            "</section>", html.index('<section class="comments"')
        )
    ]


def test_only_approved_comments_are_shown_oldest_first(client, story):
    second = make_comment(story, minutes=20, text="Second approved.")
    first = make_comment(story, minutes=10, text="First approved.")
    for status in ("pending", "spam", "removed"):
        make_comment(story, status=status, text=f"A {status} comment.")
    page = client.get(story.get_absolute_url()).text
    assert comment_ids(page) == [first.pk, second.pk]
    assert "pending comment" not in page and "spam comment" not in page and "removed comment" not in page
    assert '<h2 id="comments-heading">2 comments</h2>' in page


def test_replies_nest_under_their_parent_with_in_reply_to(client, story):
    root = make_comment(story, name="Lucía", minutes=1)
    reply = make_comment(story, parent=root, name="Tom", minutes=2)
    page = section(client.get(story.get_absolute_url()).text)
    assert comment_ids(page) == [root.pk, reply.pk]
    assert re.search(
        rf'id="comment-{root.pk}".*?</article><p class="comment__actions">.*?</p><ol><li>'
        rf'<article class="comment" id="comment-{reply.pk}"',
        page,
        re.S,
    )
    assert f'in reply to <a href="#comment-{root.pk}">Lucía</a>' in page


def test_replies_deeper_than_the_thread_depth_join_the_deepest_level(client, story):
    chain = [make_comment(story, name="Level 0", minutes=1)]
    for level in range(1, 5):
        chain.append(make_comment(story, parent=chain[-1], name=f"Level {level}", minutes=level + 1))
    page = section(client.get(story.get_absolute_url()).text)
    nesting = {}
    depth = 0
    for token in re.finditer(r'<ol[ >]|</ol>|id="comment-(\d+)"', page):
        if token.group(0).startswith("<ol"):
            depth += 1
        elif token.group(0) == "</ol>":
            depth -= 1
        else:
            nesting[int(token.group(1))] = depth
    assert [nesting[c.pk] for c in chain] == [1, 2, 3, 3, 3]
    assert f'in reply to <a href="#comment-{chain[3].pk}">Level 3</a>' in page
    assert Comment.objects.get(pk=chain[4].pk).depth == 4


def test_the_thread_depth_is_configurable(client, story, settings):
    settings.COMMENTS_THREAD_DEPTH = 2
    root = make_comment(story, minutes=1)
    child = make_comment(story, parent=root, minutes=2)
    grandchild = make_comment(story, parent=child, minutes=3)
    page = section(client.get(story.get_absolute_url()).text)
    assert page.count("<ol>") == 1
    assert comment_ids(page) == [root.pk, child.pk, grandchild.pk]


def test_a_reply_to_a_removed_comment_stays_visible_at_the_top_level(client, story):
    root = make_comment(story, minutes=1, text="Abusive words.")
    reply = make_comment(story, parent=root, minutes=2, text="A calm answer.")
    moderation.remove(comments=root)
    page = client.get(story.get_absolute_url()).text
    assert comment_ids(page) == [reply.pk]
    assert "in reply to a comment that is no longer shown" in page and "Abusive" not in page


def pages_of(client, story):
    """Every page of the story's comments, following the "Later comments" links."""
    pages, query = [], ""
    while True:
        page = client.get(story.get_absolute_url() + query).text
        pages.append(page)
        later = re.search(r'rel="next" href="(\?after=\d+)#comments"', page)
        if not later:
            return pages
        query = later.group(1)


def test_a_page_holds_whole_threads_up_to_the_number_of_comments_per_page(client, story, settings):
    settings.COMMENTS_PER_PAGE = 2
    roots = [make_comment(story, minutes=10 * n) for n in range(5)]
    late_reply = make_comment(story, parent=roots[0], minutes=100)
    pages = pages_of(client, story)
    assert [comment_ids(page) for page in pages] == [
        [roots[0].pk, late_reply.pk],
        [roots[1].pk, roots[2].pk],
        [roots[3].pk, roots[4].pk],
    ]
    assert 'rel="prev"' not in pages[0]
    assert f'href="?after={roots[0].pk}#comments"' in pages[0]
    assert f'href="/comments/{roots[2].pk}/"' in pages[1]  # the permalink
    assert f'href="?after={roots[0].pk}&amp;reply_to={roots[2].pk}#comment-form"' in pages[1]
    assert f'rel="prev" href="?before={roots[1].pk}#comments"' in pages[1]
    earlier = client.get(story.get_absolute_url() + f"?before={roots[3].pk}").text
    assert comment_ids(earlier) == [roots[1].pk, roots[2].pk]
    assert 'rel="next"' in earlier and 'rel="prev"' in earlier
    back_to_first = client.get(story.get_absolute_url() + f"?before={roots[1].pk}").text
    assert comment_ids(back_to_first) == comment_ids(pages[0])


def test_a_page_address_that_names_no_comment_of_the_story_shows_the_first_page(client, story, settings):
    settings.COMMENTS_PER_PAGE = 2
    roots = [make_comment(story, minutes=n) for n in range(3)]
    elsewhere = make_comment(make_story(), minutes=5)
    first = comment_ids(client.get(story.get_absolute_url()).text)
    assert first == [roots[0].pk, roots[1].pk]
    for query in (
        f"?after={elsewhere.pk}",
        "?before=999999",
        "?at=abc",
        "?after=-1",
        "?after=" + "9" * 40,
        f"?before={roots[0].pk}",
        "?after=\u0663",
    ):
        response = client.get(story.get_absolute_url() + query)
        assert response.status_code == 200
        assert comment_ids(response.text) == first


def test_a_thread_longer_than_a_page_has_a_page_of_its_own(client, story, settings):
    settings.COMMENTS_PER_PAGE = 3
    before = make_comment(story, minutes=1)
    long_thread = make_comment(story, minutes=2)
    replies = [make_comment(story, parent=long_thread, minutes=10 + n) for n in range(4)]
    after = make_comment(story, minutes=3)
    assert [comment_ids(page) for page in pages_of(client, story)] == [
        [before.pk],
        [long_thread.pk, *(reply.pk for reply in replies)],
        [after.pk],
    ]


def test_every_comment_of_a_long_discussion_is_on_exactly_one_short_page(client, story, settings):
    settings.COMMENTS_PER_PAGE = 10
    roots = [make_comment(story, minutes=n) for n in range(30)]
    for n, root in enumerate(roots):
        for k in range(n % 4):
            make_comment(story, parent=root, minutes=100 + 10 * n + k)
    pages = pages_of(client, story)
    assert all(len(comment_ids(page)) <= 10 for page in pages)
    shown = [pk for page in pages for pk in comment_ids(page)]
    assert sorted(shown) == sorted(Comment.objects.filter(story=story).values_list("pk", flat=True))
    assert len(pages) == 8  # 73 comments in threads of 1, 2, 3 and 4 comments: 10 per page, and 3


def test_a_permalink_leads_to_a_page_that_shows_the_comment(client, story, settings):
    settings.COMMENTS_PER_PAGE = 2
    roots = [make_comment(story, minutes=n) for n in range(3)]
    reply = make_comment(story, parent=roots[2], minutes=10)
    assert (
        client.get(f"/comments/{roots[0].pk}/")["Location"]
        == f"{story.get_absolute_url()}#comment-{roots[0].pk}"
    )
    location = client.get(f"/comments/{reply.pk}/")["Location"]
    assert location == f"{story.get_absolute_url()}?at={roots[2].pk}#comment-{reply.pk}"
    page = client.get(location.split("#")[0]).text
    assert comment_ids(page) == [roots[2].pk, reply.pk]
    assert f'rel="prev" href="?before={roots[2].pk}#comments"' in page and 'rel="next"' not in page
    assert reply.get_absolute_url() == f"/comments/{reply.pk}/"


def test_permalinks_of_unpublished_comments_are_404(client, story):
    assert client.get(f"/comments/{make_comment(story, status='pending').pk}/").status_code == 404
    assert client.get("/comments/424242/").status_code == 404
    draft = make_story(status="draft", published_at=None)
    assert client.get(f"/comments/{make_comment(draft).pk}/").status_code == 404


def test_a_commenters_name_links_to_their_website_as_user_content(client, story):
    make_comment(story, name="Tom", website="https://tom.example.net/")
    make_comment(story, name="Plain")
    page = client.get(story.get_absolute_url()).text
    assert '<a href="https://tom.example.net/" rel="nofollow ugc noopener">Tom</a>' in page
    assert '<span class="comment__author" id="comment-' in page and ">Plain</span>" in page


def test_a_website_that_is_not_http_never_becomes_a_link(client, story):
    comment = make_comment(story, name="Sly")
    Comment.objects.filter(pk=comment.pk).update(website="javascript:alert(1)")
    moderation.stories_changed({story.pk})
    page = client.get(story.get_absolute_url()).text
    assert "javascript:" not in page and ">Sly</span>" in page


def test_comment_text_is_plain_text_with_paragraphs_and_links(client, story):
    make_comment(story, text="<script>alert(1)</script> <b>bold</b>\n\nSee https://example.org/report")
    page = client.get(story.get_absolute_url()).text
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page and "<b>bold" not in page
    assert (
        '<a href="https://example.org/report" rel="nofollow ugc noopener">https://example.org/report</a>'
        in page
    )


def test_the_count_shows_on_the_story_page_and_in_listings(client, story):
    for _ in range(3):
        make_comment(story)
    make_comment(story, status="pending")
    assert "3 comments" in client.get(story.get_absolute_url()).text
    assert "3 comments" in client.get("/tag/border/").text


def test_a_reply_link_names_the_comment_in_the_form_without_a_list_of_every_comment(client, story):
    comment = make_comment(story, name="Lucía", text="One two three.")
    page = client.get(story.get_absolute_url()).text
    assert f'href="?reply_to={comment.pk}#comment-form" data-reply-to="{comment.pk}"' in page
    assert "<select" not in section(page) and "<option" not in page
    assert '<script src="/static/js/comments.js" defer></script>' in page
    assert "<script>" not in page.replace('<script type="application/ld+json">', "")
    # Without JavaScript, the link reloads the page with the form answering the comment.
    replying = client.get(f"{story.get_absolute_url()}?reply_to={comment.pk}").text
    assert f'<input type="hidden" name="reply_to" value="{comment.pk}" id="cf-reply_to">' in replying
    assert f'Replying to <a href="#comment-{comment.pk}">Lucía</a>' in replying
    assert f'class="reply-cancel" href="{story.get_absolute_url()}#comment-form"' in replying


def test_a_reply_link_to_a_comment_that_is_not_published_here_leaves_a_new_comment(client, story):
    pending = make_comment(story, status=Comment.Status.PENDING)
    elsewhere = make_comment(make_story())
    for value in (pending.pk, elsewhere.pk, "abc", "-1", "9" * 40):
        page = client.get(f"{story.get_absolute_url()}?reply_to={value}").text
        assert '<input type="hidden" name="reply_to" id="cf-reply_to">' in page
        assert '<p class="reply-target" role="status" hidden>' in page


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("count", [0, 5, 50, 51, 60])
def test_the_story_page_runs_a_fixed_number_of_queries_whatever_the_number_of_comments(
    client, settings, django_assert_num_queries, count
):
    """None for the comments when the story has no published comment, else one: the page's
    slice in reading order, whether or not more pages follow."""
    settings.PAGE_CACHE_SECONDS = 0
    queries_for(client, make_story().get_absolute_url())  # the first request also caches content types
    without_comments = queries_for(client, make_story().get_absolute_url())
    story = make_story()
    roots = [make_comment(story, minutes=n) for n in range(count - count // 2)]
    for n, root in enumerate(roots[: count // 2]):
        make_comment(story, parent=root, minutes=100 + n)
    assert Comment.objects.filter(story=story).count() == count
    comment_queries = 0 if count == 0 else 1
    with django_assert_num_queries(without_comments + comment_queries):
        response = client.get(story.get_absolute_url())
    assert len(comment_ids(response.text)) == min(count, settings.COMMENTS_PER_PAGE)


def test_the_anonymous_story_page_sets_no_cookie_and_does_not_vary_by_cookie(client, story):
    for response in (client.get(story.get_absolute_url()), post_comment(client, story)):
        assert not response.cookies
        assert "cookie" not in response.get("Vary", "").lower()
    followed = client.get(f"{story.get_absolute_url()}?comment=received")
    assert followed.status_code == 200 and not followed.cookies
    assert "cookie" not in followed.get("Vary", "").lower()
    assert "public" in followed["Cache-Control"]
    assert not client.cookies


def test_approving_a_comment_refreshes_the_cached_story_page_and_feed(client, story):
    post_comment(client, story, text="Now you see me.")
    feed_url = f"/comments/story/{story.slug}/feed/"
    before, feed_before = client.get(story.get_absolute_url()), client.get(feed_url)
    assert "Now you see me." not in before.text
    moderation.approve(comments=Comment.objects.all())
    after, feed_after = client.get(story.get_absolute_url()), client.get(feed_url)
    assert after["ETag"] != before["ETag"] and "Now you see me." in after.text
    assert feed_after["ETag"] != feed_before["ETag"] and "Now you see me." in feed_after.text


def test_the_comments_feed_lists_approved_comments_only(client, story):
    make_comment(story, name="Lucía", text="Approved words.")
    make_comment(story, status="pending", text="Pending words.")
    response = client.get(f"/comments/story/{story.slug}/feed/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    assert "Approved words." in response.text and "Pending words." not in response.text
    assert "<dc:creator" in response.text and "Lucía" in response.text
    assert f'href="/comments/story/{story.slug}/feed/"' in client.get(story.get_absolute_url()).text


def test_the_comments_feed_of_a_story_that_is_not_public_is_404(client):
    draft = make_story(status="draft", published_at=None)
    assert client.get(f"/comments/story/{draft.slug}/feed/").status_code == 404
