"""Share links: a signed address that opens an unpublished story for a set number of hours."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from editorial.models import ShareLink

SALT = "editorial.share-link"


class LinkUnusable(Exception):
    """The link expired or was revoked."""


def create_link(story, by):
    expires = timezone.now() + timedelta(hours=settings.SHARE_LINK_HOURS)
    return ShareLink.objects.create(story=story, created_by=by, expires_at=expires)


def link_url(link):
    token = signing.TimestampSigner(salt=SALT).sign(link.key)
    return reverse("editorial:shared_story", kwargs={"token": token})


def link_from_token(token):
    """The ShareLink a token names. None for a token this site did not sign; LinkUnusable
    once it expired (by its signature's age or its row) or was revoked."""
    signer = signing.TimestampSigner(salt=SALT)
    try:
        key = signer.unsign(token, max_age=timedelta(hours=settings.SHARE_LINK_HOURS))
    except signing.SignatureExpired:
        raise LinkUnusable from None
    except signing.BadSignature:
        return None
    link = ShareLink.objects.select_related("story").filter(key=key).first()
    if link is not None and not link.is_usable():
        raise LinkUnusable
    return link
