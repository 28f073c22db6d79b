from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffSecurityConfig(AppConfig):
    name = "staff_security"
    verbose_name = _("Staff security")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from staff_security import sessions

        user_logged_in.connect(sessions.started, dispatch_uid="staff_security_started")
        user_logged_out.connect(sessions.finished, dispatch_uid="staff_security_finished")
