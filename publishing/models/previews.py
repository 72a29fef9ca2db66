"""Preview links: a revocable, expiring address at which someone without an account (a
partner checking its quote) reads an issue before it is published, or its pending changes.
The token is signed (publishing/previews.py); the record lets editors revoke it."""

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

PREVIEW_TOKEN_SALT = "bulletins.preview-link"


class PreviewLink(models.Model):
    """A revocable, expiring link to one unpublished issue, for a reviewer without an account."""

    class State(models.TextChoices):
        ACTIVE = "active", _("active")
        EXPIRED = "expired", _("expired")
        REVOKED = "revoked", _("revoked")

    bulletin = models.ForeignKey(
        "bulletins.Bulletin",
        verbose_name=_("issue"),
        on_delete=models.CASCADE,
        related_name="preview_links",
    )
    note = models.CharField(
        _("for"),
        max_length=200,
        help_text=_("Who the link is for and why, e.g. “WWF, to check its quote”."),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="zh-hans",
        help_text=_("The language the reviewer reads the issue in."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")),
                name="preview_link_expires_after_creation",
                violation_error_message=_("A preview link must expire after it is created."),
            ),
        ]

    def __str__(self):
        return f"{self.bulletin} – {self.note}"

    def get_absolute_url(self):
        with translation.override(self.language):
            return reverse("bulletins:preview", kwargs={"token": self.token})

    @property
    def token(self) -> str:
        """The signed token in the link's address; only this server can make one."""
        return signing.Signer(salt=PREVIEW_TOKEN_SALT).sign_object({"link": self.pk})

    @property
    def state(self) -> str:
        if self.revoked_at is not None:
            return self.State.REVOKED
        if self.expires_at <= timezone.now():
            return self.State.EXPIRED
        return self.State.ACTIVE

    def get_state_display(self):
        return self.State(self.state).label
