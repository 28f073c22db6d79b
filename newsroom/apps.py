from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate


def _sync_roles(sender, **kwargs):
    from newsroom.roles import sync_roles

    sync_roles()


class NewsroomConfig(AppConfig):
    name = "newsroom"
    default = True
    verbose_name = "Newsroom"

    def ready(self):
        # post_migrate is sent once per app; after the last one every permission exists,
        # so the role groups are brought up to date then.
        from django.apps import apps

        last_app = list(apps.get_app_configs())[-1]
        post_migrate.connect(_sync_roles, sender=last_app, dispatch_uid="newsroom_sync_roles")


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """Django's admin, served by the newsroom's admin site."""

    default = False
    default_site = "newsroom.admin_site.NewsroomAdminSite"
