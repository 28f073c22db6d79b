"""Deciding on comments in admin: the status field and bulk actions, the one-click
Approve and Spam buttons, and the newsroom's reply. Every decision goes through
`comments.moderation`, which records it."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse, QueryDict
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from comments import moderation
from comments.forms import clean_text
from comments.models import Comment

Status = Comment.Status
STATUS_FUNCTIONS = {
    Status.APPROVED: moderation.approve,
    Status.SPAM: moderation.mark_spam,
    Status.REMOVED: moderation.remove,
    Status.PENDING: moderation.restore,
}
# The one-click decisions: URL name, function, message when it changed, when it did not.
DECISIONS = {
    "approve": (moderation.approve, _("Comment approved."), _("The comment was already approved.")),
    "spam": (
        moderation.mark_spam,
        _("Comment marked as spam."),
        _("The comment was already marked as spam."),
    ),
    "remove": (moderation.remove, _("Comment removed."), _("The comment was already removed.")),
}


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Reply as the newsroom"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def clean_text(self):
        return clean_text(self.cleaned_data["text"], multiline=True)


class CommentDecisions:
    def save_model(self, request, obj, form, change):
        """A status chosen in the form goes through the same function as the bulk actions;
        an edited text is recorded too."""
        new_status = obj.status
        note = form.cleaned_data.get("note", "")
        if change and "status" in form.changed_data:
            obj.status = form.initial["status"]
        super().save_model(request, obj, form, change)
        if change and "text" in form.changed_data:
            moderation.text_edited(comment=obj, by=request.user, note=note)
        elif change and {"name", "website"} & set(form.changed_data):
            moderation.details_edited(comment=obj)
        if obj.status != new_status:
            STATUS_FUNCTIONS[new_status](comments=obj, by=request.user, note=note)

    def _act(self, request, queryset, function, message):
        count = function(comments=queryset, by=request.user)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Approve selected comments"), permissions=["moderate"])
    def approve_selected(self, request, queryset):
        self._act(request, queryset, moderation.approve, _("Comments approved: %(count)d."))

    @admin.action(description=_("Mark selected comments as spam"), permissions=["moderate"])
    def mark_selected_as_spam(self, request, queryset):
        self._act(request, queryset, moderation.mark_spam, _("Comments marked as spam: %(count)d."))

    @admin.action(description=_("Remove selected comments"), permissions=["moderate"])
    def remove_selected(self, request, queryset):
        self._act(request, queryset, moderation.remove, _("Comments removed: %(count)d."))

    @admin.action(description=_("Return selected comments to the moderation queue"), permissions=["moderate"])
    def restore_selected(self, request, queryset):
        self._act(request, queryset, moderation.restore, _("Comments returned to the queue: %(count)d."))

    # One-click decisions and the newsroom's reply

    def get_urls(self):
        def view(function, **kwargs):
            return self.admin_site.admin_view(
                lambda request, object_id: function(request, object_id, **kwargs)
            )

        info = "comments_comment"
        return [
            path(
                "<path:object_id>/approve/",
                view(self.decide_view, decision="approve"),
                name=f"{info}_approve",
            ),
            path("<path:object_id>/spam/", view(self.decide_view, decision="spam"), name=f"{info}_spam"),
            path(
                "<path:object_id>/remove/", view(self.decide_view, decision="remove"), name=f"{info}_remove"
            ),
            path("<path:object_id>/block/", view(self.block_view), name=f"{info}_block"),
            path("<path:object_id>/reply/", view(self.reply_view), name=f"{info}_reply"),
            *super().get_urls(),
        ]

    def _moderated_comment(self, request, object_id):
        if request.method != "POST":
            return None
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        comment = self.get_object(request, object_id)
        if comment is None:
            raise Http404(_("No comment with this number."))
        return comment

    def decide_view(self, request, object_id, decision):
        """Approve or mark as spam in one click, then back to the queue where it was."""
        comment = self._moderated_comment(request, object_id)
        if comment is None:
            return HttpResponseNotAllowed(["POST"])
        function, done, already = DECISIONS[decision]
        changed = function(comments=comment, by=request.user)
        if "application/json" in request.headers.get("Accept", ""):
            # The queue's keyboard script: the row is updated in place, no message is queued.
            message = done if changed else already
            return JsonResponse({"changed": bool(changed), "status": comment.status, "message": str(message)})
        self.message_user(
            request, done if changed else already, messages.SUCCESS if changed else messages.INFO
        )
        query = QueryDict(request.POST.get("queue", "")).urlencode()
        return HttpResponseRedirect(
            reverse("admin:comments_comment_changelist") + (f"?{query}" if query else "")
        )

    def reply_view(self, request, object_id):
        """Publish the newsroom's reply to an approved comment."""
        comment = self._moderated_comment(request, object_id)
        if comment is None:
            return HttpResponseNotAllowed(["POST"])
        back = HttpResponseRedirect(reverse("admin:comments_comment_change", args=[comment.pk]))
        if comment.status != Status.APPROVED:
            self.message_user(request, _("Approve the comment before replying to it."), messages.ERROR)
            return back
        form = ReplyForm(request.POST)
        if not form.is_valid():
            self.message_user(request, " ".join(form.errors["text"]), messages.ERROR)
            return back
        answer = moderation.reply(parent=comment, text=form.cleaned_data["text"], by=request.user)
        self.message_user(
            request,
            format_html(
                _('Reply published: <a href="{}">see it on the story</a>.'), answer.get_absolute_url()
            ),
            messages.SUCCESS,
        )
        return back

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_moderate": self.has_moderate_permission(request),
            "can_block": self.has_block_permission(request),
            "decisions": [
                ("approve", Status.APPROVED, _("Approve")),
                ("spam", Status.SPAM, _("Mark as spam")),
            ],
            "queue_query": request.GET.get("_changelist_filters", ""),
            "reply_form": ReplyForm(),
        }
        return super().change_view(request, object_id, form_url, extra_context)
