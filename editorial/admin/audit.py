from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from audit.models import AuditEntry
from audit.revisions import change_message_text
from audit.services import audit_record
from editorial.admin.lists import CheckedListAdminMixin


@admin.register(AuditEntry)
class AuditEntryAdmin(CheckedListAdminMixin, admin.ModelAdmin):
    """The audit log, read-only: nobody edits or deletes what happened."""

    list_display = ["timestamp", "username", "action", "record", "detail"]
    list_filter = ["action", "content_type", "username"]
    search_fields = ["object_repr", "username", "detail"]
    date_hierarchy = "timestamp"
    list_select_related = ["content_type"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("record"), ordering="object_repr")
    def record(self, entry):
        url = entry.admin_change_url()
        if not url:
            return entry.object_repr
        return format_html('<a href="{}">{}</a>', url, entry.object_repr)


class AuditedAdminMixin:
    """Record every addition, change and deletion made through this admin in the audit log."""

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        audit_record(
            user=request.user, action=AuditEntry.Action.CREATED, obj=obj, detail=_message(entry)
        )
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        if message:
            audit_record(
                user=request.user, action=AuditEntry.Action.EDITED, obj=obj, detail=_message(entry)
            )
        return entry

    def log_deletions(self, request, queryset):
        for obj in queryset:
            audit_record(user=request.user, action=AuditEntry.Action.DELETED, obj=obj)
        return super().log_deletions(request, queryset)


def _message(entry):
    return change_message_text(entry.change_message) if isinstance(entry, LogEntry) else ""
