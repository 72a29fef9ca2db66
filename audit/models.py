from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AuditEntry(models.Model):
    """Who did what to which record, and when. Entries are only ever added.

    The record is named by its content type and primary key, and by the text it showed
    at the time, so an entry still says what it was about after the record is deleted.
    """

    class Action(models.TextChoices):
        CREATED = "created", pgettext_lazy("audit action", "created")
        EDITED = "edited", pgettext_lazy("audit action", "edited")
        DELETED = "deleted", pgettext_lazy("audit action", "deleted")
        SUBMITTED = "submitted", pgettext_lazy("audit action", "submitted for review")
        PUBLISHED = "published", pgettext_lazy("audit action", "published")
        DISCARDED = "discarded", pgettext_lazy("audit action", "discarded pending changes")
        SCHEDULED = "scheduled", pgettext_lazy("audit action", "scheduled")
        WITHDRAWN = "withdrawn", pgettext_lazy("audit action", "withdrew")
        RETURNED_TO_DRAFT = "returned_to_draft", pgettext_lazy("audit action", "returned to draft")
        RESTORED = "restored", pgettext_lazy("audit action", "restored a version")
        RECOVERED = "recovered", pgettext_lazy("audit action", "recovered after deletion")
        EXPORTED = "exported", pgettext_lazy("audit action", "exported")
        IMPORTED = "imported", pgettext_lazy("audit action", "imported")
        PREVIEW_LINK_CREATED = (
            "preview_link_created",
            pgettext_lazy("audit action", "created a preview link"),
        )
        PREVIEW_LINK_REVOKED = (
            "preview_link_revoked",
            pgettext_lazy("audit action", "revoked a preview link"),
        )

    timestamp = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    username = models.CharField(
        _("user name"), max_length=150, blank=True, help_text=_("Kept when the account is deleted.")
    )
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("kind of record"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    object_id = models.CharField(_("record id"), max_length=64, blank=True)
    object_repr = models.CharField(_("record"), max_length=255, blank=True)
    detail = models.TextField(_("detail"), blank=True)

    class Meta:
        ordering = ["-timestamp", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["content_type", "object_id"], name="audit_entry_object")]

    def __str__(self):
        return f"{self.username or '—'} {self.get_action_display()} {self.object_repr}"

    def admin_change_url(self) -> str:
        """The admin page of the entry's record, or "" when its kind has none."""
        if self.content_type is None:
            return ""
        try:
            return reverse(
                f"admin:{self.content_type.app_label}_{self.content_type.model}_change",
                args=[self.object_id],
            )
        except NoReverseMatch:
            return ""
