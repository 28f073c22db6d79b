"""Categories, authors, the cited-sources index and old story addresses in admin."""

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles.models import Author, Category, Source, Story, StoryRedirect
from ledger.admin import SourceHealthMixin


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "slug", "position", "story_count"]
    list_editable = ["position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]

    def get_queryset(self, request):
        # The count groups rows, and Meta.ordering does not apply to grouped queries.
        return (
            super()
            .get_queryset(request)
            .select_related("parent__parent")
            .annotate(primary_count=Count("primary_stories", distinct=True))
            .order_by("position", "name")
        )

    @admin.display(description=_("Stories"), ordering="primary_count")
    def story_count(self, category):
        return category.primary_count


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["user"]


@admin.register(Source)
class SourceAdmin(SourceHealthMixin, admin.ModelAdmin):
    """Every cited source, to find a work, an outlet or a link across stories. Read-only:
    sources change in their story's form, where drafts, previews and revisions apply."""

    list_display = ["title", "outlet", "language", "published_on", "cited_in"]
    list_filter = ["language"]
    list_select_related = ["story"]
    search_fields = ["title", "outlet", "url", "story__headline"]
    show_full_result_count = False  # one count, not two, on every page

    def get_queryset(self, request):
        editable = Story.objects.editable_by(request.user).values("pk")
        # The story is shown by its headline; its large columns stay in the database.
        large = [f"story__{name}" for name in ("body", "search_document", "search_vector")]
        return super().get_queryset(request).filter(story__in=editable).defer(*large)

    @admin.display(description=_("Cited in"), ordering="story__headline")
    def cited_in(self, source):
        url = reverse("admin:articles_story_change", args=[source.story_id])
        return format_html('<a href="{}">{}</a>', url, source.story.headline)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StoryRedirect)
class StoryRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_slug", "story"]
    search_fields = ["old_slug", "story__headline"]
    raw_id_fields = ["story"]
