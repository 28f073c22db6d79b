"""The sign-in record (append-only: superusers see every event, staff their own), and the
user admin's security additions: resetting someone's factors, and ending the sessions of
someone whose staff role is taken away or whose password a superuser sets."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff_security import factors, sessions
from staff_security.models import SignInEvent

User = get_user_model()


@admin.register(SignInEvent)
class SignInEventAdmin(admin.ModelAdmin):
    list_display = ["at", "kind", "user", "username", "method", "device", "detail"]
    list_filter = ["kind", "method"]
    search_fields = ["username", "user__username", "device"]
    list_select_related = ["user"]
    date_hierarchy = "at"
    readonly_fields = [f.name for f in SignInEvent._meta.fields]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request) and (
            obj is None or request.user.is_superuser or obj.user_id == request.user.pk
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def staff_role(user):
    return (user.is_active, user.is_staff, user.is_superuser, set(user.groups.values_list("name", flat=True)))


def lost_role(before, after):
    flags_lost = any(had and not has for had, has in zip(before[:3], after[:3], strict=True))
    return flags_lost or bool(before[3] - after[3])


class NewsroomUserAdmin(UserAdmin):
    actions = ["reset_second_factors"]

    def has_reset_factors_permission(self, request):
        return request.user.is_superuser

    @admin.action(
        description=_("Reset second factors (ends their sessions; they enrol again)"),
        permissions=["reset_factors"],
    )
    def reset_second_factors(self, request, queryset):
        for user in queryset:
            factors.reset(request, user, by=request.user.get_username())
        count = len(queryset)
        self.message_user(
            request,
            ngettext(
                "Second factors reset for %(count)d person.",
                "Second factors reset for %(count)d people.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )  # fmt: skip

    def save_model(self, request, obj, form, change):
        obj._role_before = staff_role(User.objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user = form.instance
        if getattr(user, "_role_before", None) and lost_role(user._role_before, staff_role(user)):
            sessions.end_others(request, user)

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            sessions.password_changed(request, User.objects.get(pk=id))
        return response


admin.site.unregister(User)
admin.site.register(User, NewsroomUserAdmin)
# Factors change through the account page and the reset action, which record each change;
# django-otp's own device admins would delete them unrecorded.
admin.site.unregister([StaticDevice, TOTPDevice])
