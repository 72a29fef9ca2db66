"""PDFs, Word exports and background work in the admin.

- On an issue: "Export PDF" and "Export Word (.docx)" in the languages it has (a published
  issue: those it is published in; a draft: those it is written in), and a zip action for
  several issues.
- The stored PDFs of every version, listed and downloadable, never edited or deleted by
  hand: a PDF sent to a ministry stays retrievable.
- The background work that follows a publication, with what a failure means and "try
  again".

A render that fails is a message, never an error page.
"""

import io
import logging
import zipfile

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from editorial.admin.lists import CheckedListAdminMixin
from publishing import pipeline, services
from publishing.models import EditionPDF, Job
from publishing.pdf import document
from publishing.pdf.services import RenderBusy, export_languages, export_pdf
from publishing.word import export_docx

logger = logging.getLogger(__name__)

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# A zip renders at most this many PDFs on the spot (drafts, pending changes); more would keep
# a web worker busy for too long: `manage.py export_pdfs` does any number.
ZIP_RENDER_LIMIT = 6
LANGUAGE_NAMES = dict(settings.LANGUAGES) | {
    document.BILINGUAL: gettext_lazy("Chinese and English")
}


class BulletinPDFAdminMixin:
    """For BulletinAdmin: the "Export PDF" menu and the zip action."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/pdf/",
                self.admin_site.admin_view(self.export_pdf_view),
                name="{}_{}_pdf".format(*info),
            ),
            path(
                "<path:object_id>/docx/",
                self.admin_site.admin_view(self.export_docx_view),
                name="{}_{}_docx".format(*info),
            ),
            *super().get_urls(),
        ]

    def _issue_url(self, bulletin):
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[bulletin.pk]
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        bulletin = self.get_object(request, unquote(object_id)) if object_id else None
        extra_context = {
            "pdf_editions": [(code, LANGUAGE_NAMES[code]) for code in export_languages(bulletin)]
            if bulletin
            else [],
            "pdf_export_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_pdf", args=[object_id]
            )
            if bulletin
            else None,
            "docx_export_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_docx", args=[object_id]
            )
            if bulletin
            else None,
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def exported_issue(self, request, object_id):
        """The issue and the edition (a language, or bilingual) staff asked to export."""
        bulletin = self.get_object(request, unquote(object_id))
        if bulletin is None:
            raise Http404
        if not self.has_view_or_change_permission(request, bulletin):
            raise PermissionDenied
        language = request.GET.get("edition") or bulletin.source_language
        if language not in export_languages(bulletin):
            raise Http404
        return bulletin, language

    def export_docx_view(self, request, object_id):
        """Download one issue as a Word document, in the same editions as its PDF."""
        bulletin, language = self.exported_issue(request, object_id)
        exported = export_docx(bulletin, language)
        return HttpResponse(
            exported.content,
            content_type=DOCX_TYPE,
            headers={"Content-Disposition": f'attachment; filename="{exported.file_name}"'},
        )

    def export_pdf_view(self, request, object_id):
        """Download the PDF of one issue in one language; drafts are rendered on demand."""
        bulletin, language = self.exported_issue(request, object_id)
        try:
            pdf = export_pdf(bulletin, language)
        except RenderBusy:
            self.message_render_busy(request)
            return HttpResponseRedirect(self._issue_url(bulletin))
        except Exception as error:
            self.message_render_failed(request, bulletin, language, error)
            return HttpResponseRedirect(self._issue_url(bulletin))
        return HttpResponse(
            pdf.content,
            content_type="application/pdf",
            headers={"Content-Disposition": f'attachment; filename="{pdf.file_name}"'},
        )

    def message_render_busy(self, request):
        self.message_user(
            request,
            _("Another PDF is being rendered right now. Please try again in a moment."),
            messages.WARNING,
        )

    def message_render_failed(self, request, bulletin, language, error):
        logger.exception("Exporting the PDF of %s (%s) failed", bulletin, language)
        self.message_user(
            request,
            _(
                "The PDF of %(issue)s could not be rendered. %(reason)s The issue is unchanged. "
                "Try again in a moment; if it fails again, tell the site's operator (the "
                "details are in the server's log)."
            )
            % {
                "issue": bulletin.label,
                "reason": pipeline.explain_failure(pipeline.failure_of(error)),
            },
            messages.ERROR,
        )

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.has_view_or_change_permission(request):
            action = BulletinPDFAdminMixin.download_pdfs_zip
            actions["download_pdfs_zip"] = (action, "download_pdfs_zip", action.short_description)
        return actions

    @admin.action(description=gettext_lazy("Download the PDFs of the selected issues (zip)"))
    def download_pdfs_zip(self, request, queryset):
        """Every PDF edition of every selected issue in one zip; unpublished ones as drafts."""
        bulletins = list(queryset.order_by("year", "number"))
        wanted = [(bulletin, code) for bulletin in bulletins for code in export_languages(bulletin)]
        stored = set(
            EditionPDF.objects.filter(
                edition__in=[services.publication_state(b).latest for b in bulletins]
            ).values_list("edition__bulletin_id", "language")
        )
        to_render = sum(1 for bulletin, code in wanted if (bulletin.pk, code) not in stored)
        if to_render > ZIP_RENDER_LIMIT:
            self.message_user(
                request,
                _(
                    "%(count)d of these PDFs would have to be rendered now, more than %(limit)d "
                    "at once. Select fewer issues, or export them with “manage.py export_pdfs”."
                )
                % {"count": to_render, "limit": ZIP_RENDER_LIMIT},
                messages.ERROR,
            )
            return None
        archive = io.BytesIO()
        try:
            with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zip_file:
                for bulletin, code in wanted:
                    pdf = export_pdf(bulletin, code)
                    zip_file.writestr(pdf.file_name, pdf.content)
        except RenderBusy:
            self.message_render_busy(request)
            return None
        except Exception as error:
            self.message_render_failed(request, bulletin, code, error)
            return None
        return HttpResponse(
            archive.getvalue(),
            content_type="application/zip",
            headers={"Content-Disposition": 'attachment; filename="LMEC-Bulletin-PDFs.zip"'},
        )


class KeptRecordAdmin(CheckedListAdminMixin, admin.ModelAdmin):
    """Records the site keeps by itself: listed, never added, edited or deleted by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(EditionPDF)
