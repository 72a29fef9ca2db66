from django.apps import AppConfig
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
