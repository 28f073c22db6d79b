"""The rules that hold or refuse a new comment. Each is a small function returning a
`Reason` (the rule's name and what it saw, shown to moderators) or None."""

import logging
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from comments import blocking
from comments.models import BlockedWord, Comment
from newsroom.sanitize import text_to_html

logger = logging.getLogger(__name__)

_HREF = re.compile(r'href="([^"]*)"')


@dataclass(frozen=True)
class Reason:
    rule: str
    detail: str

    def __str__(self):
        return f"{self.rule}: {self.detail}"


# The rules whose name a stored comment can carry in `held_rule`, as moderators read them.
STORED_RULES = {
    "links": _("Too many links"),
    "hold_words": _("Hold word list"),
    "spam_words": _("Spam word list"),
    "honeypot": _("Hidden field filled in (robot)"),
    "blocked_sender": _("Blocked sender"),
}


# Refusals: nothing is stored.


def rate_limited(ip_hash):
    """More than COMMENTS_RATE_LIMIT comments from one address in COMMENTS_RATE_WINDOW seconds.

    The counter lives in the shared cache, so every app server counts the same posts.
    """
    key, window = f"comments:rate:{ip_hash}", settings.COMMENTS_RATE_WINDOW
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # the counter expired between add() and incr()
        cache.set(key, count := 1, window)
    if count > settings.COMMENTS_RATE_LIMIT:
        return Reason("rate_limit", f"{count} comments in {window} s from one address")
    return None


def duplicate(comment):
    """The same text from the same email on the same story, whatever became of the first."""
    same = Comment.objects.filter(story=comment.story_id, email__iexact=comment.email, text=comment.text)
    return Reason("duplicate", "same text, email and story") if same.exists() else None


# Verdicts: the comment is stored as spam or held as pending, with the reason.


def honeypot(value):
    return Reason("honeypot", "the hidden field was filled in") if value else None


def blocked_word(comment, ip, phrases, *, rule):
    """The first phrase found in the name, email, website or text (ignoring case), or
    equal to the sender's address or to its start ("203.0.113.")."""
    fields = {"name": comment.name, "email": comment.email, "website": comment.website, "text": comment.text}
    for phrase in filter(None, (p.strip() for p in phrases)):
        needle = phrase.casefold()
        for field, value in fields.items():
            if needle in value.casefold():
                return Reason(rule, f"“{phrase}” in {field}")
        if ip and (ip == phrase or (phrase[-1] in ".:" and ip.startswith(phrase))):
            return Reason(rule, f"“{phrase}” matches the IP address")
    return None


def cited_hosts(story):
    """Hosts the story links to itself (cited sources, body), and our own site's."""
    urls = [source.url for source in story.sources.all()] + _HREF.findall(story.body) + [settings.SITE_URL]
    return {_site(url) for url in urls} - {""}


def too_many_links(comment, story):
    """More than COMMENTS_MAX_LINKS links, not counting links to sites the story cites."""
    cited = cited_hosts(story)
    hosts = [_site(href) for href in _HREF.findall(text_to_html(comment.text))]
    comment.link_count = len(hosts)
    counted = [h for h in hosts if not any(h == c or h.endswith("." + c) for c in cited)]
    if len(counted) > settings.COMMENTS_MAX_LINKS:
        return Reason("links", f"{len(counted)} links to other sites (limit {settings.COMMENTS_MAX_LINKS})")
    return None


def _site(url):
    host = (urlsplit(url.strip()).hostname or "").lower()
    return host.removeprefix("www.")


def screen(comment, *, story, ip, honeypot_value=""):
    """The status a new comment gets and why: spam, held (pending with a reason), or
    (None, None) when no rule objects."""
    lists = {BlockedWord.Action.SPAM: [], BlockedWord.Action.HOLD: []}
    for action, phrase in BlockedWord.objects.values_list("action", "phrase"):
        lists[action].append(phrase)
    reason = (
        honeypot(honeypot_value)
        or blocking.blocked_sender(comment)
        or blocked_word(comment, ip, lists["spam"], rule="spam_words")
    )
    if reason:
        return Comment.Status.SPAM, reason
    reason = too_many_links(comment, story) or blocked_word(comment, ip, lists["hold"], rule="hold_words")
    if reason:
        return Comment.Status.PENDING, reason
    return None, None


def log_refusal(reason, story):
    """Refused comments are not stored, so the log is where their reason is kept."""
    logger.info("Comment on story %s refused by %s", story.pk, reason)
