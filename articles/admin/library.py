"""The image library in admin: a searchable list with thumbnails, and the chooser the
rich-text editor opens to pick a picture or upload a new one without leaving the story."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import actions
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from articles.models import LibraryImage
from articles.templatetags.articles_tags import rendition_url

CHOOSER_PAGE_SIZE = 24
CHOOSER_PREFIX = "library"  # the chooser's fields sit in the story's page


class LibraryImageForm(forms.ModelForm):
    class Meta:
        model = LibraryImage
        fields = ["file", "alt_text", "caption", "credit"]


def thumbnail(image, width=120):
    if not image.preview:
        return ""
    height = round(image.preview["height"] * width / image.preview["width"])
    return format_html(
        '<img src="{}" alt="" width="{}" height="{}" class="library-thumbnail">',
        rendition_url(image.renditions, 0),
        width,
        height,
    )


@admin.register(LibraryImage)
class LibraryImageAdmin(admin.ModelAdmin):
    form = LibraryImageForm
    list_display = ["list_thumbnail", "alt_text", "caption", "credit", "uploaded_by", "uploaded_at"]
    list_display_links = ["list_thumbnail", "alt_text"]
    list_select_related = ["uploaded_by"]
    search_fields = ["alt_text", "caption", "credit"]
    date_hierarchy = "uploaded_at"
    readonly_fields = ["large_preview", "used_in", "uploaded_by", "uploaded_at"]
    actions = ["delete_selected"]

    def get_fields(self, request, obj=None):
        fields = ["file", "alt_text", "caption", "credit"]
        return ["large_preview", *fields, "used_in", "uploaded_by", "uploaded_at"] if obj else fields

    def get_urls(self):
        return [
            path(
                "chooser/",
                self.admin_site.admin_view(self.chooser_view),
                name="articles_libraryimage_chooser",
            ),
            path(
                "<path:object_id>/picture/",
                self.admin_site.admin_view(self.picture_view),
                name="articles_libraryimage_picture",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("Image"))
    def list_thumbnail(self, image):
        return thumbnail(image)

    @admin.display(description=_("Preview"))
    def large_preview(self, image):
        return thumbnail(image, width=320)

    @admin.display(description=_("Used in"))
    def used_in(self, image):
        stories = image.stories_using().only("pk", "headline")
        links = format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((reverse("admin:articles_story_change", args=[s.pk]), s.headline) for s in stories),
        )
        return links or _("No story yet.")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    def delete_view(self, request, object_id, extra_context=None):
        image = self.get_object(request, unquote(object_id))
        if image is not None and self.refuse_if_used(request, [image]):
            return redirect("admin:articles_libraryimage_change", image.pk)
        return super().delete_view(request, object_id, extra_context)

    @admin.action(permissions=["delete"], description=_("Delete selected images"))
    def delete_selected(self, request, queryset):
        if self.refuse_if_used(request, queryset):
            return None
        return actions.delete_selected(self, request, queryset)

    def refuse_if_used(self, request, images):
        """Tell the editor which stories still show each image; True when any does."""
        refused = False
        for image in images:
            stories = list(image.stories_using()[:5])
            if stories:
                self.message_user(request, image.in_use_message(stories), messages.ERROR)
                refused = True
        return refused

    def chooser_view(self, request):
        """The editor's image chooser: GET lists and searches, POST uploads and returns the
        new image as JSON (or the form with its errors, status 400)."""
        if request.method == "POST":
            if not self.has_add_permission(request):
                raise PermissionDenied
            form = LibraryImageForm(request.POST, request.FILES, prefix=CHOOSER_PREFIX)
            if form.is_valid():
                form.instance.uploaded_by = request.user
                return JsonResponse(self.chooser_data(form.save()), status=201)
            return self.chooser_response(request, form, status=400)
        if not self.has_view_permission(request):
            raise PermissionDenied
        return self.chooser_response(request, LibraryImageForm(prefix=CHOOSER_PREFIX))

    def chooser_response(self, request, form, status=200):
        query = request.GET.get("q", "").replace("\x00", "").strip()[:200]
        images = LibraryImage.objects.search(query)[:CHOOSER_PAGE_SIZE]
        context = {
            "images": [(image, self.chooser_data(image)) for image in images],
            "query": query,
            "form": form,
            "can_upload": self.has_add_permission(request),
        }
        return TemplateResponse(request, "admin/articles/libraryimage/chooser.html", context, status=status)

    def chooser_data(self, image):
        """What the editor puts in the story's text: a figure naming the image by its id."""
        shown = next((r for r in image.renditions if r["width"] >= 800), image.renditions[-1])
        return {
            "id": image.pk,
            "src": reverse("admin:articles_libraryimage_picture", args=[image.pk]),
            "alt": image.alt_text,
            "caption": image.caption,
            "width": shown["width"],
            "height": shown["height"],
        }

    def picture_view(self, request, object_id):
        """Where figures in stored text point: the image's current rendition, so the editor
        shows a replaced picture too. Readers' pages link the renditions themselves."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        image = get_object_or_404(LibraryImage, pk=object_id if object_id.isdigit() else None)
        if not image.renditions:
            raise Http404
        return redirect(rendition_url(image.renditions, 800))
