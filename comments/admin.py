"""The moderators' admin: the moderation queue, the audit trail and the word lists.

Emails, IP hashes and user agents are shown only to users with the
`comments.view_commenter_email` permission; others see a masked address. Decisions need
`comments.moderate_comment` and go through `comments.moderation`, which records them.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import DateFieldListFilter, helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db.models import Prefetch
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, QueryDict
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.models import Story
from comments import moderation, spam
from comments.audit_admin import history_table
from comments.forms import clean_text
from comments.models import BlockedWord, Comment
from comments.queue import CappedPaginator, HeldRuleFilter, QueueChangeList, StatusFilter, StoryFilter

PRIVATE_FIELDS = ("email", "ip_hash", "user_agent")
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
}


def can_see_private(request):
    return request.user.has_perm("comments.view_commenter_email")


def masked_email(email):
    """ "ana@example.net" -> "a•••@example.net": enough to tell addresses apart, not to write."""
    local, at, domain = email.partition("@")
    return f"{local[:1]}•••{at}{domain}" if email else ""


class CommentAdminForm(forms.ModelForm):
    note = forms.CharField(
        label=_("Note for the moderation record"),
        required=False,
        max_length=300,
        help_text=_("Optional: why you changed the status or the text. Kept with the record."),
    )

    class Meta:
        model = Comment
        fields = ["name", "email", "website", "text", "status"]  # the admin narrows them per user


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Reply as the newsroom"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def clean_text(self):
        return clean_text(self.cleaned_data["text"], multiline=True)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    form = CommentAdminForm
    list_display = (
        "excerpt", "decide_buttons", "commenter", "status", "held_reason", "link_count", "history_counts",
        "story_link", "created_at",
    )  # fmt: skip
    list_display_links = ("excerpt",)
    list_filter = (StatusFilter, HeldRuleFilter, StoryFilter, ("created_at", DateFieldListFilter))
    search_fields = ("name", "text")
    search_help_text = _("Name or text; with the permission, also email (a whole address finds it exactly).")
    ordering = ("-created_at", "-id")
    sortable_by = ("created_at",)  # other orders would sort the whole table
    list_per_page = 50
    paginator = CappedPaginator
    show_full_result_count = False  # no COUNT(*) over the whole table on every load
    show_facets = admin.ShowFacets.NEVER
    actions = ["approve_selected", "mark_selected_as_spam", "remove_selected", "restore_selected"]
    fields = (
        "story_link", "parent", "name", "email", "website", "text", "status", "note", "held_rule",
        "held_detail", "link_count", "ip_hash", "user_agent", "is_staff_reply", "created_at",
        "status_changed_at", "status_changed_by", "history",
    )  # fmt: skip
    readonly_fields = (
        "story_link", "parent", "held_rule", "held_detail", "link_count", "ip_hash", "user_agent",
        "is_staff_reply", "created_at", "status_changed_at", "status_changed_by", "history",
    )  # fmt: skip

    def get_queryset(self, request):
        """The page's stories in one more query rather than a join: a join lets a poor row
        estimate (a text search) pick a plan that compares every comment with every story.
        Only their headline and slug: a story's body is large and the queue never shows it."""
        stories = Prefetch("story", queryset=Story.objects.only("headline", "slug"))
        return super().get_queryset(request).prefetch_related(stories)

    def get_changelist(self, request, **kwargs):
        return QueueChangeList

    def get_list_display(self, request):
        shown = list(self.list_display)
        if request.GET.get("status", StatusFilter.default) == StatusFilter.default:
            shown.remove("status")  # the queue shows only pending comments
        if not self.has_moderate_permission(request):
            shown.remove("decide_buttons")
        return shown

    def changelist_view(self, request, extra_context=None):
        queue = request.GET.get("status", StatusFilter.default) == StatusFilter.default
        title = _("Moderation queue") if queue else _("Comments")
        return super().changelist_view(request, {"title": title, **(extra_context or {})})

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if not can_see_private(request):
            fields = [f for f in fields if f not in PRIVATE_FIELDS]
        if not self.has_change_permission(request, obj):
            fields = [f for f in fields if f != "note"]
        if not request.user.has_perm("comments.view_moderationrecord"):
            fields = [f for f in fields if f != "history"]
        return fields

    def get_readonly_fields(self, request, obj=None):
        readonly = self.readonly_fields
        return readonly if self.has_moderate_permission(request) else (*readonly, "status")

    def get_search_fields(self, request):
        return (*self.search_fields, "email") if can_see_private(request) else self.search_fields

    def get_search_results(self, request, queryset, search_term):
        """A whole email address finds that address's comments exactly (an index serves it).
        NUL characters are dropped: PostgreSQL refuses them in a query."""
        search_term = search_term.replace("\x00", "")
        term = search_term.strip()
        if can_see_private(request) and "@" in term:
            try:
                validate_email(term)
            except ValidationError:
                pass
            else:
                return queryset.by_email(term), False
        return super().get_search_results(request, queryset, search_term)

    def has_add_permission(self, request):
        return False  # comments come from readers, through the story pages

    def has_moderate_permission(self, request):
        return request.user.has_perm("comments.moderate_comment")

    # Columns: each is called once per row, so they format strings and run no query.

    def action_checkbox(self, comment):
        """Django's checkbox, written out: rendering a form widget per row costs more than
        the rest of the row."""
        label = gettext("Select this object for an action - {}").format(comment)
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME, comment.pk, label,
        )  # fmt: skip

    @admin.display(description=_("story"))
    def story_link(self, comment):
        return format_html('<a href="{}">{}</a>', comment.story.get_absolute_url(), comment.story.headline)

    @admin.display(description=_("comment"))
    def excerpt(self, comment):
        text = comment.text
        return text if len(text) <= 90 else f"{text[:89].rstrip()}…"

    @admin.display(description=_("name and email"))
    def commenter(self, comment):
        """The email in full for those with the permission (the display method has no request:
        the changelist marks each row), masked for everyone else."""
        email = comment.email if getattr(comment, "email_visible", False) else masked_email(comment.email)
        return format_html('{}<br><span class="commenter-email">{}</span>', comment.name, email)

    @admin.display(description=_("held because"))
    def held_reason(self, comment):
        if not comment.held_rule:
            return ""
        rule = spam.STORED_RULES.get(comment.held_rule, comment.held_rule)
        return format_html(
            '<span class="held-rule">{}</span><br><span class="held-detail">{}</span>',
            rule,
            comment.held_detail,
        )

    @admin.display(description=_("moderation history"))
    def history(self, comment):
        return history_table(comment.moderation_records.order_by("at", "id"))

    @admin.display(description=_("approved / spam before"))
    def history_counts(self, comment):
        return format_html(
            '<span class="history-ip">{} {}</span><br><span class="history-email">{} {}</span>',
            gettext("IP:"), history_cell(comment.ip_history),
            gettext("email:"), history_cell(comment.email_history),
        )  # fmt: skip

    @admin.display(description=_("decide"))
    def decide_buttons(self, comment):
        """Buttons of the changelist's own form (which carries the CSRF token) posting to
        the one-click URLs (`get_urls`); `formaction` needs no JavaScript and no nested form."""
        buttons = []
        if comment.status != Status.APPROVED:
            buttons.append(("approve", "decide-approve", gettext("Approve")))
        if comment.status != Status.SPAM:
            buttons.append(("spam", "decide-spam", gettext("Spam")))
        button = '<button type="submit" class="button {}" formaction="{}{}/{}/" name="queue" value="{}">{}</button>'  # noqa: E501
        return format_html_join(
            " ",
            button,
            (
                (css, comment.queue_url, comment.pk, name, comment.queue_query, label)
                for name, css, label in buttons
            ),
        )

    # Saving and deciding

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
            "decisions": [
                ("approve", Status.APPROVED, _("Approve")),
                ("spam", Status.SPAM, _("Mark as spam")),
            ],
            "queue_query": request.GET.get("_changelist_filters", ""),
            "reply_form": ReplyForm(),
        }
        return super().change_view(request, object_id, form_url, extra_context)


def history_cell(history):
    """ "3 / 1" (approved / spam), "–" when the comment has no IP hash or email left."""
    if history is None:
        return "–"
    return f"{history.get(Status.APPROVED, 0)} / {history.get(Status.SPAM, 0)}"


@admin.register(BlockedWord)
class BlockedWordAdmin(admin.ModelAdmin):
    list_display = ("phrase", "action", "created_at")
    list_filter = ("action",)
    search_fields = ("phrase",)
