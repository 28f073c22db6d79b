"""Comments stored ready to show: the HTML rendered when a moderator acts, the reading order
written when a comment is stored, and the story's count kept by the moderation functions."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Story
from comments import moderation
from comments.models import Comment
from tests.comments.helpers import make_comment, post_comment
from tests.factories import make_story, make_user

pytestmark = pytest.mark.django_db

SECRET_EMAIL = "hidden.person@example.org"
SECRET_AGENT = "SecretBrowser/9.9"


def stored_count(story):
    return Story.objects.get(pk=story.pk).comment_count


def comment_ids(page):
    return [int(pk) for pk in re.findall(r'<article class="comment" id="comment-(\d+)"', page)]


def test_no_email_ip_hash_or_user_agent_reaches_the_stored_fragment(story):
    comment = make_comment(
        story, status=Comment.Status.PENDING, name="Ana", email=SECRET_EMAIL, user_agent=SECRET_AGENT,
        ip_hash="f" * 64, text="Ana's comment.",
    )  # fmt: skip
    moderation.approve(comments=comment)
    moderation.text_edited(comment=comment)
    call_command("render_comments", stdout=open("/dev/null", "w"))
    html = Comment.objects.get(pk=comment.pk).html
    assert "Ana's comment." in html and "Ana" in html
    for secret in (SECRET_EMAIL, "hidden.person", SECRET_AGENT, "f" * 64):
        assert secret not in html


def test_a_published_comment_is_rendered_when_approved_and_again_when_edited(client, story):
    comment = make_comment(story, status=Comment.Status.PENDING, text="First words.")
    assert Comment.objects.get(pk=comment.pk).html == ""
    moderation.approve(comments=comment)
    assert "First words." in Comment.objects.get(pk=comment.pk).html
    Comment.objects.filter(pk=comment.pk).update(text="Second words.")  # as the admin form saves
    comment.refresh_from_db()
    comment.save()
    moderation.text_edited(comment=comment)
    assert "Second words." in client.get(story.get_absolute_url()).text


def test_a_reply_says_when_the_comment_it_answers_is_no_longer_shown(client, story):
    parent = make_comment(story, name="Lucía")
    reply = make_comment(story, parent=parent, name="Tom")
    assert f'in reply to <a href="#comment-{parent.pk}">Lucía</a>' in Comment.objects.get(pk=reply.pk).html
    moderation.remove(comments=parent)
    page = client.get(story.get_absolute_url()).text
    assert comment_ids(page) == [reply.pk]
    assert "in reply to a comment that is no longer shown" in page
    assert "Lucía" not in page
    moderation.approve(comments=parent)
    assert comment_ids(client.get(story.get_absolute_url()).text) == [parent.pk, reply.pk]


def test_erasing_a_commenter_leaves_no_old_name_in_any_stored_fragment(story):
    parent = make_comment(story, name="Ana Secretname", email="ana@example.net")
    reply = make_comment(story, parent=parent, name="Tom")
    call_command("commenter_data", "erase", "ana@example.net", stdout=open("/dev/null", "w"))
    for comment in (parent, reply):
        assert "Secretname" not in Comment.objects.get(pk=comment.pk).html


@pytest.mark.parametrize(
    "decide, change",
    [
        (moderation.approve, +1),
        (moderation.mark_spam, 0),
        (moderation.remove, 0),
        (moderation.restore, 0),
    ],
)
def test_moderation_decisions_on_a_pending_comment_keep_the_story_count(story, decide, change):
    comment = make_comment(story, status=Comment.Status.PENDING)
    decide(comments=comment)
    assert stored_count(story) == change


def test_the_count_follows_a_comment_in_and_out_of_publication(client, story):
    comments = [make_comment(story) for _ in range(3)]
    assert stored_count(story) == 3
    moderation.mark_spam(comments=Comment.objects.filter(pk__in=[comments[0].pk, comments[1].pk]))
    assert stored_count(story) == 1
    moderation.remove(comments=comments[1])  # spam to removed: was not counted
    moderation.restore(comments=comments[2])
    assert stored_count(story) == 0
    moderation.approve(comments=Comment.objects.filter(story=story))
    assert stored_count(story) == 3
    moderation.reply(parent=comments[0], text="Thanks.", by=make_user("desk", is_staff=True))
    assert stored_count(story) == 4
    assert "4 comments" in client.get(story.get_absolute_url()).text


def test_a_trusted_returning_commenter_counts_at_once(client, story, settings):
    settings.COMMENTS_TRUST_RETURNING = True
    make_comment(story, email="ana@example.net")
    post_comment(client, story, email="ana@example.net", text="Back again.")
    assert stored_count(story) == 2


def test_saving_a_story_with_an_old_count_in_memory_keeps_the_count(story):
    stale = Story.objects.get(pk=story.pk)
    make_comment(story)
    stale.headline = "A new headline"
    stale.save()
    assert stored_count(story) == 1
    assert Story.objects.get(pk=story.pk).headline == "A new headline"


def test_recount_corrects_counts_written_around_the_moderation_functions(story):
    make_comment(story)
    other = make_story()
    Story.objects.filter(pk=story.pk).update(comment_count=7)
    Story.objects.filter(pk=other.pk).update(comment_count=2)
    out = []
    call_command("recount_comments", stdout=type("Out", (), {"write": lambda self, s: out.append(s)})())
    assert (stored_count(story), stored_count(other)) == (1, 0)
    assert "Story counts corrected: 2." in "".join(out)


def test_cards_feeds_and_pages_read_the_count_without_counting(client, story, django_assert_num_queries):
    make_comment(story)
    with CaptureQueriesContext(connection) as captured:
        client.get("/")
    assert not any('"comments_comment"' in q["sql"] for q in captured.captured_queries)


def test_a_new_thread_depth_takes_effect_after_render_comments(client, story, settings):
    chain = [make_comment(story, minutes=1)]
    for n in range(1, 4):
        chain.append(make_comment(story, parent=chain[-1], minutes=n + 1))
    levels = [Comment.objects.get(pk=c.pk).reading_key.count(".") for c in chain]
    assert levels == [0, 1, 2, 2]
    settings.COMMENTS_THREAD_DEPTH = 4
    call_command("render_comments", stdout=open("/dev/null", "w"))
    levels = [Comment.objects.get(pk=c.pk).reading_key.count(".") for c in chain]
    assert levels == [0, 1, 2, 3]
    assert comment_ids(client.get(story.get_absolute_url()).text) == [c.pk for c in chain]


def test_the_last_page_of_a_long_discussion_costs_what_the_first_does(client, story, settings):
    settings.COMMENTS_PER_PAGE = 5
    settings.PAGE_CACHE_SECONDS = 0
    roots = [make_comment(story, minutes=n) for n in range(40)]
    for n, root in enumerate(roots[::3]):
        make_comment(story, parent=root, minutes=100 + n)
    url = story.get_absolute_url()
    client.get(url)

    def queries(query):
        with CaptureQueriesContext(connection) as captured:
            page = client.get(url + query).text
        return len(captured), comment_ids(page)

    first, first_ids = queries("")
    later, later_ids = queries(f"?after={roots[30].pk}")
    at, at_ids = queries(f"?at={roots[39].pk}")
    assert later == first + 1  # the cursor's key
    assert at == first + 2  # and whether a page comes before
    assert first_ids[0] == roots[0].pk and later_ids[0] == roots[31].pk and at_ids[0] == roots[39].pk


@pytest.mark.parametrize("count", [0, 50, 5000])
def test_first_and_last_pages_cost_the_same_queries_for_0_50_and_5000_comments(client, settings, count):
    """Stored as the benchmark stores them (bulk, keyed and rendered as the moderation
    functions would): the first page costs one query for the comments (none without any),
    the last page three (its cursor's key, its slice, whether a page comes before)."""
    import random

    from bench.generated import CommentMaker, insert, next_id
    from comments.moderation import recount

    settings.PAGE_CACHE_SECONDS = 0
    client.get(make_story().get_absolute_url())  # content types and the like, cached
    without_comments = make_story()
    client.get(without_comments.get_absolute_url())  # its version, cached
    with CaptureQueriesContext(connection) as baseline:
        client.get(without_comments.get_absolute_url())
    story = make_story()
    maker = CommentMaker(random.Random(1), next_id(Comment))
    insert(Comment, maker.for_story(story.pk, story.published_at, count, approved_share=1.0))
    recount()

    def load(query):
        client.get(story.get_absolute_url() + query)  # the second request is measured
        with CaptureQueriesContext(connection) as captured:
            page = client.get(story.get_absolute_url() + query).text
        return len(captured) - len(baseline), comment_ids(page)

    queries, shown = load("")
    assert queries == (1 if count else 0)
    assert len(shown) <= settings.COMMENTS_PER_PAGE and (len(shown) > 0) == (count > 0)
    if count:
        last = Comment.objects.filter(story=story).order_by("-reading_key").first()
        queries, shown = load(f"?at={last.thread_id}")
        assert queries == 3 and shown[-1] == last.pk
