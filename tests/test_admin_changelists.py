"""Every admin changelist runs a fixed number of SQL queries, whether it lists 1 row or 50:
no column loads a related row, a count or a history per row."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comments.models import Comment, ModerationRecord
from tests.comments.helpers import make_comment
from tests.factories import make_author, make_category, make_story

pytestmark = pytest.mark.django_db


def make_stories(n):
    deep = make_category(parent=make_category(parent=make_category(parent=make_category())))
    for _ in range(n):
        make_story(category=deep, authors=[make_author(), make_author()], tags=["border", "trade"])


def make_categories(n):
    for _ in range(n):
        make_category(parent=make_category(parent=make_category()))
        make_story(category=make_category())


def make_authors(n):
    for i in range(n):
        user = get_user_model().objects.create_user(f"writer{make_author().pk}-{i}")
        make_author(user=user)


def make_comments(n, status=Comment.Status.PENDING):
    story = make_story()
    for i in range(n):
        other = make_story() if i % 2 else story
        make_comment(other, status=status, ip_hash=f"ip{i % 3}", held_rule="links", held_detail="3 links")


def make_records(n):
    moderator = get_user_model().objects.create_user(f"mod{make_author().pk}")
    story = make_story()
    for _ in range(n):
        comment = make_comment(story, status=Comment.Status.PENDING)
        ModerationRecord.objects.create(
            comment=comment, comment_number=comment.pk, by=moderator, by_name="mod", from_status="pending",
            to_status="approved",
        )  # fmt: skip


def make_sources(n):
    from articles.models import Source

    for i in range(n):
        story = make_story()
        Source.objects.create(story=story, title=f"Press release {i}", outlet="U.S. DOJ", language="en")


# (changelist, maker of n rows).
CHANGELISTS = [
    ("admin:articles_story_changelist", make_stories),
    ("admin:articles_category_changelist", make_categories),
    ("admin:articles_author_changelist", make_authors),
    ("admin:articles_source_changelist", make_sources),
    ("admin:comments_comment_changelist", make_comments),
    ("admin:comments_moderationrecord_changelist", make_records),
]


def queries(client, url):
    client.get(url)  # the first request fills caches (the pending-comment count in the header)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), [q["sql"] for q in captured]


@pytest.mark.parametrize("name, make_rows", CHANGELISTS, ids=[c[0].split(":")[1] for c in CHANGELISTS])
def test_changelist_query_count_is_fixed_for_1_and_50_rows(admin_client, name, make_rows):
    url = reverse(name)
    make_rows(1)
    one, _ = queries(admin_client, url)
    make_rows(49)
    fifty, sql = queries(admin_client, url)
    expected = EXPECTED[name] + (connection.vendor == "postgresql" and name in PLANNER_ESTIMATE)
    assert (one, fifty) == (expected, expected), "\n".join(sql)


# On PostgreSQL these lists first read the planner's row estimate (comments/queue.py), so a
# huge table is never counted exactly: one query more.
PLANNER_ESTIMATE = {"admin:comments_moderationrecord_changelist"}

# Session and user, whether a person not verified by a second factor has one (staff_security),
# then the page: rows, their prefetches, filters and the capped counts.
EXPECTED = {
    "admin:articles_story_changelist": 11,
    "admin:articles_category_changelist": 6,
    "admin:articles_author_changelist": 6,
    "admin:articles_source_changelist": 6,
    "admin:comments_comment_changelist": 10,  # with the page's readers' reports
    "admin:comments_moderationrecord_changelist": 6,
}
