"""Readers report a published comment: the Report link, the form and its checks, the hold
once enough different addresses reported it, and what moderators see in the queue."""

import re
import time

import pytest
from django.urls import reverse

from comments.forms import make_token
from comments.models import CommentReport, ModerationRecord
from comments.reports import TOKEN_SALT
from tests.comments.helpers import make_comment
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def report_url(comment):
    return reverse("comments:report", args=[comment.pk])


def report(client, comment, ip="203.0.113.1", **overrides):
    data = {
        "reason": "abuse",
        "note": "",
        "token": make_token(comment, now=time.time() - 10, salt=TOKEN_SALT),
    }
    data.update(overrides)
    return client.post(report_url(comment), data, REMOTE_ADDR=ip)


@pytest.fixture
def comment(story):
    return make_comment(story, text="An insulting remark.", ip_hash="c" * 64)


def test_every_published_comment_has_a_report_link_and_the_page_stays_shared(client, story, comment):
    response = client.get(story.get_absolute_url())
    assert f'href="{report_url(comment)}"' in response.text
    assert not response.cookies and "public" in response["Cache-Control"]


def test_a_closed_story_still_offers_report_links_but_no_reply(client, story, comment):
    story.comments_open = False
    story.save()
    page = client.get(story.get_absolute_url()).text
    assert f'href="{report_url(comment)}"' in page and "data-reply-to" not in page


def test_the_report_form_shows_the_comment_and_asks_for_a_reason(client, comment):
    response = client.get(report_url(comment))
    assert response.status_code == 200 and not response.cookies
    assert "An insulting remark." in response.text and 'name="reason"' in response.text
    assert '<meta name="robots" content="noindex">' in response.text


def test_held_or_unknown_comments_cannot_be_reported(client, story):
    pending = make_comment(story, status="pending")
    assert client.get(report_url(pending)).status_code == 404
    assert client.get(reverse("comments:report", args=[999999])).status_code == 404


def test_a_report_is_stored_with_the_address_hash_only_and_thanks_the_reader(client, comment):
    response = report(client, comment, reason="personal", note="It gives a home address.")
    assert response.status_code == 302 and response["Location"] == reverse(
        "comments:report_thanks", args=[comment.pk]
    )
    stored = CommentReport.objects.get()
    assert (stored.reason, stored.note) == ("personal", "It gives a home address.")
    assert len(stored.ip_hash) == 64 and "203.0.113.1" not in stored.ip_hash
    assert client.get(response["Location"]).status_code == 200


def test_three_addresses_hold_the_comment_at_once_with_a_record(client, story, comment, settings):
    settings.COMMENTS_REPORTS_TO_HOLD = 3
    report(client, comment, ip="203.0.113.1")
    report(client, comment, ip="203.0.113.2")
    comment.refresh_from_db()
    assert comment.status == "approved"
    report(client, comment, ip="203.0.113.3")
    comment.refresh_from_db()
    story.refresh_from_db()
    assert comment.status == "pending" and story.comment_count == 0
    record = ModerationRecord.objects.get(comment=comment)
    assert (record.from_status, record.to_status, record.by) == ("approved", "pending", None)
    assert "reported from 3 different addresses" in record.note
    assert "An insulting remark." not in client.get(story.get_absolute_url()).text


def test_reporting_twice_from_one_address_counts_once(client, comment, settings):
    settings.COMMENTS_REPORTS_TO_HOLD = 2
    report(client, comment, ip="203.0.113.1")
    assert report(client, comment, ip="203.0.113.1", reason="spam").status_code == 302
    comment.refresh_from_db()
    assert comment.status == "approved" and CommentReport.objects.count() == 1


def test_the_authors_own_report_counts_once(client, story, settings):
    from comments.client import ip_hash

    settings.COMMENTS_REPORTS_TO_HOLD = 2
    own = make_comment(story, ip_hash=ip_hash("198.51.100.7"))
    report(client, own, ip="198.51.100.7")
    report(client, own, ip="198.51.100.7")
    own.refresh_from_db()
    assert own.status == "approved" and own.reports.count() == 1
    report(client, own, ip="198.51.100.8")
    own.refresh_from_db()
    assert own.status == "pending"


def test_the_threshold_is_a_setting(client, comment, settings):
    settings.COMMENTS_REPORTS_TO_HOLD = 1
    report(client, comment)
    comment.refresh_from_db()
    assert comment.status == "pending"


@pytest.mark.parametrize(
    ("overrides", "status"),
    [
        ({"token": ""}, 400),
        ({"token": "forged"}, 400),
        ({"reason": "nonsense"}, 400),
        ({"reason": ""}, 400),
        ({"note": "x" * 501}, 400),
        ({"note": "hidden \u202e text"}, 400),
    ],
)
def test_bad_reports_are_refused_and_nothing_is_stored(client, comment, overrides, status):
    assert report(client, comment, **overrides).status_code == status
    assert not CommentReport.objects.exists()


