"""PDFs in the admin: an "Export PDF" button on an issue, a bulk zip action, and a background
render whenever the content of a published issue is saved.

A render that fails is a message, never an error page: an export says so on the issue's
page; a background render's failure shows on the issue's page, the dashboard and the list
of render requests, with "Render the PDFs again".
"""

import io
import logging
import zipfile

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bulletins.models import Bulletin, BulletinPDF, PDFRenderRequest
from editorial.admin.lists import CheckedListAdminMixin
from publishing.pdf import document
from publishing.pdf.services import (
    RenderBusy,
    current_pdf,
    delete_pdfs,
    explain_failure,
    export_pdf,
    failure_of,
    schedule_render,
)
from publishing.pdf.status import issue_render_status, render_status, with_renderer_state

logger = logging.getLogger(__name__)

# A zip asks for at most this many renders on the spot (drafts, or PDFs not rendered yet);
# more would keep a web worker busy for too long: `manage.py export_pdfs` does any number.
ZIP_RENDER_LIMIT = 6


def edition_choices():
    return [*settings.LANGUAGES, (document.BILINGUAL, gettext_lazy("Chinese and English"))]


def schedule_renders(bulletin_ids) -> None:
    for bulletin in Bulletin.objects.filter(pk__in=set(bulletin_ids) - {None}):
        schedule_render(bulletin)


class RenderPDFsOnSaveMixin:
    """For admins of content printed in an issue (articles, viewpoints): after a save or a
    delete, the PDFs of the published issues involved are rendered again in the background.

    ``pdf_bulletin_lookup`` reaches the issue from the model: "bulletin", "article__bulletin".
    """

    pdf_bulletin_lookup = "bulletin"

    def pdf_bulletin_ids(self, queryset) -> set:
        return set(queryset.values_list(self.pdf_bulletin_lookup, flat=True))

    def save_model(self, request, obj, form, change):
        # The issue it belonged to before the save: moving an article changes both issues.
        self._pdf_bulletins_before = (
            self.pdf_bulletin_ids(type(obj).objects.filter(pk=obj.pk)) if obj.pk else set()
        )
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        after = self.pdf_bulletin_ids(type(obj).objects.filter(pk=obj.pk))
        schedule_renders(after | getattr(self, "_pdf_bulletins_before", set()))

    def delete_model(self, request, obj):
        bulletin_ids = self.pdf_bulletin_ids(type(obj).objects.filter(pk=obj.pk))
        super().delete_model(request, obj)
        schedule_renders(bulletin_ids)

    def delete_queryset(self, request, queryset):
        bulletin_ids = self.pdf_bulletin_ids(queryset)
        super().delete_queryset(request, queryset)
        schedule_renders(bulletin_ids)


