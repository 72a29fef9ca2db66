"""Preview links: a signed token naming a ``PreviewLink`` record, for an outside reviewer
(a partner checking its quote) who has no account. It expires and can be revoked; the
pages it opens (reading/views/previews.py) are never indexed or cached.
"""

from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from publishing.models.previews import PREVIEW_TOKEN_SALT, PreviewLink


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
        data = signing.Signer(salt=PREVIEW_TOKEN_SALT).unsign_object(token)
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
