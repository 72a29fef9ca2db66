"""The editors' dashboard on the admin index (templates/admin/index.html)."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.db.models import BigIntegerField
from django.db.models.functions import Cast

from audit.models import AuditEntry
from bulletins.models import Bulletin
from publishing.pdf.status import failed_renders

register = template.Library()

CONTENT_APPS = ["bulletins", "partners", "events", "topics"]


@register.inclusion_tag("admin/editorial/dashboard.html", takes_context=True)
def editorial_dashboard(context, limit=10):
    user = context["request"].user
    if not user.has_perm("bulletins.view_bulletin"):
        return {"show": False}
    bulletin_type = ContentType.objects.get_for_model(Bulletin)
    mine = (
        AuditEntry.objects.filter(user=user, content_type=bulletin_type)
        .annotate(bulletin_id=Cast("object_id", BigIntegerField()))
        .values("bulletin_id")
    )
    return {
        "show": True,
        "my_drafts": Bulletin.objects.filter(status=Bulletin.Status.DRAFT, pk__in=mine).order_by(
            "-updated_at"
        )[:limit],
        "awaiting_review": Bulletin.objects.filter(status=Bulletin.Status.IN_REVIEW).order_by(
            "updated_at"
        ),
        "scheduled": Bulletin.objects.scheduled().order_by("published_at"),
        "recent_changes": AuditEntry.objects.filter(content_type__app_label__in=CONTENT_APPS)
        .select_related("content_type")
        .order_by("-timestamp", "-pk")[:limit],
        "failed_renders": failed_renders(),
        "may_publish": user.has_perm("bulletins.publish_bulletin"),
        "may_see_audit_log": user.has_perm("audit.view_auditentry"),
    }


@register.simple_tag
def admin_change_url(entry: AuditEntry):
    """The admin page of an audit entry's record, or "" when it has none."""
    if entry.action == AuditEntry.Action.DELETED:
        return ""
    return entry.admin_change_url()