class BulletinPDFAdminMixin:
    """For BulletinAdmin: the "Export PDF" button, the zip action, renders after saves."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        schedule_render(form.instance)

    def delete_model(self, request, obj):
        delete_pdfs(BulletinPDF.objects.filter(bulletin=obj))  # the files, with the rows
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        delete_pdfs(BulletinPDF.objects.filter(bulletin__in=queryset))
        super().delete_queryset(request, queryset)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/pdf/",
                self.admin_site.admin_view(self.export_pdf_view),
                name="{}_{}_pdf".format(*info),
            ),
            path(
                "<path:object_id>/pdf/render/",
                self.admin_site.admin_view(self.render_again_view),
                name="{}_{}_pdf_render".format(*info),
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["pdf_render"] = issue_render_status(obj)
            context["pdf_render_url"] = reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_pdf_render", args=[obj.pk]
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def render_again_view(self, request, object_id):
        """The button “Render the PDFs again”: a new background render, failures forgotten."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        bulletin = self.get_object(request, unquote(object_id))
        if bulletin is None:
            raise Http404
        if not self.has_change_permission(request, bulletin):
            raise PermissionDenied
        render_again(request, [bulletin])
        return HttpResponseRedirect(self._issue_url(bulletin))

    def _issue_url(self, bulletin):
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[bulletin.pk]
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            "pdf_editions": edition_choices(),
            "pdf_export_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_pdf", args=[object_id]
            )
            if object_id
            else None,
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def export_pdf_view(self, request, object_id):
        """Download the PDF of one issue in one edition; drafts are rendered on demand."""
        bulletin = self.get_object(request, unquote(object_id))
        if bulletin is None:
            raise Http404
        if not self.has_view_or_change_permission(request, bulletin):
            raise PermissionDenied
        edition = request.GET.get("edition") or bulletin.source_language
        if not document.is_edition(edition):
            raise Http404
        try:
            pdf = export_pdf(bulletin, edition)
        except RenderBusy:
            self.message_render_busy(request)
            return HttpResponseRedirect(self._issue_url(bulletin))
        except Exception as error:
            self.message_render_failed(request, bulletin, edition, error)
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

    def message_render_failed(self, request, bulletin, edition, error):
        logger.exception("Exporting the PDF of %s (%s) failed", bulletin, edition)
        self.message_user(
            request,
            _(
                "The PDF of %(issue)s could not be rendered. %(reason)s The issue is unchanged. "
                "Try again in a moment; if it fails again, tell the site's operator (the "
                "details are in the server's log)."
            )
            % {"issue": bulletin.label, "reason": explain_failure(failure_of(error))},
            messages.ERROR,
        )

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.has_view_or_change_permission(request):
            action = BulletinPDFAdminMixin.download_pdfs_zip
            actions["download_pdfs_zip"] = (
                action,
                "download_pdfs_zip",
                action.short_description,
            )
        return actions

    @admin.action(description=gettext_lazy("Download the PDFs of the selected issues (zip)"))
    def download_pdfs_zip(self, request, queryset):
        """Every edition of every selected issue in one zip; unpublished ones marked as drafts."""
        bulletins = list(
            document.issue_queryset()
            .filter(pk__in=list(queryset.values_list("pk", flat=True)))
            .order_by("year", "number")
        )
        wanted = [
            (bulletin, edition) for bulletin in bulletins for edition in document.editions(bulletin)
        ]
        to_render = sum(
            1
            for bulletin, edition in wanted
            if bulletin.status != Bulletin.Status.PUBLISHED
            or current_pdf(bulletin, edition) is None
        )
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
                for bulletin, edition in wanted:
                    pdf = export_pdf(bulletin, edition)
                    zip_file.writestr(pdf.file_name, pdf.content)
        except RenderBusy:
            self.message_render_busy(request)
            return None
        except Exception as error:
            self.message_render_failed(request, bulletin, edition, error)
            return None
        return HttpResponse(
            archive.getvalue(),
            content_type="application/zip",
            headers={"Content-Disposition": 'attachment; filename="LMEC-Bulletin-PDFs.zip"'},
        )


class PDFRecordAdmin(CheckedListAdminMixin, admin.ModelAdmin):
    """Records the site keeps by itself: listed, never added or edited by hand.

    Whoever may delete an issue may delete them with it (the admin's delete page checks).
    """

    list_select_related = ["bulletin"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) or request.user.has_perm(
            "bulletins.delete_bulletin"
        )


@admin.register(BulletinPDF)
class BulletinPDFAdmin(PDFRecordAdmin):
    """The stored PDFs, for operators: what is rendered, when, how big, how fast."""

    list_display = ["bulletin", "edition", "pages", "size", "render_seconds", "rendered_at"]
    list_filter = ["edition", "bulletin__year"]

    def delete_model(self, request, obj):
        delete_pdfs(BulletinPDF.objects.filter(pk=obj.pk))  # the file too

    def delete_queryset(self, request, queryset):
        delete_pdfs(queryset)


def render_again(request, bulletins) -> None:
    """Queue new background renders of published issues, forgetting their failures."""
    published = [b for b in bulletins if b.status == Bulletin.Status.PUBLISHED]
    for bulletin in published:
        schedule_render(bulletin)
    PDFRenderRequest.objects.filter(bulletin__in=bulletins).exclude(
        bulletin__status=Bulletin.Status.PUBLISHED
    ).delete()  # nothing public to render
    if published:
        messages.success(
            request,
            _("The PDFs of %(issues)s will be rendered again in the background.")
            % {"issues": ", ".join(str(b.label) for b in published)},
        )
    if len(published) < len(bulletins):
        messages.warning(request, _("Only published issues have PDFs to render."))


@admin.register(PDFRenderRequest)
class PDFRenderRequestAdmin(PDFRecordAdmin):
    """Issues waiting for a render, and those whose render failed, with what it means."""

    list_display = [
        "bulletin",
        "requested_at",
        "state",
        "problem",
        "attempts",
        "attempted_at",
        "last_error",
    ]
    list_filter = ["failure"]
    actions = ["render_selected_again"]

    def get_queryset(self, request):
        return with_renderer_state(super().get_queryset(request))

    @admin.display(description=gettext_lazy("state"))
    def state(self, render_request):
        return render_status(render_request).label

    @admin.display(description=gettext_lazy("problem"), ordering="failure")
    def problem(self, render_request):
        return render_status(render_request).explanation

    def has_render_permission(self, request):
        return request.user.has_perm("bulletins.change_bulletin")

    @admin.action(
        description=gettext_lazy("Render the PDFs of the selected issues again"),
        permissions=["render"],
    )
    def render_selected_again(self, request, queryset):
        render_again(request, [render_request.bulletin for render_request in queryset])
