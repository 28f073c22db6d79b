"""The newsroom's roles as permission groups. `sync_roles()` makes the groups match this
table. A data migration (comments.0004) runs it on a fresh database; it runs again after
every `migrate` and from `manage.py sync_roles`, so the groups stay exact as models change.

Editors have no permission on comments: only moderators (and superusers) open the
moderation queue and see commenters' email addresses. Editors (and superusers) work on
readers' error reports and so see the email addresses reporters left.
"""

from django.apps import apps as global_apps
from django.db.models import Q

CRUD = ("add", "change", "delete", "view")

ROLES = {
    "Editors": {
        "articles": {
            "story": CRUD, "category": CRUD, "author": CRUD, "storyauthor": CRUD,
            "roundupitem": CRUD, "source": CRUD, "correction": ("add", "view"),
            "storyredirect": CRUD, "libraryimage": CRUD,
        },
        "taggit": {"tag": CRUD, "taggeditem": CRUD},
        "editorial": {"sharelink": ("change", "view")},
        "corrections": {"errorreport": ("change", "view")},
        "ledger": {"linkcheck": ("view",), "archivedcopy": ("view",)},
        "extra": [("articles", "publish_story")],
    },
    "Contributors": {
        "articles": {
            "story": ("add", "change", "view"), "storyauthor": CRUD, "roundupitem": CRUD,
            "source": CRUD, "category": ("view",), "author": ("view",), "correction": ("view",),
            "libraryimage": ("add", "view"),
        },
        "taggit": {"tag": ("add", "view"), "taggeditem": CRUD},
        "extra": [],
    },
    "Moderators": {
        "comments": {
            "comment": ("change", "view"), "blockedword": CRUD, "moderationrecord": ("view",),
            "blockedsender": CRUD, "commentreport": ("view",),
        },
        "extra": [("comments", "view_commenter_email"), ("comments", "moderate_comment")],
    },
}  # fmt: skip


def role_permissions(role, apps=global_apps):
    Permission = apps.get_model("auth", "Permission")
    wanted = Q(pk__in=[])
    for app_label, models in role.items():
        if app_label == "extra":
            for extra_app, codename in models:
                wanted |= Q(content_type__app_label=extra_app, codename=codename)
            continue
        for model, actions in models.items():
            codenames = [f"{action}_{model}" for action in actions]
            wanted |= Q(content_type__app_label=app_label, content_type__model=model, codename__in=codenames)
    return Permission.objects.filter(wanted)


def sync_roles(apps=global_apps):
    """Create the role groups and set their permissions to exactly the table above.

    `apps` is the registry to use: a migration passes its historical one.
    """
    Group = apps.get_model("auth", "Group")
    for name, role in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(role_permissions(role, apps))
    return list(ROLES)
