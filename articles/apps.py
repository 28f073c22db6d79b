from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Stories")

    def ready(self):
        from articles import caching, signals
        from newsroom.caching import register_publication_times

        signals.connect()
        register_publication_times(caching.publication_time)
