"""Staff see an issue's pending version at its public address, marked as a preview.

Readers always get the edition they may see. Staff who may change issues get, at the
same address, the issue as its records are now whenever that differs from what readers
see (a draft, an issue in review or withdrawn, pending changes), with a banner saying so;
``?version=N`` shows them an earlier version as readers saw it. A preview link (a token)
shows the same to someone without an account (reading/views/previews.py).
``mark_as_preview`` keeps such pages out of caches and search engines.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils.cache import add_never_cache_headers

from bulletins.models import Bulletin
from publishing import services, snapshot
from publishing.frozen import FrozenIssue
from publishing.models import Edition


@dataclass
class PreviewBanner:
    """What the "preview" banner on a page says (templates/includes/preview_banner.html)."""

    status: str
    live_version: int | None = None  # the version readers see, if any
    scheduled_for: datetime | None = None
    pending: bool = False
    shown_version: int | None = None  # an earlier or scheduled version staff asked for
    expires_at: datetime | None = None  # of a preview link


def may_preview(user) -> bool:
    """Staff who may change issues may see unpublished ones."""
    return user.is_active and user.is_staff and user.has_perm("bulletins.change_bulletin")


def mark_as_preview(response):
    """Keep a preview out of search engines, shared caches and other sites' referrer logs."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
    response["Referrer-Policy"] = "no-referrer"
    return response


@dataclass
class Preview:
    """The issue as its records are now, to show instead of what readers see."""

    bulletin: Bulletin
    content: dict
    banner: PreviewBanner

    def issue(self, language: str, **kwargs) -> FrozenIssue:
        return FrozenIssue(self.content, language, **kwargs)


def working_preview(bulletin: Bulletin, *, always=False, **banner) -> Preview | None:
    """The issue's records as they are now, when they differ from what readers see (or
    ``always``, for a preview link)."""
    tree = snapshot.issue_queryset(Bulletin.objects.filter(pk=bulletin.pk)).get()
    state = services.publication_state(tree, fingerprint=snapshot.fingerprint(tree))
    if not always and state.is_public and not state.pending and not state.is_scheduled:
        return None
    # Every text typed shows; the languages offered are those written or published.
    offered = set(snapshot.written_languages(tree))
    offered |= set(state.latest.languages) if state.latest else set()
    content = snapshot.freeze(tree, snapshot.ALL_LANGUAGES)
    content["languages"] = [code for code in snapshot.ALL_LANGUAGES if code in offered]
    return Preview(
        bulletin=tree,
        content=content,
        banner=PreviewBanner(
            status=services.status_text(tree, state),
            live_version=state.live.version if state.live else None,
            scheduled_for=state.scheduled.published_at if state.scheduled else None,
            pending=state.pending,
            **banner,
        ),
    )


def staff_issue(year: int, number: int, current: Edition | None):
    """What staff see at an issue's address: a ``Preview`` of its records, an earlier
    ``Edition`` (``?version=``) is chosen by the view; None when they see what readers see.
    """
    bulletin = Bulletin.objects.filter(year=year, number=number).first()
    if bulletin is None and current is not None:
        bulletin = current.bulletin  # renumbered since: its readers' address still works
    if bulletin is None:
        return None
    return working_preview(bulletin)
