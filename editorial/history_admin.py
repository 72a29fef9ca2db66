"""History pages in the admin: list of versions, compare two, restore one, recover deleted."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from reversion.admin import VersionAdmin
from reversion.errors import RevertError
from reversion.revisions import is_active, set_comment

from audit import revisions
from editorial import services
from editorial.admin_pages import record_page_context
from editorial.translators import may_edit_source


class HistoryAdminMixin(VersionAdmin):
    """Every change made here is a revision; its history page compares and restores versions.

    Deleting records a revision first, so that the record can be recovered from
    "Recover deleted …" on the list page. ``restore_version`` and ``recover_version``
    are the hooks an admin overrides to put its own rules on restoring (the issue keeps
    its status; only publishers recover a published issue).
    """

    object_history_template = "admin/history/object_history.html"
    history_latest_first = True
    # Fields a restore leaves as they are (the workflow status of an issue).
    restore_keeps: tuple[str, ...] = ()

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="{}_{}_compare".format(*info),
            ),
            *super().get_urls(),
        ]

    # What restoring means for this kind of record: hooks for the admins.

    def may_restore(self, request, obj):
        return self.has_change_permission(request, obj) and may_edit_source(request.user)

    def may_recover(self, request, version):
        return self.has_add_permission(request)

    def restore_version(self, request, obj, version):
        return services.version_restore(version=version, user=request.user)

    def recover_version(self, request, version):
        return services.version_recover(version=version, user=request.user)

    # Recording.

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._comment_from(entry)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._comment_from(entry)
        return entry

    @staticmethod
    def _comment_from(entry):
        # The admin's message as it stores it (JSON, untranslated), not in the words of
        # whoever saved: each reader of the history reads it in their language.
        if is_active() and getattr(entry, "change_message", ""):
            set_comment(entry.change_message)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if obj is not None and self.has_change_permission(request, obj):
                revisions.ensure_baseline(obj, user=request.user)
        return super().change_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        # Not inside one revision for the whole page (as VersionAdmin does): deleting
        # selected records must save its revision before the records are gone.
        context = {"has_change_permission": self.has_change_permission(request)}
        return super(VersionAdmin, self).changelist_view(request, context | (extra_context or {}))

    def delete_model(self, request, obj):
        revisions.record_revision(
            obj, user=request.user, comment=revisions.comment(gettext_noop("Deleted"))
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            revisions.record_revision(
                obj, user=request.user, comment=revisions.comment(gettext_noop("Deleted"))
            )
        super().delete_queryset(request, queryset)

    # Pages.

    def _context(self, request, obj, title, **extra):
        return record_page_context(self, request, obj, title, **extra)

    def _history_crumb(self, obj):
        url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_history", args=[obj.pk])
        return {"crumb_url": url, "crumb_label": _("History"), "history_url": url}

    def _version_url(self, obj, version):
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_revision",
            args=[obj.pk, version.pk],
        )

    def _get_viewable(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def history_view(self, request, object_id, extra_context=None):
        obj = self._get_viewable(request, object_id)
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        page = Paginator(revisions.versions_of(obj), 50).get_page(request.GET.get("p"))
        rows = [
            {
                "version": version,
                "comment": revisions.comment_text(version.revision),
                "url": self._version_url(obj, version),
            }
            for version in page
        ]
        # Preselect the last change: the version before it, to the latest one.
        if len(rows) >= 2 and page.number == 1:
            rows[1]["from_checked"] = rows[0]["to_checked"] = True
        elif rows:
            rows[0]["from_checked"] = True
        context = self._context(
            request,
            obj,
            _("History: %s") % obj,
            page=page,
            rows=rows,
            second_checked=any(row.get("to_checked") for row in rows),
            compare_url=reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_compare", args=[obj.pk]
            ),
            **(extra_context or {}),
        )
        return TemplateResponse(request, self.object_history_template, context)

    def compare_view(self, request, object_id):
        obj = self._get_viewable(request, object_id)
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        versions = revisions.versions_of(obj)
        first = get_object_or_404(versions, pk=request.GET.get("from") or 0)
        second = None
        if request.GET.get("to", "current") != "current":
            second = get_object_or_404(versions, pk=request.GET["to"])
            if second.pk < first.pk:
                first, second = second, first
        before = revisions.state_of_versions(revisions.stored_tree(first))
        if second is None:
            after = revisions.state_of_records(revisions.live_tree(obj))
            after_label = _("now")
        else:
            after = revisions.state_of_versions(revisions.stored_tree(second))
            after_label = revisions.revision_time(second)
        context = self._context(
            request,
            obj,
            _("Compare versions: %s") % obj,
            changes=revisions.compare(before, after),
            before_label=revisions.revision_time(first),
            after_label=after_label,
            **self._history_crumb(obj),
        )
        return TemplateResponse(request, "admin/history/compare.html", context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        obj = self._get_viewable(request, object_id)
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        version = get_object_or_404(revisions.versions_of(obj), pk=version_id)
        may_restore = self.may_restore(request, obj)
        if request.method == "POST":
            if not may_restore:
                raise PermissionDenied
            try:
                restored = self.restore_version(request, obj, version)
            except (RevertError, ValidationError) as error:
                messages.error(request, _error_text(error))
                return redirect(request.path)
            messages.success(
                request,
                _("“%(record)s” was restored to the version of %(time)s.")
                % {"record": restored, "time": revisions.revision_time(version)},
            )
            for note in getattr(restored, "dropped_links", []):
                messages.warning(request, note)
            return redirect(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change", restored.pk
            )
        changes = revisions.compare(
            revisions.state_of_records(revisions.live_tree(obj)),
            revisions.state_of_versions(revisions.stored_tree(version)),
            ignore={self.model: self.restore_keeps},
        )
        kept = [capfirst(self.opts.get_field(name).verbose_name) for name in self.restore_keeps]
        context = self._context(
            request,
            obj,
            _("Version of %(time)s: %(record)s")
            % {"time": revisions.revision_time(version), "record": obj},
            version=version,
            comment=revisions.comment_text(version.revision),
            changes=changes,
            kept=kept,
            may_restore=may_restore,
            **self._history_crumb(obj),
            **(extra_context or {}),
        )
        return TemplateResponse(request, "admin/history/version.html", context)

    def recover_view(self, request, version_id, extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        version = get_object_or_404(revisions.deleted_versions(self.model), pk=version_id)
        if request.method == "POST":
            if not self.may_recover(request, version):
                raise PermissionDenied
            try:
                recovered = self.recover_version(request, version)
            except (RevertError, ValidationError) as error:
                messages.error(request, _error_text(error))
                return redirect(request.path)
            messages.success(request, _("“%(record)s” was recovered.") % {"record": recovered})
            for note in getattr(recovered, "dropped_links", []):
                messages.warning(request, note)
            return redirect(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change", recovered.pk
            )
        context = self._context(
            request,
            None,
            _("Recover %(record)s") % {"record": version.object_repr},
            version=version,
            comment=revisions.comment_text(version.revision),
            changes=revisions.compare(
                {}, revisions.state_of_versions(revisions.stored_tree(version))
            ),
            may_restore=self.may_recover(request, version),
            recover=True,
            crumb_url=reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_recoverlist"),
            crumb_label=_("Recover deleted %(name)s") % {"name": self.opts.verbose_name_plural},
            **(extra_context or {}),
        )
        return TemplateResponse(request, "admin/history/version.html", context)


def _error_text(error) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)
