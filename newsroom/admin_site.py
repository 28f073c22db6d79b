"""The admin site: Django's, with failed logins slowed down and locked out. (The moderation
queue's size in the header comes from the comments app's `pending_comments` tag.)"""

from django.conf import settings
from django.contrib import admin
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from newsroom import login_guard


class NewsroomAdminSite(admin.AdminSite):
    site_header = format_lazy(_("{site_name} admin"), site_name=settings.SITE_NAME)
    site_title = format_lazy(_("{site_name} admin"), site_name=settings.SITE_NAME)
    index_title = _("Newsroom")

    def login(self, request, extra_context=None):
        if request.method != "POST":
            return super().login(request, extra_context)
        username = request.POST.get("username", "")[:150]
        wait = login_guard.seconds_to_wait(request, username)
        if wait:
            response = super().login(_as_get(request), {**(extra_context or {}), "lockout_seconds": wait})
            response.status_code = 429
            response["Retry-After"] = str(wait)
            return response
        response = super().login(request, extra_context)
        if request.user.is_authenticated and response.status_code == 302:
            login_guard.clear(request, username)
        else:
            login_guard.record_failure(request, username)
        return response


def _as_get(request):
    """Show the login form again without processing the refused attempt."""
    request.method = "GET"
    return request
