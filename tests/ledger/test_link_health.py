"""The ledger records what each link does: ok, redirected, gone (only after failing over days),
unreachable, blocked; with the HTTP status, the final address and the failure times."""

import io
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Source
from ledger.checking import check_all, check_link
from ledger.fetcher import HostPacer
from ledger.models import LinkCheck
from tests.factories import make_story

pytestmark = pytest.mark.django_db


def test_a_page_that_answers_is_ok(site):
    record = check_link(site.url("/page"))
    assert (record.status, record.http_status, record.failure_count) == ("ok", 200, 0)
    assert record.first_failure_at is None and record.checked_at is not None


def test_a_redirect_chain_is_followed_and_the_final_address_recorded(site):
    record = check_link(site.url("/hop/3"))
    assert (record.status, record.http_status, record.final_url) == ("redirected", 200, site.url("/page"))
    assert [r["path"] for r in site.requests] == ["/hop/3", "/hop/2", "/hop/1", "/page"]


def test_more_than_five_redirects_is_a_failure(site):
    record = check_link(site.url("/loop/1"))
    assert record.status == "unreachable" and "redirects" in record.note
    assert len(site.requests) == 6  # the first request and five redirects, not one more


def test_a_404_is_a_failure_but_not_yet_gone(site):
    record = check_link(site.url("/missing"))
    assert (record.status, record.http_status, record.failure_count) == ("unreachable", 404, 1)
    assert record.first_failure_at == record.checked_at


def test_a_link_is_gone_only_after_repeated_failures_over_days(site, settings):
    settings.LEDGER_GONE_AFTER_FAILURES, settings.LEDGER_GONE_AFTER_DAYS = 3, 7
    start = timezone.now()
    url = site.url("/removed")
    statuses = [check_link(url, now=start + timedelta(days=day)).status for day in (0, 1, 2, 8)]
    # Three failures within two days are not enough; the fourth, eight days on, is.
    assert statuses == ["unreachable", "unreachable", "unreachable", "gone"]
    record = LinkCheck.objects.get(url=url)
    assert (record.http_status, record.failure_count, record.first_failure_at) == (410, 4, start)


def test_many_failures_within_a_day_do_not_make_a_link_gone(site):
    now = timezone.now()
    for minutes in range(10):
        record = check_link(site.url("/missing"), now=now + timedelta(minutes=minutes))
    assert record.status == "unreachable" and record.failure_count == 10


def test_a_success_clears_the_failures(site):
    url = site.url("/flaky")
    site.routes["/flaky"] = (404, None)
    check_link(url, now=timezone.now() - timedelta(days=30))
    del site.routes["/flaky"]
    site.routes["/flaky"] = (200, None)
    record = check_link(url)
    assert (record.status, record.failure_count, record.first_failure_at) == ("ok", 0, None)


def test_a_slow_response_is_unreachable_after_one_timeout_never_gone(site, settings):
    settings.LEDGER_GONE_AFTER_FAILURES = 1
    record = check_link(site.url("/slow"))
    assert record.status == "unreachable" and "timed out" in record.note
    assert record.http_status is None and record.failure_count == 1


def test_a_server_that_drips_its_answer_is_cut_off_at_the_total_deadline(site, settings):
    settings.LEDGER_FETCH_TOTAL_TIMEOUT = 1
    started = time.monotonic()
    record = check_link(site.url("/drip"))
    assert record.status == "unreachable" and "too long" in record.note
    assert time.monotonic() - started < 3


def test_an_oversized_page_is_still_a_live_link(site):
    record = check_link(site.url("/big"))
    assert (record.status, record.http_status) == ("ok", 200)


def test_a_site_that_refuses_the_checker_is_blocked_without_counting_a_failure(site):
    record = check_link(site.url("/forbidden"))
    assert (record.status, record.http_status, record.failure_count) == ("blocked", 403, 0)


def test_requests_name_the_site_in_their_user_agent(site, settings):
    settings.SITE_NAME = "Newsroom Test"
    check_link(site.url("/page"))
    agent = site.requests[0]["user_agent"]
    assert "Newsroom Test" in agent and "https://news.example.org/" in agent


def test_requests_to_one_host_are_spaced_by_the_host_delay():
    clock, slept = [100.0], []

    def sleep(seconds):
        slept.append(seconds)
        clock[0] += seconds

    pacer = HostPacer(delay=5, clock=lambda: clock[0], sleep=sleep)
    pacer.wait("a.example")
    pacer.wait("b.example")
    clock[0] += 1
    pacer.wait("a.example")
    assert slept == [4.0]


def test_check_all_checks_sources_and_links_in_text_and_records_each_case(site):
    story = make_story(body=f'<p>See <a href="{site.url("/missing")}">this</a>.</p>')
    for n, path in enumerate(["/page", "/hop/2", "/slow", "/big", "/forbidden"]):
        Source.objects.create(story=story, position=n, title=f"Work {n}", outlet="Outlet", url=site.url(path))
    counts = check_all(archive=False, pacer=HostPacer(delay=0))
    status = dict(LinkCheck.objects.values_list("url", "status"))
    assert status == {
        site.url("/page"): "ok",
        site.url("/hop/2"): "redirected",
        site.url("/slow"): "unreachable",
        site.url("/big"): "ok",
        site.url("/forbidden"): "blocked",
        site.url("/missing"): "unreachable",
    }
    assert counts == {"ok": 2, "redirected": 1, "unreachable": 2, "blocked": 1}


def test_links_checked_recently_wait_for_the_next_run(site):
    story = make_story()
    Source.objects.create(story=story, title="Work", outlet="Outlet", url=site.url("/page"))
    check_all(archive=False)
    assert check_all(archive=False) == {}
    assert check_all(archive=False, force=True) == {"ok": 1}


def test_a_link_no_story_cites_any_more_is_forgotten(site):
    source = Source.objects.create(story=make_story(), title="W", outlet="O", url=site.url("/page"))
    check_all(archive=False)
    source.delete()
    check_all(archive=False)
    assert not LinkCheck.objects.exists()


def test_the_command_checks_and_keeps_first_copies(site):
    source = Source.objects.create(story=make_story(), title="Work", outlet="Outlet", url=site.url("/page"))
    output = io.StringIO()
    call_command("check_sources", stdout=output)
    assert "ok 1" in output.getvalue() and "archived 1" in output.getvalue()
    assert source.archived_copies.count() == 1


def test_the_task_runs_the_same_checks(site):
    from ledger.tasks import check_sources

    Source.objects.create(story=make_story(), title="Work", outlet="Outlet", url=site.url("/missing"))
    result = check_sources.enqueue()
    assert result.return_value == {"unreachable": 1}