def test_a_token_of_another_form_or_comment_is_refused(client, story, comment):
    other = make_comment(story)
    assert (
        report(client, comment, token=make_token(other, now=time.time() - 10, salt=TOKEN_SALT)).status_code
        == 400
    )
    assert report(client, comment, token=make_token(comment, now=time.time() - 10)).status_code == 400
    assert report(client, comment, token=make_token(comment, salt=TOKEN_SALT)).status_code == 400  # too fast
    assert not CommentReport.objects.exists()


def test_reports_from_another_site_are_refused(client, comment):
    response = client.post(
        report_url(comment),
        {"reason": "spam", "token": make_token(comment, now=time.time() - 10, salt=TOKEN_SALT)},
        headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
    )
    assert response.status_code == 400 and not CommentReport.objects.exists()


def test_reports_share_the_comments_rate_limit(client, story, settings):
    settings.COMMENTS_RATE_LIMIT = 2
    comments = [make_comment(story) for _ in range(3)]
    assert [report(client, c).status_code for c in comments] == [302, 302, 429]
    assert CommentReport.objects.count() == 2


def test_moderators_see_the_count_reasons_and_a_reported_filter(client, story, comment):
    quiet = make_comment(story, text="A quiet remark.")
    report(client, comment, ip="203.0.113.1", reason="abuse")
    report(client, comment, ip="203.0.113.2", reason="spam", note="Sells watches.")
    moderator = make_user("mod", groups=["Moderators"], is_staff=True)
    client.force_login(moderator)
    changelist = reverse("admin:comments_comment_changelist")
    page = client.get(changelist, {"status": "approved", "reported": "yes"}).text
    assert "An insulting remark." in page and "A quiet remark." not in page
    cell = re.search(r'class="field-reports_cell">(.*?)</td>', page, re.S).group(1)
    assert "2" in cell and "Abusive or hateful (1)" in cell and "Spam or advertising (1)" in cell
    page = client.get(changelist, {"status": "approved", "reported": "no"}).text
    assert "A quiet remark." in page and "An insulting remark." not in page
    change = client.get(reverse("admin:comments_comment_change", args=[comment.pk])).text
    assert "Sells watches." in change
    assert client.get(changelist, {"reported": "bogus"}).status_code in (200, 302)
    assert quiet.pk


def test_reports_are_never_shown_publicly(client, story, comment):
    report(client, comment, ip="203.0.113.1", note="A private note for moderators.")
    for url in (
        story.get_absolute_url(),
        reverse("comments:story_feed", args=[story.slug]),
        report_url(comment),
    ):
        assert "A private note for moderators." not in client.get(url).text


def test_the_retention_purge_clears_old_reports_address_hashes(client, comment, settings):
    from datetime import timedelta
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    report(client, comment, ip="203.0.113.1")
    report(client, comment, ip="203.0.113.2")
    CommentReport.objects.filter(pk=CommentReport.objects.first().pk).update(
        created_at=timezone.now() - timedelta(days=91), user_agent="Firefox"
    )
    out = StringIO()
    call_command("purge_commenter_data", stdout=out)
    assert "of 1 reports older than 90 days" in out.getvalue()
    assert sorted(bool(h) for h in CommentReport.objects.values_list("ip_hash", flat=True)) == [False, True]
    assert CommentReport.objects.filter(ip_hash="", user_agent="").count() == 1


def test_the_report_link_form_and_queue_keys_are_in_spanish(client, story, comment, settings):
    settings.LANGUAGE_CODE = "es"
    assert ">Denunciar<" in client.get(story.get_absolute_url()).text
    form = client.get(report_url(comment)).text
    assert "Denunciar un comentario" in form and "Insultante u ofensivo" in form
    client.force_login(make_user("mod", groups=["Moderators"], is_staff=True))
    queue = client.get(reverse("admin:comments_comment_changelist")).text
    assert "Atajos de teclado" in queue and "Remitente bloqueado" in queue
    change = client.get(reverse("admin:comments_comment_change", args=[comment.pk])).text
    assert "Bloquear a este remitente" in change


def test_after_a_moderator_approves_it_again_only_new_reports_count(client, story, comment, settings):
    from comments import moderation

    settings.COMMENTS_REPORTS_TO_HOLD = 2
    report(client, comment, ip="203.0.113.1")
    report(client, comment, ip="203.0.113.2")
    comment.refresh_from_db()
    assert comment.status == "pending"
    moderation.approve(comments=comment)
    report(client, comment, ip="203.0.113.3")
    comment.refresh_from_db()
    assert comment.status == "approved"
    report(client, comment, ip="203.0.113.4")
    comment.refresh_from_db()
    assert comment.status == "pending"
