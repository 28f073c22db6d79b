"""Staff sessions: one StaffSession row per signed-in staff session, kept beside Django's
session store so a person can list their sessions and end them."""

from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.utils import timezone

from comments.client import user_agent
from staff_security.models import SignInEvent, StaffSession, device_label

TOUCH_EVERY = timedelta(seconds=60)  # last seen, and the sliding expiry, move at most this often
SEEN_KEY = "staff_security.seen"


def lifetime_seconds():
    return settings.STAFF_SESSION_HOURS * 3600


def started(sender, request, user, **kwargs):
    """On every login (Django's user_logged_in): track staff sessions and shorten their life."""
    if not user.is_staff or request is None or not hasattr(request, "session"):
        return
    request.session.set_expiry(lifetime_seconds())
    request.session[SEEN_KEY] = timezone.now().timestamp()
    if request.session.session_key is None:
        request.session.save()
    StaffSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={"user": user, "device": device_label(user_agent(request))[:100]},
    )


def finished(sender, request, user, **kwargs):
    if request is not None and getattr(request, "session", None) is not None and request.session.session_key:
        StaffSession.objects.filter(session_key=request.session.session_key).delete()


def touch(request):
    """Note that this staff session is in use: last seen, and the sliding expiry. The time
    of the last note is kept in the session, so most requests run no query for it."""
    key, now = request.session.session_key, timezone.now()
    noted = request.session.get(SEEN_KEY, 0)
    if not key or now.timestamp() - noted < TOUCH_EVERY.total_seconds():
        return
    updated = StaffSession.objects.filter(session_key=key).update(last_seen=now)
    if not updated:  # a session from before tracking began
        StaffSession.objects.create(
            session_key=key, user=request.user, device=device_label(user_agent(request))[:100]
        )
    request.session[SEEN_KEY] = now.timestamp()
    request.session.set_expiry(lifetime_seconds())  # saved with the response: the session slides


def rekey(request):
    """A new session key once the second step is done, as Django gives one at login: a key
    learnt before the step is worth nothing after it."""
    old = request.session.session_key
    request.session.cycle_key()
    StaffSession.objects.filter(session_key=old).update(session_key=request.session.session_key)


def _store(key):
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key=key)


def end(sessions):
    """End these StaffSession rows' sessions: the browsers holding them are signed out."""
    keys = list(sessions.values_list("session_key", flat=True))
    for key in keys:
        _store(key).delete()
    StaffSession.objects.filter(session_key__in=keys).delete()
    return len(keys)


def password_changed(request, user):
    """A new password ends the person's other sessions. Changing one's own password gives
    this session a new key, so it is tracked again under that key."""
    end_others(request, user)
    if request.user == user:
        started(None, request, user)


def end_others(request, user, *, record=True):
    """End every session of `user` except the one making this request."""
    current = request.session.session_key if request.user == user else None
    count = end(StaffSession.objects.filter(user=user).exclude(session_key=current or ""))
    if record and count:
        SignInEvent.record(request, SignInEvent.Kind.SESSIONS_ENDED, user=user, detail=str(count))
    return count
