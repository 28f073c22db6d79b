"""The reader's own pages, reached through signed links and never cached: the page after
posting (with the edit link), editing or deleting one's comment, and confirming or stopping
reply notifications. None sets a cookie; the POSTs carry the link's signed token instead of a
CSRF token (the one-click unsubscribe comes from mail providers, without cookies, by design)."""

from django import forms
from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from comments import client, own_edits, subscriptions
from comments.forms import clean_text
from newsroom.client_address import client_ip


class OwnEditForm(forms.Form):
    text = forms.CharField(label=_("Comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "ef-%s")
        super().__init__(*args, **kwargs)

    def clean_text(self):
        return clean_text(self.cleaned_data["text"], multiline=True)


def message(request, title, text, *, status=200, action=None, button=None, story=None):
    context = {"title": title, "message": text, "action": action, "button": button, "story": story}
    return render(request, "comments/readers/message.html", context, status=status)


def own_comment(request, pk):
    comment = own_edits.comment_of(pk, request.GET.get("t"))
    if comment is None:
        raise Http404(_("This link is not valid."))
    return comment


@never_cache
def posted(request, pk):
    """After posting: the comment's status, its edit link while the window is open, the story."""
    from comments.views import after_posting_url

    comment = own_comment(request, pk)
    context = {
        "comment": comment,
        "story": comment.story,
        "story_url": after_posting_url(comment),
        "edit_url": own_edits.edit_path(comment) if own_edits.is_editable(comment) else "",
        "edit_minutes": settings.COMMENTS_EDIT_MINUTES,
    }
    return render(request, "comments/readers/posted.html", context)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def edit_own(request, pk):
    comment = own_comment(request, pk)
    if not own_edits.is_editable(comment):
        return message(
            request, _("Editing has closed"),
            _("This comment can no longer be edited or deleted here: the time to do so has passed, "
              "or it was taken down. To change it now, write to the newsroom."),
            status=410, story=comment.story,
        )  # fmt: skip
    form = OwnEditForm(initial={"text": comment.text})
    if request.method == "POST":
        if client.is_cross_site(request):
            return message(
                request, _("Change refused"), _("Comments can only be changed from this site."), status=400
            )
        if request.POST.get("action") == "delete":
            own_edits.delete(comment)
            return message(request, _("Comment deleted"), _("Your comment was deleted."), story=comment.story)
        form = OwnEditForm(request.POST)
        if form.is_valid():
            own_edits.edit(comment, form.cleaned_data["text"], ip=client_ip(request))
            return redirect(own_edits.posted_path(comment))
    context = {
        "comment": comment,
        "story": comment.story,
        "form": form,
        "closes_at": own_edits.closes_at(comment),
    }
    return render(request, "comments/readers/edit.html", context, status=400 if form.errors else 200)


def _signed_action(request, token, act, *, done, bad, ask):
    """GET asks (mail scanners follow links, so nothing changes on GET); POST acts."""
    if request.method == "POST":
        if act(token) in (None, False):
            return message(request, *bad, status=400)
        return message(request, *done)
    title, text, button = ask
    return message(request, title, text, action=request.path, button=button)


BAD_LINK = (_("Link not valid"), _("This link is not valid or has expired."))


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def notify_confirm(request, token):
    return _signed_action(
        request, token, subscriptions.confirm,
        done=(_("Notifications confirmed"), _("You will get an email when someone replies to your comment.")),
        bad=BAD_LINK,
        ask=(
            _("Confirm reply notifications"),
            _("Confirm that you want an email when someone replies to your comment."),
            _("Confirm"),
        ),
    )  # fmt: skip


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def notify_stop(request, token):
    return _signed_action(
        request, token, subscriptions.stop,
        done=(_("Unsubscribed"), _("You will get no more emails about replies to this comment.")),
        bad=BAD_LINK,
        ask=(_("Stop these emails"), _("Stop the emails about replies to this comment?"), _("Unsubscribe")),
    )  # fmt: skip


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def notify_stop_all(request, token):
    return _signed_action(
        request, token, subscriptions.stop_all,
        done=(_("Unsubscribed"), _("This address will get no more reply notifications from us.")),
        bad=BAD_LINK,
        ask=(
            _("Stop all reply notifications"),
            _("Stop every reply notification to this address?"),
            _("Unsubscribe from all"),
        ),
    )  # fmt: skip
