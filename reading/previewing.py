"""Staff see unpublished issues at their public address, marked as previews.

``StaffPreviewMixin`` on the public views lets staff who may change issues see them with a
"preview" banner; ``mark_as_preview`` keeps such a page out of caches and search engines
(also for the pages opened by a preview link, reading/views/previews.py).
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils.cache import add_never_cache_headers


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
