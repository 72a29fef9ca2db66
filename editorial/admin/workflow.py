"""The issue's admin page as a publishing desk: where the issue stands (published version,
pending changes, what changed since), the workflow buttons with their confirmation pages
(publish with its languages and correction notice), its versions with their PDFs, the
background work after a publication, preview links, and the rules for deleting,
restoring and recovering an issue."""

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit import revisions
from audit.models import AuditEntry
from bulletins.completeness import prefetch_for_matrix, translation_matrix
from bulletins.models import Bulletin
from editorial import services as editorial_services
from editorial.admin_pages import record_page_context
from lmec import page_cache
from publishing import pipeline, services, snapshot
from publishing.models import Edition, Job, PreviewLink

LANGUAGE_NAMES = dict(settings.LANGUAGES)
WORKFLOW_ACTIONS = [
    AuditEntry.Action.SUBMITTED,
    AuditEntry.Action.PUBLISHED,
    AuditEntry.Action.SCHEDULED,
    AuditEntry.Action.DISCARDED,
    AuditEntry.Action.WITHDRAWN,
    AuditEntry.Action.RETURNED_TO_DRAFT,
]


class MessageForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Message"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Shown on the issue's page and in its history (optional)."),
    )


class PublishForm(MessageForm):
    when = forms.ChoiceField(
        label=gettext_lazy("When"),
        choices=[("now", gettext_lazy("Now")), ("later", gettext_lazy("At a chosen time"))],
        widget=forms.RadioSelect,
        initial="now",
    )
    at = forms.DateTimeField(
        label=gettext_lazy("Publication time"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=gettext_lazy("In the time zone %(zone)s.") % {"zone": settings.TIME_ZONE},
    )
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Published in"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Readers are offered these languages: in the language switcher, the search, the "
            "feeds, the sitemap and as PDFs. The source language is always published."
        ),
    )
    publish_incomplete = forms.BooleanField(
        label=gettext_lazy(
            "Publish the incomplete languages I chose: their missing texts are shown in "
            "English or the source language, marked as such."
        ),
        required=False,
    )
    note_source = forms.CharField(
        label=gettext_lazy("Correction notice"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "What this version corrects, in the issue's source language, shown to readers "
            "(optional; for a new version of a published issue)."
        ),
    )
    note_en = forms.CharField(
        label=gettext_lazy("Correction notice in English"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    mail_correction = forms.BooleanField(
        label=gettext_lazy("Mail this version to the subscribers as a corrected issue"),
        required=False,
        help_text=gettext_lazy(
            "Subscribers got the issue when it was first published; without this, a new "
            "version is not mailed. The mail shows the correction notice."
        ),
    )

    def __init__(self, *args, bulletin, matrix, previous=None, **kwargs):
        self.bulletin = bulletin
        self.complete = set(matrix.complete_languages()) | {bulletin.source_language}
        written = [cell.language for cell in matrix.languages_with_content()]
        initial_languages = previous.languages if previous else sorted(self.complete)
        kwargs.setdefault("initial", {}).setdefault("languages", initial_languages)
        super().__init__(*args, **kwargs)
        cells = {cell.language: cell for cell in matrix.totals}
        self.fields["languages"].choices = [
            (code, self._language_label(code, name, cells.get(code)))
            for code, name in settings.LANGUAGES
            if code in written or code in initial_languages
        ]
        if previous is None:
            del self.fields["note_source"], self.fields["note_en"], self.fields["mail_correction"]

    def _language_label(self, code, name, cell):
        if cell is None or code == self.bulletin.source_language or cell.state == "complete":
            suffix = _("complete")
        else:
            suffix = _("%(filled)s of %(expected)s texts") % {
                "filled": cell.filled,
                "expected": cell.expected,
            }
        return f"{name} ({suffix})"

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("when") == "later" and not cleaned_data.get("at"):
            self.add_error("at", _("Choose the publication time."))
        languages = set(cleaned_data.get("languages") or []) | {self.bulletin.source_language}
        incomplete = sorted(languages - self.complete)
        if incomplete and not cleaned_data.get("publish_incomplete"):
            self.add_error(
                "publish_incomplete",
                _(
                    "%(languages)s: not every text is translated. Tick this box to publish "
                    "them anyway, or leave them out."
                )
                % {"languages": ", ".join(str(LANGUAGE_NAMES[code]) for code in incomplete)},
            )
        cleaned_data["languages"] = sorted(languages)
        return cleaned_data

    def publication_time(self):
        return self.cleaned_data["at"] if self.cleaned_data["when"] == "later" else None

    def note(self) -> dict:
        return {
            self.bulletin.source_language: self.cleaned_data.get("note_source", ""),
            "en": self.cleaned_data.get("note_en", "")
            if self.bulletin.source_language != "en"
            else self.cleaned_data.get("note_source", ""),
        }


class PreviewLinkForm(forms.ModelForm):
    days = forms.IntegerField(
        label=gettext_lazy("Valid for (days)"), min_value=1, max_value=30, initial=7
    )

    class Meta:
        model = PreviewLink
        fields = ["note", "language"]


def pending_changes(bulletin: Bulletin, edition: Edition):
    """What changed in the issue's records since ``edition`` was published, as history shows."""
    if edition.source_revision is None:
        return []
    version = edition.source_revision.version_set.filter(
        content_type__app_label="bulletins",
        content_type__model="bulletin",
        object_id=str(bulletin.pk),
    ).first()
    if version is None:
        return []
    before = revisions.state_of_versions(revisions.stored_tree(version))
    # The tree prefetched whole: a query per kind of record, not per article.
    tree = snapshot.issue_queryset(Bulletin.objects.filter(pk=bulletin.pk)).get()
    after = revisions.state_of_records(revisions.live_tree(tree))
    return revisions.compare(before, after, ignore={Bulletin: Bulletin.WORKFLOW_FIELDS})


def say_changes_wait(request, bulletin: Bulletin) -> None:
    """After a save of a published issue (or a part of it): readers still see the
    published version until a publisher publishes the changes."""
    if bulletin.status != Bulletin.Status.PUBLISHED:
        return
    state = services.publication_state(bulletin)
    if state.pending and state.latest is not None:
        messages.warning(
            request,
            _(
                "Readers still see version %(version)s: your changes wait until a "
                "publisher publishes them."
            )
            % {"version": state.latest.version},
        )


class ChangesWaitMessageMixin:
    """For the admin of a part of an issue (an article, a viewpoint): say after a save
    that readers see the change only once it is published."""

    def bulletin_of(self, obj) -> Bulletin:
        raise NotImplementedError

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Before the save, too: say where the change goes.
        if obj is not None:
            bulletin = self.bulletin_of(obj)
            if bulletin.status == Bulletin.Status.PUBLISHED:
                latest = services.latest_edition(bulletin)
                if latest is not None:
                    context["changes_wait_version"] = latest.version
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        say_changes_wait(request, self.bulletin_of(obj))
        return response

    def response_change(self, request, obj):
        response = super().response_change(request, obj)
        say_changes_wait(request, self.bulletin_of(obj))
        return response


class BulletinWorkflowAdminMixin:
    change_form_template = "admin/bulletins/bulletin/change_form.html"
    restore_keeps = Bulletin.WORKFLOW_FIELDS

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/workflow/<str:action>/",
                view(self.transition_view),
                name="bulletins_bulletin_transition",
            ),
            path(
                "<path:object_id>/preview-links/",
                view(self.preview_links_view),
                name="bulletins_bulletin_preview_links",
            ),
            path(
                "<path:object_id>/preview-links/<int:link_id>/revoke/",
                view(self.revoke_preview_link_view),
                name="bulletins_bulletin_preview_link_revoke",
            ),
            path(
                "<path:object_id>/jobs/<int:job_id>/retry/",
                view(self.retry_job_view),
                name="bulletins_bulletin_job_retry",
            ),
            *super().get_urls(),
        ]

    # The list of issues: status with pending changes, and a column for translations.

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        changelist.result_list = list(changelist.result_list)
        prefetch_for_matrix(changelist.result_list)
        return changelist

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_display(self, bulletin):
        editions = [
            edition
            for edition in bulletin.editions.all()
            if edition.superseded_at is None or edition.superseded_at > timezone.now()
        ]
        state = services.publication_state(
            bulletin, fingerprint=snapshot.fingerprint(bulletin), editions=editions
        )
        return services.status_text(bulletin, state)

    @admin.display(description=gettext_lazy("translations"))
    def translations(self, bulletin):
        cells = translation_matrix(bulletin).languages_with_content()
        return format_html_join(
            " ",
            '<span class="translation-badge translation-badge--{}" title="{}">{} {}</span>',
            (
                (
                    cell.state,
                    _("%(filled)s of %(expected)s texts")
                    % {"filled": cell.filled, "expected": cell.expected},
                    cell.language,
                    "✓" if cell.state == "complete" else f"{cell.percent}%",
                )
                for cell in cells
            ),
        )

    # The issue's page.

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            state = services.publication_state(obj)
            context.update(
                workflow_status=services.status_text(obj, state),
                publication=state,
                pending_changes=pending_changes(obj, state.latest) if state.pending else [],
                workflow_actions=[
                    (transition, self._transition_url(obj, transition.name))
                    for transition in services.bulletin_transitions(
                        bulletin=obj, user=request.user, state=state
                    )
                ],
                workflow_messages=AuditEntry.objects.filter(
                    content_type__app_label="bulletins",
                    content_type__model="bulletin",
                    object_id=str(obj.pk),
                    action__in=WORKFLOW_ACTIONS,
                )
                .exclude(detail="")
                .order_by("-timestamp")[:5],
                versions=self._versions(obj),
                jobs=self._jobs(obj),
                public_url=self._public_url(obj),
                translation_matrix=translation_matrix(obj),
                preview_links_url=reverse("admin:bulletins_bulletin_preview_links", args=[obj.pk])
                if request.user.has_perm("publishing.view_previewlink")
                else None,
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _public_url(self, bulletin):
        with translation.override(bulletin.source_language):
            return bulletin.get_absolute_url()

    def _versions(self, bulletin):
        editions = list(
            Edition.objects.without_content()
            .filter(bulletin=bulletin)
            .select_related("published_by")
            .prefetch_related("pdfs")
            .order_by("-version")
        )
        for edition in editions:
            with translation.override(edition.source_language):
                edition.view_url = edition.get_absolute_url() + f"?version={edition.version}"
            edition.language_names = [str(LANGUAGE_NAMES[code]) for code in edition.languages]
            edition.pdf_links = [
                (
                    pdf,
                    reverse("admin:publishing_editionpdf_download", args=[pdf.pk]),
                )
                for pdf in edition.pdfs.all()
            ]
        return editions

    def _jobs(self, bulletin):
        jobs = list(
            Job.objects.filter(edition__bulletin=bulletin)
            .exclude(state=Job.State.DONE)
            .select_related("edition")
            .defer("edition__content")
            .order_by("-created_at")[:10]
        )
        stalled_before = timezone.now() - pipeline.ABANDONED_AFTER
        for job in jobs:
            # A job "running" for that long lost its worker: say what that means.
            job.stalled = job.state == Job.State.RUNNING and job.updated_at < stalled_before
            shown = job.state != Job.State.RUNNING or job.stalled
            job.failure_text = pipeline.explain_failure(job.failure) if shown else ""
        return jobs

    def response_change(self, request, obj):
        response = super().response_change(request, obj)
        say_changes_wait(request, obj)
        return response

    def _transition_url(self, bulletin, name):
        return reverse("admin:bulletins_bulletin_transition", args=[bulletin.pk, name])

    def _change_url(self, bulletin):
        return reverse("admin:bulletins_bulletin_change", args=[bulletin.pk])

    def _page_context(self, request, bulletin, title, **extra):
        return record_page_context(
            self, request, bulletin, title, change_url=self._change_url(bulletin), **extra
        )

    def transition_view(self, request, object_id, action):
        bulletin = self.get_object_unlocked(request, unquote(object_id))
        if bulletin is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if action not in services.TRANSITIONS:
            raise Http404
        if not self.has_view_or_change_permission(request, bulletin):
            raise PermissionDenied
        transition = services.TRANSITIONS[action]
        state = services.publication_state(bulletin)
        matrix = translation_matrix(bulletin)
        data = request.POST if request.method == "POST" else None
        if action == "publish":
            initial = {"when": "now"}
            if state.is_scheduled and not state.pending:
                initial = {"when": "later", "at": timezone.localtime(state.scheduled.published_at)}
            form = PublishForm(
                data, bulletin=bulletin, matrix=matrix, previous=state.latest, initial=initial
            )
        else:
            form = MessageForm(data)
        allowed = transition in services.bulletin_transitions(
            bulletin=bulletin, user=request.user, state=state
        )
        if data is not None and not allowed:
            # The service says why (not the permission, or not at this stage).
            try:
                services.TRANSITION_FUNCTIONS[action](bulletin=bulletin, user=request.user)
            except (PermissionDenied, ValidationError) as error:
                text = (
                    " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                )
                messages.error(request, text or _("You may not do this."))
            return redirect(self._change_url(bulletin))
        if data is not None and form.is_valid():
            kwargs = {"message": form.cleaned_data["message"]}
            if action == "publish":
                kwargs |= {
                    "at": form.publication_time(),
                    "languages": form.cleaned_data["languages"],
                    "note": form.note(),
                    "mail_correction": form.cleaned_data.get("mail_correction", False),
                }
            try:
                result = services.TRANSITION_FUNCTIONS[action](
                    bulletin=bulletin, user=request.user, **kwargs
                )
            except PermissionDenied as error:
                messages.error(request, str(error) or _("You may not do this."))
                return redirect(self._change_url(bulletin))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                bulletin.refresh_from_db()
                messages.success(
                    request,
                    _("%(issue)s: %(action)s done. It is now %(status)s.")
                    % {
                        "issue": bulletin,
                        "action": transition.label,
                        "status": services.status_text(bulletin),
                    },
                )
                if isinstance(result, Edition):
                    self._message_publication(request, result)
                return redirect(self._change_url(bulletin))
        context = self._page_context(
            request,
            bulletin,
            _("%(action)s: %(issue)s") % {"action": transition.label, "issue": bulletin},
            transition=transition,
            form=form,
            allowed=allowed,
            status=services.status_text(bulletin, state),
            publication=state,
            pending_changes=pending_changes(bulletin, state.latest) if state.pending else [],
            matrix=matrix,
        )
        return TemplateResponse(request, "admin/bulletins/bulletin/workflow_confirm.html", context)

    def _message_publication(self, request, edition):
        when = timezone.localtime(edition.published_at)
        if edition.published_at > timezone.now():
            text = _("Version %(version)s will be public from %(time)s.")
        else:
            text = _("Version %(version)s is public now.")
        messages.info(
            request,
            text % {"version": edition.version, "time": when.strftime("%Y-%m-%d %H:%M")}
            + " "
            + _("Its PDFs and search entries are being prepared in the background."),
        )

    def retry_job_view(self, request, object_id, job_id):
        if request.method != "POST":
            return redirect("admin:bulletins_bulletin_change", unquote(object_id))
        job = get_object_or_404(Job, pk=job_id, edition__bulletin_id=unquote(object_id))
        if not request.user.has_perm("bulletins.change_bulletin"):
            raise PermissionDenied
        pipeline.retry(job)
        messages.success(request, _("“%(job)s” is tried again.") % {"job": job})
        return redirect("admin:bulletins_bulletin_change", job.edition.bulletin_id)

    def preview_links_view(self, request, object_id):
        bulletin = self.get_object(request, unquote(object_id))
        if bulletin is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not request.user.has_perm("publishing.view_previewlink"):
            raise PermissionDenied
        may_add = request.user.has_perm("publishing.add_previewlink")
        form = PreviewLinkForm(
            request.POST or None,
            initial={"language": bulletin.source_language, "days": 7},
        )
        if request.method == "POST":
            if not may_add:
                raise PermissionDenied
            if form.is_valid():
                try:
                    link = services.preview_link_create(
                        bulletin=bulletin,
                        user=request.user,
                        note=form.cleaned_data["note"],
                        language=form.cleaned_data["language"],
                        days=form.cleaned_data["days"],
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(
                        request,
                        format_html(
                            "{} <code>{}</code>",
                            _("Preview link created. Send this address to the reviewer:"),
                            request.build_absolute_uri(link.get_absolute_url()),
                        ),
                    )
                    return redirect(request.path)
        links = [
            (link, request.build_absolute_uri(link.get_absolute_url()))
            for link in bulletin.preview_links.select_related("created_by", "revoked_by")
        ]
        context = self._page_context(
            request,
            bulletin,
            _("Preview links: %(issue)s") % {"issue": bulletin},
            form=form if may_add else None,
            links=links,
            may_revoke=request.user.has_perm("publishing.change_previewlink"),
        )
        return TemplateResponse(request, "admin/bulletins/bulletin/preview_links.html", context)

    def revoke_preview_link_view(self, request, object_id, link_id):
        if request.method != "POST":
            return redirect("admin:bulletins_bulletin_preview_links", unquote(object_id))
        link = get_object_or_404(PreviewLink, pk=link_id, bulletin_id=unquote(object_id))
        services.preview_link_revoke(link=link, user=request.user)
        messages.success(
            request, _("The preview link for %(note)s was revoked.") % {"note": link.note}
        )
        return redirect("admin:bulletins_bulletin_preview_links", link.bulletin_id)

    # Deleting, restoring, recovering.

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and editorial_services.may_delete(
            bulletin=obj, user=request.user
        )

    def may_recover(self, request, version):
        return super().may_recover(request, version) and editorial_services.may_recover(
            version=version, user=request.user
        )

    def restore_version(self, request, obj, version):
        return editorial_services.bulletin_restore(bulletin=obj, version=version, user=request.user)

    def recover_version(self, request, version):
        return editorial_services.bulletin_recover(version=version, user=request.user)

    def get_deleted_objects(self, objs, request):
        """An issue's editions and what was made of them go with it: they need no permission
        of their own (nobody deletes them by hand)."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        kept = {
            str(model._meta.verbose_name)
            for model in apps.get_app_config("publishing").get_models()
        }
        return deleted, counts, {name for name in perms_needed if name not in kept}, protected

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        page_cache.content_changed()  # its editions went with it

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        page_cache.content_changed()

    def delete_view(self, request, object_id, extra_context=None):
        bulletin = self.get_object(request, unquote(object_id))
        context = {
            "was_published": bulletin is not None and bulletin.status != Bulletin.Status.DRAFT
        }
        return super().delete_view(request, object_id, context | (extra_context or {}))
