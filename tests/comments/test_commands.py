"""Privacy tools: the retention command, and export / erase by email address."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from comments.models import Comment
from tests.comments.helpers import make_comment, post_comment

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def aged(story, days, **fields):
    comment = make_comment(story, ip_hash="a" * 64, user_agent="Firefox", **fields)
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(days=days))
    return comment


def test_the_retention_command_clears_ip_hashes_and_user_agents_after_the_period(story):
    old, recent = aged(story, 91), aged(story, 89)
    assert run("purge_commenter_data") == (
        "Cleared the IP hash and user agent of 1 comments older than 90 days.\n"
        "Cleared the IP hash and user agent of 0 error reports older than 90 days.\n"
        "Cleared the IP hash and user agent of 0 reports older than 90 days.\n"
        "Deleted 0 expired block list entries.\n"
    )
    old.refresh_from_db(), recent.refresh_from_db()
    assert (old.ip_hash, old.user_agent) == ("", "")
    assert (recent.ip_hash, recent.user_agent) == ("a" * 64, "Firefox")
    assert old.status == "approved" and old.text and old.email  # the comment itself is kept
    assert "of 0 comments" in run("purge_commenter_data")


def test_the_retention_period_is_configurable_and_can_be_tried_first(story, settings):
    aged(story, 10)
    settings.COMMENTS_RETENTION_DAYS = 7
    assert run("purge_commenter_data", "--dry-run").startswith(
        "Would clear the IP hash and user agent of 1 comments"
    )
    assert Comment.objects.get().ip_hash
    assert "of 1 comments older than 7 days" in run("purge_commenter_data")
    assert "older than 3 days" in run("purge_commenter_data", "--days", "3")
    with pytest.raises(CommandError):
        run("purge_commenter_data", "--days", "-1")


def test_a_posted_comment_keeps_the_user_agent_until_the_retention_period(client, story):
    post_comment(client, story, headers={"User-Agent": "Mozilla/5.0 (test)\x00"})
    assert Comment.objects.get().user_agent == "Mozilla/5.0 (test)"


def test_export_writes_the_persons_comments_as_json(story, tmp_path):
    from tests.factories import make_story

    mine = make_comment(story, email="Ana.Lopez@example.net", name="Ana", text="First.")
    reply = make_comment(
        make_story(), email="ana.lopez@example.net", name="Ana L.", status="pending", parent=None
    )
    make_comment(story, email="someone.else@example.net")
    data = json.loads(run("commenter_data", "export", "ana.lopez@EXAMPLE.net"))
    assert data["email"] == "ana.lopez@EXAMPLE.net"
    assert [c["pk"] for c in data["comments"]] == [mine.pk, reply.pk]
    first = data["comments"][0]
    assert (first["name"], first["email"], first["text"], first["status"]) == (
        "Ana",
        "Ana.Lopez@example.net",
        "First.",
        "approved",
    )
    assert first["story"] == {"headline": story.headline, "slug": story.slug}
    assert {"created_at", "website", "ip_hash", "user_agent", "parent_id"} <= first.keys()
    target = tmp_path / "ana.json"
    assert (
        run("commenter_data", "export", "ana.lopez@example.net", "--output", str(target))
        == f"Wrote 2 comments to {target}.\n"
    )
    assert len(json.loads(target.read_text())["comments"]) == 2


def test_erase_anonymises_the_persons_comments_and_keeps_the_text(client, story):
    mine = make_comment(
        story,
        email="ana@example.net",
        name="Ana López",
        website="https://ana.example.net",
        ip_hash="b" * 64,
        user_agent="Safari",
        text="My view.",
    )
    other = make_comment(story, email="bo@example.net", name="Bo")
    assert "Ana López" in client.get(story.get_absolute_url()).text
    report = run("commenter_data", "erase", "ANA@example.net")
    assert report == (
        "Anonymised 1 comments (name set to “Anonymous”; email, website, IP hash and user agent "
        "removed; text kept).\n"
    )
    mine.refresh_from_db()
    assert (mine.name, mine.email, mine.website, mine.ip_hash, mine.user_agent) == (
        "Anonymous",
        "",
        "",
        "",
        "",
    )
    assert mine.text == "My view." and mine.status == "approved"
    assert Comment.objects.get(pk=other.pk).name == "Bo"
    page = client.get(story.get_absolute_url()).text
    assert "Ana López" not in page and "Anonymous" in page and "My view." in page


def test_erase_can_remove_the_text_too(story):
    mine = make_comment(story, email="ana@example.net", text="Regretted words.")
    assert "text replaced" in run("commenter_data", "erase", "ana@example.net", "--remove-text")
    mine.refresh_from_db()
    assert mine.text == "(This comment was removed at its author's request.)"
    assert "Regretted" not in mine.text_html


def test_erase_dry_run_changes_nothing(story):
    make_comment(story, email="ana@example.net", name="Ana")
    assert run("commenter_data", "erase", "ana@example.net", "--dry-run").startswith(
        "Dry run, nothing changed."
    )
    assert Comment.objects.get().name == "Ana"


def test_unknown_and_invalid_addresses(story):
    assert (
        run("commenter_data", "erase", "nobody@example.net")
        == "No comments with this email address; nothing changed.\n"
    )
    assert json.loads(run("commenter_data", "export", "nobody@example.net"))["comments"] == []
    with pytest.raises(CommandError, match="is not an email address"):
        run("commenter_data", "export", "not-an-address")
