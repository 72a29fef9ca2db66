"""The admin page that imports a briefing: upload, preview beside the source, save as a draft.

``BulletinImportAdminMixin`` adds it to the issue admin (``admin:bulletins_bulletin_import``)
with an "Import from a file" button on the issue list. Nothing is kept on the server
between the preview and the save: the preview form carries the decoded file, signed, and
the save reads and matches it again, so any application server can take the second step.
"""

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.loader import select_template
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bulletins.importing.errors import ImportFailed
from bulletins.importing.matching import ImportPlan, plan_import
from bulletins.importing.parsing import ParsedIssue, parse_source
from bulletins.importing.reading import ACCEPTED_SUFFIXES, Source, read_source, too_large
from bulletins.importing.saving import already_exists_message, bulletin_import

SIGNING_SALT = "bulletins.importing.preview"
PREVIEW_MAX_AGE = 60 * 60 * 24  # seconds an editor may take between preview and save


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Briefing file"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED_SUFFIXES)}),
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Written in"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Plain text (.txt), Markdown (.md) or Word (.docx), at most %(limit)s, "
            "laid out like the printed briefing."
        ) % {"limit": filesizeformat(settings.LMEC_MAX_IMPORT_UPLOAD_BYTES)}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.LMEC_MAX_IMPORT_UPLOAD_BYTES:
            raise forms.ValidationError(too_large(upload.name).message)  # before reading it
        try:
            self.source = read_source(upload.name, upload.read())
            self.issue = parse_source(self.source)
        except ImportFailed as error:
            raise forms.ValidationError(error.message) from None
        self.payload = sign_source(self.source)
        # The preview sends the text back; Django refuses larger form posts.
        if len(self.payload) > (settings.DATA_UPLOAD_MAX_MEMORY_SIZE or len(self.payload)) * 0.9:
            raise forms.ValidationError(
                _("The text of “%(name)s” is too long for one issue.") % {"name": upload.name}
            )
        return upload


class SaveForm(forms.Form):
    payload = forms.CharField(widget=forms.HiddenInput)
    language = forms.ChoiceField(choices=settings.LANGUAGES, widget=forms.HiddenInput)
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2999)
    number = forms.IntegerField(label=gettext_lazy("Number"), min_value=1, max_value=999)
    replace = forms.BooleanField(
        label=gettext_lazy("Replace the content of the existing issue with this file"),
        required=False,
    )

    def clean_payload(self):
        try:
            payload = signing.loads(
                self.cleaned_data["payload"], salt=SIGNING_SALT, max_age=PREVIEW_MAX_AGE
            )
        except signing.SignatureExpired:
            raise forms.ValidationError(
                _("This preview is too old; upload the file again.")
            ) from None
        except signing.BadSignature:
            raise forms.ValidationError(
                _("This preview was altered; upload the file again.")
            ) from None
        self.source = Source.from_payload(payload)
        return self.cleaned_data["payload"]


def _number(form: forms.Form, name: str) -> int | None:
    """The year or number the editor typed (or the one read from the file), if it is one."""
    try:
        return int(form[name].value())
    except (TypeError, ValueError):
        return None


def sign_source(source: Source) -> str:
    return signing.dumps(source.to_payload(), salt=SIGNING_SALT, compress=True)


def source_rows(source: Source, issue: ParsedIssue | None) -> list[tuple[int, str, str]]:
    """The source's lines with what each became: (number, text, role)."""
    roles = source_line_roles(issue) if issue else {}
    return [(number, text, roles.get(number, "")) for number, text in source.numbered_lines()]


def source_line_roles(issue: ParsedIssue) -> dict[int, str]:
    """What each line of the source became, to colour it beside the parsed issue."""
    roles = {issue.label_line: "label"}
    for article in issue.articles:
        if article.kicker:
            roles[article.line] = "kicker"
        roles[article.headline_line] = "headline"
        roles |= dict.fromkeys(article.paragraph_lines, "body")
        if article.viewpoints_heading:
            roles[article.viewpoints_heading_line] = "viewpoints-heading"
        roles |= {viewpoint.line: "viewpoint" for viewpoint in article.viewpoints}
    end = max(number for number, _text in issue.source.numbered_lines()) + 1
    if issue.contact:
        roles |= dict.fromkeys(range(issue.contact.line, issue.about_line or end), "contact")
    if issue.about:
        roles |= dict.fromkeys(range(issue.about_line, end), "about")
    return roles


