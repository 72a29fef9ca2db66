from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = _("Publishing")

    def ready(self):
        from lmec import page_cache
        from publishing.selectors import next_scheduled_publication

        # Pages are never kept in the cache past the time a scheduled version goes live.
        page_cache.register_next_change(next_scheduled_publication)
