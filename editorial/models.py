from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EditingPresence(models.Model):
    """Someone has a record's change form open: since when, and when their page last said so.

    Short-lived: the page refreshes it every minute while open (static/js/admin-presence.js)
    and removes it when left; a record not refreshed for a few minutes counts as gone
    (editorial/presence.py). Kept in the database, so that every server sees it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("kind of record"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(_("record"), max_length=64)
    since = models.DateTimeField(_("editing since"), default=timezone.now)
    seen_at = models.DateTimeField(_("last seen"), default=timezone.now)

    class Meta:
        verbose_name = _("editing presence")
        verbose_name_plural = _("editing presences")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"],
                name="one_presence_per_user_and_record",
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="presence_record")]

    def __str__(self):
        return f"{self.user} – {self.content_type} {self.object_id}"