class BulletinImportAdminMixin:
    """Adds the import page to BulletinAdmin. List it first among the admin's bases."""

    import_template = "admin/bulletins/bulletin/import.html"
    import_preview_template = "admin/bulletins/bulletin/import_preview.html"
    change_list_template = "admin/bulletins/bulletin/import_change_list.html"

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name="bulletins_bulletin_import"), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        """Show the import button on whatever list template the other bases use."""
        opts = self.model._meta
        parent = super().change_list_template or [
            f"admin/{opts.app_label}/{opts.model_name}/change_list.html",
            f"admin/{opts.app_label}/change_list.html",
            "admin/change_list.html",
        ]
        context = {
            "import_base_template": select_template(
                parent if isinstance(parent, list) else [parent]
            )
        }
        return super().changelist_view(request, context | (extra_context or {}))

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method == "POST" and "payload" in request.POST:
            return self.import_save(request)
        if request.method == "POST":
            form = UploadForm(request.POST, request.FILES)
            if form.is_valid():
                language = form.cleaned_data["language"]
                return self.import_preview(
                    request,
                    form.source,
                    SaveForm(
                        initial={
                            "payload": form.payload,
                            "language": language,
                            "year": form.issue.year,
                            "number": form.issue.number,
                        }
                    ),
                    issue=form.issue,
                )
        else:
            form = UploadForm()
        return TemplateResponse(
            request,
            self.import_template,
            self.import_context(request, title=_("Import an issue from a file"), form=form),
        )

    def import_save(self, request):
        form = SaveForm(request.POST)
        if not form.is_valid():
            if "payload" in form.errors:
                messages.error(request, " ".join(form.errors["payload"]))
                return redirect("admin:bulletins_bulletin_import")
            return self.import_preview(request, form.source, form)
        replace = form.cleaned_data["replace"]
        try:
            issue = parse_source(form.source)
            plan = plan_import(
                issue,
                language=form.cleaned_data["language"],
                year=form.cleaned_data["year"],
                number=form.cleaned_data["number"],
            )
            if plan.existing and not replace:
                raise ImportFailed(already_exists_message(plan))
            missing = self.missing_permissions(request, plan, replace=replace)
            if missing:
                raise ImportFailed(
                    _("You may not save this import: it needs the permission to %(what)s.")
                    % {"what": "; ".join(missing)}
                )
            bulletin = bulletin_import(plan=plan, replace=replace, user=request.user)
        except ImportFailed as error:
            form.add_error(None, error.message)
            return self.import_preview(request, form.source, form)
        messages.success(
            request,
            _(
                "Issue %(issue)s was imported from “%(file)s” as %(status)s. Check it, then send it for review."
            )
            % {
                "issue": plan.label,
                "file": form.source.name,
                "status": bulletin.get_status_display(),
            },
        )
        return redirect("admin:bulletins_bulletin_change", bulletin.pk)

    def import_preview(self, request, source: Source, form: SaveForm, issue=None):
        """The parsed issue beside its source, and the form that saves it."""
        plan, error = None, None
        try:
            issue = issue or parse_source(source)
            plan = plan_import(
                issue,
                language=form["language"].value() or settings.LANGUAGE_CODE,
                year=_number(form, "year"),
                number=_number(form, "number"),
            )
        except ImportFailed as failure:
            error = failure.message
        replace = bool(form["replace"].value())
        context = self.import_context(
            request,
            title=_("Import “%(file)s”") % {"file": source.name},
            form=form,
            source=source,
            source_rows=source_rows(source, issue),
            unit=source.unit,
            plan=plan,
            error=error,
            replace=replace,
            missing_permissions=self.missing_permissions(request, plan, replace=replace)
            if plan
            else [],
        )
        return TemplateResponse(request, self.import_preview_template, context)

    @staticmethod
    def missing_permissions(request, plan: ImportPlan, *, replace: bool) -> list[str]:
        """What the user lacks to save the plan, in words."""
        actions = {
            "add": gettext_lazy("add %(things)s"),
            "change": gettext_lazy("change %(things)s"),
            "delete": gettext_lazy("delete %(things)s"),
        }
        missing = []
        for permission in sorted(plan.required_permissions(replace=replace)):
            if request.user.has_perm(permission):
                continue
            app_label, codename = permission.split(".")
            if codename == "publish_bulletin":
                missing.append(_("change a published issue"))
                continue
            action, model_name = codename.split("_", 1)
            model = apps.get_model(app_label, model_name)
            missing.append(actions[action] % {"things": model._meta.verbose_name_plural})
        return missing

    def import_context(self, request, **context):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "has_view_permission": self.has_view_permission(request),
            "changelist_url": reverse("admin:bulletins_bulletin_changelist"),
            **context,
        }
