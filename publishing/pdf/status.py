"""Where the background render of an issue's PDFs stands, in words for staff.

Shown on the issue's admin page, on the dashboard and in the list of render requests.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bulletins.models import PDFRenderRequest
from publishing.pdf.services import (
    ABANDONED_AFTER,
    MAX_ATTEMPTS,
    RUNNER_LOCK,
    Failure,
    explain_failure,
)


@dataclass
class RenderStatus:
    request: PDFRenderRequest
    state: str  # "waiting", "rendering", "retrying" or "failed"
    summary: str
    explanation: str  # what the last failure means, or ""

    @property
    def failed(self) -> bool:
        return self.state in ("retrying", "failed")

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]


STATE_LABELS = {
    "waiting": gettext_lazy("waiting"),
    "rendering": gettext_lazy("rendering now"),
    "retrying": gettext_lazy("failed, to be tried again"),
    "failed": gettext_lazy("failed"),
}


# Whether a background renderer holds its advisory lock now, on any server.
RENDERER_RUNNING_SQL = (
    "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted"
    " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
    " AND classid = %s AND objid = %s AND objsubid = 1)"
)
RENDERER_LOCK_PARAMS = divmod(RUNNER_LOCK, 2**32)  # how pg_locks shows a bigint key


def renderer_running() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(RENDERER_RUNNING_SQL, RENDERER_LOCK_PARAMS)
        return cursor.fetchone()[0]


def with_renderer_state(queryset):
    """Render requests, each with ``renderer_running`` (for ``render_status``)."""
    return queryset.annotate(
        renderer_running=RawSQL(
            f"({RENDERER_RUNNING_SQL})", RENDERER_LOCK_PARAMS, output_field=BooleanField()
        )
    )


def render_status(request: PDFRenderRequest) -> RenderStatus:
    running = getattr(request, "renderer_running", None)
    if running is None:
        running = renderer_running()
    if request.failure == Failure.UNFINISHED and running:
        return RenderStatus(request, "rendering", _("The PDFs are being rendered now."), "")
    if not request.failure:
        since = formats.date_format(timezone.localtime(request.requested_at), "DATETIME_FORMAT")
        summary = _("Waiting for the renderer since %(time)s.") % {"time": since}
        if not running and request.requested_at < timezone.now() - ABANDONED_AFTER:
            summary += " " + _("No renderer is working on it: tell the site's operator.")
        return RenderStatus(request, "waiting", summary, "")
    explanation = explain_failure(request.failure)
    if request.failure != Failure.NOT_STARTED and request.attempts < MAX_ATTEMPTS:
        summary = _(
            "Rendering the PDFs failed (attempt %(attempt)d of %(max)d); it will be tried again."
        ) % {"attempt": max(request.attempts, 1), "max": MAX_ATTEMPTS}
        return RenderStatus(request, "retrying", summary, explanation)
    summary = _(
        "The PDFs could not be rendered. They are rendered again when the issue changes, "
        "when a reader asks for its PDF, or when you click “Render the PDFs again”; until "
        "then readers are told the PDF is not ready."
    )
    return RenderStatus(request, "failed", summary, explanation)


def issue_render_status(bulletin) -> RenderStatus | None:
    request = with_renderer_state(PDFRenderRequest.objects.filter(bulletin=bulletin)).first()
    return render_status(request) if request is not None else None


def failed_renders() -> list[RenderStatus]:
    """Every issue whose last render failed, for the dashboard."""
    requests = with_renderer_state(
        PDFRenderRequest.objects.exclude(failure="").select_related("bulletin")
    )
    statuses = [render_status(request) for request in requests]
    return [status for status in statuses if status.failed]
