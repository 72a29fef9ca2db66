from django.apps import AppConfig, apps
from django.conf import settings


class LmecConfig(AppConfig):
    """The project package as an app: project-wide commands (backup, restore) and start-up."""

    name = "lmec"
    verbose_name = "LMEC Bulletins"

    def ready(self):
        from PIL import Image

        # Pillow refuses ("decompression bomb") images above twice this limit wherever an
        # image is opened: uploads, thumbnails, PDF renders.
        Image.MAX_IMAGE_PIXELS = settings.MAX_IMAGE_PIXELS

        from django.contrib.auth.signals import user_logged_in

        from lmec.security import remember_device

        user_logged_in.connect(remember_device, dispatch_uid="lmec.remember_device")

        from django.db.models.signals import post_migrate

        # Sent for each app with models (this one has none): once, after contenttypes'.
        post_migrate.connect(
            create_cache_tables,
            sender=apps.get_app_config("contenttypes"),
            dispatch_uid="lmec.create_cache_tables",
        )


def create_cache_tables(using, **kwargs):
    """After every `migrate`, even one with nothing to apply: the database caches' tables
    that the settings of this run name and that are missing (lmec/cache.py)."""
    from lmec import cache

    cache.create_cache_tables(using)
