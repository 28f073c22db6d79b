"""The admin site: Django's, with failed logins slowed down and locked out (staff_security adds
the second step and records each sign-in). The moderation queue's size in the header comes
from the comments app's `pending_comments` tag."""

from django.conf import settings
from django.contrib import admin
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


class NewsroomAdminSite(admin.AdminSite):
    site_header = format_lazy(_("{site_name} admin"), site_name=settings.SITE_NAME)
    site_title = format_lazy(_("{site_name} admin"), site_name=settings.SITE_NAME)
    index_title = _("Newsroom")

    def login(self, request, extra_context=None):
        if request.method != "POST":
            return super().login(request, extra_context)
        from staff_security import signin  # the second step, the lockout's record

        username = request.POST.get("username", "")[:150]
        wait = signin.locked_out(request, username)
        if wait:
            response = super().login(_as_get(request), {**(extra_context or {}), "lockout_seconds": wait})
            response.status_code = 429
            response["Retry-After"] = str(wait)
            return response
        response = super().login(request, extra_context)
        if request.user.is_authenticated and response.status_code == 302:
            signin.password_accepted(request, username)
        else:
            signin.failed(request, username, method="password")
        return response

    def password_change(self, request, extra_context=None):
        """A new password ends the person's other sessions."""
        response = super().password_change(request, extra_context)
        if request.method == "POST" and response.status_code == 302:
            from staff_security import sessions

            sessions.password_changed(request, request.user)
        return response


def _as_get(request):
    """Show the login form again without processing the refused attempt."""
    request.method = "GET"
    return request