class EditionPDFAdmin(KeptRecordAdmin):
    """The stored PDFs of every version: what is rendered, when, how big, how fast."""

    list_display = ["edition", "language", "pages", "size", "render_seconds", "rendered_at", "file"]
    list_filter = ["language", "edition__year"]
    list_select_related = ["edition"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("edition__content")

    def get_urls(self):
        return [
            path(
                "<int:pdf_id>/download/",
                self.admin_site.admin_view(self.download_view),
                name="publishing_editionpdf_download",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=gettext_lazy("file"))
    def file(self, pdf):
        url = reverse("admin:publishing_editionpdf_download", args=[pdf.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download"))

    def download_view(self, request, pdf_id):
        if not self.has_view_permission(request):
            raise PermissionDenied
        pdf = get_object_or_404(EditionPDF.objects.select_related("edition"), pk=pdf_id)
        edition = pdf.edition
        name = document.file_name(
            edition.year, edition.number, pdf.language, version=edition.version
        )
        return FileResponse(
            pdf.storage.open(pdf.path, "rb"),
            content_type="application/pdf",
            as_attachment=True,
            filename=name,
        )

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("bulletins.view_bulletin")


@admin.register(Job)
class JobAdmin(KeptRecordAdmin):
    """The background work that follows publications, and what went wrong."""

    list_display = [
        "created_at",
        "task_display",
        "target",
        "state",
        "attempts",
        "problem",
        "last_error",
    ]
    list_filter = ["state", "task", "failure"]
    actions = ["try_again"]

    @admin.display(description=gettext_lazy("task"), ordering="task")
    def task_display(self, job):
        return job.get_task_display()

    @admin.display(description=gettext_lazy("problem"), ordering="failure")
    def problem(self, job):
        return pipeline.explain_failure(job.failure) if job.state != Job.State.DONE else ""

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("bulletins.view_bulletin")

    def has_retry_permission(self, request):
        return request.user.has_perm("bulletins.change_bulletin")

    @admin.action(description=gettext_lazy("Try the selected work again"), permissions=["retry"])
    def try_again(self, request, queryset):
        for job in queryset.exclude(state=Job.State.DONE):
            pipeline.retry(job)
        self.message_user(request, _("The selected work is tried again in the background."))
