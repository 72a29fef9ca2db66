from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = _("Publishing")

    def ready(self):
        from anymail.signals import tracking

        from lmec import page_cache
        from publishing.mail.bounces import tracking_event_received
        from publishing.selectors import next_scheduled_publication

        # Pages are never kept in the cache past the time a scheduled version goes live.
        page_cache.register_next_change(next_scheduled_publication)
        # Bounces and complaints an e-mail service reports stop mail to the address.
        tracking.connect(tracking_event_received, dispatch_uid="publishing.mail.bounces")
