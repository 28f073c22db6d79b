"""The sessions page: where a staff member is signed in, and the buttons that end it."""

from datetime import timedelta

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from staff_security import sessions
from staff_security.models import SignInEvent, StaffSession
from staff_security.views import page, staff_view


@staff_view
def session_list(request):
    rows = StaffSession.objects.filter(user=request.user)
    rows.lapsed(timedelta(seconds=sessions.lifetime_seconds())).delete()  # those browsers are out already
    return page(
        request, "staff_security/sessions.html", _("Your sessions"), sessions=rows,
        current_key=request.session.session_key,
    )  # fmt: skip


@require_POST
@staff_view
def end_session(request, pk):
    rows = StaffSession.objects.filter(user=request.user, pk=pk).exclude(
        session_key=request.session.session_key or ""
    )
    if sessions.end(rows):
        SignInEvent.record(request, SignInEvent.Kind.SESSIONS_ENDED, user=request.user, detail="1")
        messages.success(request, _("That session was ended."))
    return redirect("staff_security:sessions")


@require_POST
@staff_view
def end_other_sessions(request):
    count = sessions.end_others(request, request.user)
    messages.success(
        request,
        ngettext("%(count)d other session was ended.", "%(count)d other sessions were ended.", count)
        % {"count": count},
    )
    return redirect("staff_security:sessions")
