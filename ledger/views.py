"""Archived copies, served from the site's own domain with scripts, forms and event handlers
removed, and a sandbox policy so the browser runs nothing the copy might still hold."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ledger.models import ArchivedCopy
from ledger.reading import readable_html
from newsroom.caching import is_anonymous_request

# No "allow-scripts", no "allow-forms": the page is inert. Only the site's own style sheet.
SANDBOX_POLICY = (
    "sandbox; default-src 'none'; style-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def _latest_copy(request, source_id):
    """Readers see copies of public stories' sources; staff (signed in) also the others'."""
    copies = ArchivedCopy.objects.of_current_links().select_related("source__story")
    if is_anonymous_request(request) or not request.user.is_staff:
        copies = copies.public()
    copy = copies.filter(source_id=source_id).first()
    if copy is None:
        raise Http404(_("There is no archived copy of this source."))
    return copy


def _inert(request, response):
    response["Content-Security-Policy"] = SANDBOX_POLICY
    response["X-Robots-Tag"] = "noindex"
    response["X-Content-Type-Options"] = "nosniff"
    # A copy never changes once captured; only what readers get may be shared by caches.
    if is_anonymous_request(request):
        patch_cache_control(response, public=True, max_age=3600)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
def archived_copy(request, source_id):
    copy = _latest_copy(request, source_id)
    context = {"copy": copy, "source": copy.source, "noindex": True}
    if copy.content_type != "application/pdf":
        context["content"] = readable_html(*copy.read(), kind=copy.content_type)
    return _inert(request, render(request, "ledger/archived_copy.html", context))


@require_safe
def archived_document(request, source_id):
    """The captured PDF itself, as a download."""
    copy = _latest_copy(request, source_id)
    if copy.content_type != "application/pdf":
        raise Http404(_("This archived copy is a web page, not a document."))
    response = HttpResponse(copy.read()[0], content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="source-{copy.source_id}.pdf"'
    return _inert(request, response)
