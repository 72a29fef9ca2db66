"""The issue's admin page: workflow buttons with a confirmation page, preview links,
the translation matrix, and the rules for deleting, restoring and recovering an issue."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bulletins.completeness import prefetch_for_matrix, translation_matrix
from bulletins.models import Bulletin, PreviewLink
from editorial import services as editorial_services
from editorial.admin_pages import record_page_context
from publishing import services


class PublishForm(forms.Form):
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

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("when") == "later" and not cleaned_data.get("at"):
            self.add_error("at", _("Choose the publication time."))
        return cleaned_data

    def publication_time(self):
        return self.cleaned_data["at"] if self.cleaned_data["when"] == "later" else None


class PreviewLinkForm(forms.ModelForm):
    days = forms.IntegerField(
        label=gettext_lazy("Valid for (days)"), min_value=1, max_value=30, initial=7
    )

    class Meta:
        model = PreviewLink
        fields = ["note", "language"]


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
            *super().get_urls(),
        ]

    # The list of issues: a column for translations.

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        changelist.result_list = list(changelist.result_list)
        prefetch_for_matrix(changelist.result_list)
        return changelist

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

    # The page.

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context.update(
                workflow_status=services.status_text(obj),
                workflow_scheduled=obj.is_scheduled,
                workflow_actions=[
                    (transition, self._transition_url(obj, transition.name))
                    for transition in services.bulletin_transitions(bulletin=obj, user=request.user)
                ],
                translation_matrix=translation_matrix(obj),
                preview_links_url=reverse("admin:bulletins_bulletin_preview_links", args=[obj.pk])
                if request.user.has_perm("bulletins.view_previewlink")
                else None,
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _transition_url(self, bulletin, name):
        return reverse("admin:bulletins_bulletin_transition", args=[bulletin.pk, name])

    def _change_url(self, bulletin):
        return reverse("admin:bulletins_bulletin_change", args=[bulletin.pk])

    def _page_context(self, request, bulletin, title, **extra):
        return record_page_context(
            self, request, bulletin, title, change_url=self._change_url(bulletin), **extra
        )

    def transition_view(self, request, object_id, action):
        bulletin = self.get_object(request, unquote(object_id))
        if bulletin is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if action not in services.TRANSITIONS:
            raise Http404
        if not self.has_view_or_change_permission(request, bulletin):
            raise PermissionDenied
        transition = services.TRANSITIONS[action]
        form = None
        if action == "publish":
            initial = {"when": "now"}
            if bulletin.is_scheduled:
                initial = {"when": "later", "at": timezone.localtime(bulletin.published_at)}
            form = PublishForm(request.POST or None, initial=initial)
        if request.method == "POST" and (form is None or form.is_valid()):
            kwargs = {"at": form.publication_time()} if form is not None else {}
            try:
                bulletin = services.TRANSITION_FUNCTIONS[action](
                    bulletin=bulletin, user=request.user, **kwargs
                )
            except PermissionDenied as error:
                messages.error(request, str(error) or _("You may not do this."))
                return redirect(self._change_url(bulletin))
            except ValidationError as error:
                if form is None:
                    messages.error(request, " ".join(error.messages))
                    return redirect(self._change_url(bulletin))
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("%(issue)s: %(action)s done. It is now %(status)s.")
                    % {
                        "issue": bulletin,
                        "action": transition.label,
                        "status": services.status_text(bulletin),
                    },
                )
                return redirect(self._change_url(bulletin))
        allowed = transition in services.bulletin_transitions(bulletin=bulletin, user=request.user)
        context = self._page_context(
            request,
            bulletin,
            _("%(action)s: %(issue)s") % {"action": transition.label, "issue": bulletin},
            transition=transition,
            form=form,
            allowed=allowed,
            status=services.status_text(bulletin),
            matrix=translation_matrix(bulletin),
        )
        return TemplateResponse(request, "admin/bulletins/bulletin/workflow_confirm.html", context)

    def preview_links_view(self, request, object_id):
        bulletin = self.get_object(request, unquote(object_id))
        if bulletin is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not request.user.has_perm("bulletins.view_previewlink"):
            raise PermissionDenied
        may_add = request.user.has_perm("bulletins.add_previewlink")
        form = PreviewLinkForm(
            request.POST or None,
            initial={"language": bulletin.source_language, "days": 7},
        )
        if request.method == "POST":
            if not may_add:
                raise PermissionDenied
            if form.is_valid():
                link = services.preview_link_create(
                    bulletin=bulletin,
                    user=request.user,
                    note=form.cleaned_data["note"],
                    language=form.cleaned_data["language"],
                    days=form.cleaned_data["days"],
                )
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
            may_revoke=request.user.has_perm("bulletins.change_previewlink"),
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

    def delete_view(self, request, object_id, extra_context=None):
        bulletin = self.get_object(request, unquote(object_id))
        context = {
            "was_published": bulletin is not None and bulletin.status != Bulletin.Status.DRAFT
        }
        return super().delete_view(request, object_id, context | (extra_context or {}))
