"""The category tree: sections at the top, any depth below."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

PATH_SEPARATOR = " · "


def children_by_parent(pairs):
    """{parent id: [child ids]} from (category id, parent id) pairs."""
    children = {}
    for pk, parent_id in pairs:
        children.setdefault(parent_id, []).append(pk)
    return children


def subtree_ids(children, root_id):
    """`root_id` and every category below it, at any depth, from `children_by_parent`."""
    found, todo = [], [root_id]
    while todo:
        pk = todo.pop()
        found.append(pk)
        todo.extend(children.get(pk, []))
    return found


class CategoryQuerySet(models.QuerySet):
    def descendant_ids(self, category):
        """Ids of `category` and every category below it, at any depth, in one query."""
        return subtree_ids(children_by_parent(self.values_list("pk", "parent_id")), category.pk)

    def top_level(self):
        return self.filter(parent__isnull=True)


class Category(models.Model):
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent"),
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("pk")), name="category_not_own_parent")
        ]

    def __str__(self):
        return self.path_name

    def get_absolute_url(self):
        return reverse("articles:category", kwargs={"slug": self.slug})

    def clean(self):
        node = self.parent
        while node is not None:
            if node.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("A category cannot sit under itself.")})
            node = node.parent

    def ancestors(self):
        """Categories from the top of the tree down to this one (included)."""
        chain, node = [], self
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]

    @property
    def path_name(self):
        return PATH_SEPARATOR.join(c.name for c in self.ancestors())
