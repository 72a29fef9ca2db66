"""Previews of issues the public cannot see yet.

Two ways in:

- Staff who may change issues open an unpublished issue at its public address and see
  it with a "preview" banner (``StaffPreviewMixin`` on the public views).
- An editor creates a preview link for an outside reviewer (a partner checking its
  quote): a signed token naming a ``PreviewLink`` record, which expires and can be
  revoked. It needs no account, and its pages are never indexed or cached.

This module imports nothing from ``bulletins.models`` (which imports it), so the model
refers to the issue by name.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

TOKEN_SALT = "bulletins.preview-link"


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
        return signing.Signer(salt=TOKEN_SALT).sign_object({"link": self.pk})

    @property
    def state(self) -> str:
        if self.revoked_at is not None:
            return self.State.REVOKED
        if self.expires_at <= timezone.now():
            return self.State.EXPIRED
        return self.State.ACTIVE

    def get_state_display(self):
        return self.State(self.state).label


class PreviewLinkUnavailable(Exception):
    """A preview token that opens nothing; ``status`` is the HTTP status to answer with."""

    status = 404
    message = _("This preview link is not valid. Check that you copied the whole address.")

    def __init__(self, link: PreviewLink | None = None):
        super().__init__(str(self.message))
        self.link = link


class PreviewLinkExpired(PreviewLinkUnavailable):
    status = 410
    message = _("This preview link has expired. Ask the editor who sent it for a new one.")


class PreviewLinkRevoked(PreviewLinkUnavailable):
    status = 410
    message = _("This preview link was withdrawn by the editors.")


def resolve_preview_token(token: str) -> PreviewLink:
    """The preview link a token names, if it is genuine, not revoked and not expired.

    Raises ``PreviewLinkUnavailable`` for a tampered or unknown token (404), and its
    subclasses ``PreviewLinkRevoked`` and ``PreviewLinkExpired`` (410).
    """
    try:
        data = signing.Signer(salt=TOKEN_SALT).unsign_object(token)
        link_id = int(data["link"])
    except (signing.BadSignature, ValueError, TypeError, KeyError):
        raise PreviewLinkUnavailable() from None
    link = PreviewLink.objects.select_related("bulletin").filter(pk=link_id).first()
    if link is None:
        raise PreviewLinkUnavailable()
    if link.revoked_at is not None:
        raise PreviewLinkRevoked(link)
    if link.expires_at <= timezone.now():
        raise PreviewLinkExpired(link)
    return link


@dataclass
class PreviewBanner:
    """What the "preview" banner on a page says (templates/includes/preview_banner.html)."""

    status: str
    public: bool = False
    scheduled_for: datetime | None = None
    expires_at: datetime | None = None

    @classmethod
    def for_bulletin(cls, bulletin, **kwargs):
        return cls(
            status=bulletin.get_status_display(),
            public=bulletin.is_public,
            scheduled_for=bulletin.published_at if bulletin.is_scheduled else None,
            **kwargs,
        )


def may_preview(user) -> bool:
    """Staff who may change issues may see unpublished ones."""
    return user.is_active and user.is_staff and user.has_perm("bulletins.change_bulletin")


def mark_as_preview(response):
    """Keep a preview out of search engines, shared caches and other sites' referrer logs."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
    response["Referrer-Policy"] = "no-referrer"
    return response


class StaffPreviewMixin:
    """Lets staff who may change issues see unpublished ones at their public address.

    The view builds its queryset with ``self.visible(queryset)``: the published ones for
    readers, all of them for such staff. When the object shown is not public, the page
    gets the ``preview`` context variable (the banner in base.html) and is marked as a
    preview (``mark_as_preview``), so no cache keeps it and no search engine indexes it.
    """

    preview = None

    def visible(self, queryset):
        if may_preview(self.request.user):
            return queryset.all()
        return queryset.published()

    def get_context_data(self, **kwargs):
        bulletin = getattr(self.object, "bulletin", self.object)
        if self.preview is None and not bulletin.is_public:
            self.preview = PreviewBanner.for_bulletin(bulletin)
        return super().get_context_data(preview=self.preview, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        return mark_as_preview(response) if self.preview else response
