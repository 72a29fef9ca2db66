"""The editors' dashboard on the admin index (templates/admin/index.html)."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.db.models import BigIntegerField, Q
from django.db.models.functions import Cast

from audit.models import AuditEntry
from bulletins.models import Bulletin
from publishing import pipeline
from publishing.models import Edition, Job

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
        # New issues in review, and published ones whose changes were submitted.
        "awaiting_review": Bulletin.objects.filter(
            Q(status=Bulletin.Status.IN_REVIEW)
            | Q(status=Bulletin.Status.PUBLISHED, submitted_at__isnull=False)
        ).order_by("updated_at"),
        "scheduled": Edition.objects.scheduled().without_content().order_by("published_at"),
        "recent_changes": AuditEntry.objects.filter(content_type__app_label__in=CONTENT_APPS)
        .select_related("content_type")
        .order_by("-timestamp", "-pk")[:limit],
        "failed_jobs": [
            (job, pipeline.explain_failure(job.failure))
            for job in Job.objects.filter(state=Job.State.FAILED)
            .select_related("edition")
            .defer("edition__content")
            .order_by("-updated_at")[:limit]
        ],
        "unattended_jobs": pipeline.unattended_jobs().order_by("run_after")[:1],
        "may_publish": user.has_perm("bulletins.publish_bulletin"),
        "may_see_audit_log": user.has_perm("audit.view_auditentry"),
    }


@register.simple_tag
def admin_change_url(entry: AuditEntry):
    """The admin page of an audit entry's record, or "" when it has none."""
    if entry.action == AuditEntry.Action.DELETED:
        return ""
    return entry.admin_change_url()
