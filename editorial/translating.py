"""Translating an issue side by side: the source text beside the fields of one language.

One page holds the whole issue (or one article): the issue's texts, then every article's,
its viewpoints' and its images', field by field, the source language on the left, locked,
and the target language's fields on the right. Saving writes only the target language's
fields, and of those only the ones changed on the page: a text someone else saved
meanwhile in another field stays; the same field changed by both is refused, showing
what is stored now. Translators (editorial/translators.py) use it as editors do: the
source language is never a target.
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.forms.models import modelform_factory
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language_info, gettext_noop
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from audit import revisions
from audit.models import AuditEntry
from audit.services import audit_record
from bulletins.completeness import (
    ARTICLE_FIELDS,
    IMAGE_FIELDS,
    ISSUE_FIELDS,
    VIEWPOINT_FIELDS,
    translation_matrix,
)
from bulletins.models import Article, Bulletin
from editorial.admin_pages import record_page_context

SALT = "editorial.translating.loaded"


@dataclass
class Text:
    """One field of one record: the source text, and the target language's form field."""

    label: str
    source: str
    source_is_html: bool
    bound: forms.BoundField


@dataclass
class Section:
    """One record on the page: the issue, an article, a viewpoint, an image."""

    title: str
    form: forms.ModelForm
    texts: list[Text]
    level: int  # 2: the issue, an article; 3: a viewpoint, an image


def _sections(bulletin: Bulletin, articles, with_issue: bool, source: str, target: str, data=None):
    sections = []

    def add(title, record, names, level):
        model = type(record)
        kept = [
            name
            for name in names
            if strip_tags(getattr(record, build_localized_fieldname(name, source)) or "").strip()
            or getattr(record, build_localized_fieldname(name, target))
        ]
        if not kept:
            return
        fields = [build_localized_fieldname(name, target) for name in kept]
        prefix = f"{model._meta.model_name}-{record.pk}"
        form = modelform_factory(model, fields=fields, formfield_callback=_formfield)(
            data, instance=record, prefix=prefix
        )
        texts = []
        for name, field_name in zip(kept, fields, strict=True):
            source_field = model._meta.get_field(build_localized_fieldname(name, source))
            value = getattr(record, source_field.attname) or ""
            is_html = hasattr(source_field, "sanitize")
            if is_html:
                value = mark_safe(source_field.sanitize(value))
            form.fields[field_name].label = capfirst(model._meta.get_field(name).verbose_name)
            form.fields[field_name].required = False
            texts.append(Text(str(form[field_name].label), value, is_html, form[field_name]))
        sections.append(Section(title, form, texts, level))

    if with_issue:
        add(_("Issue"), bulletin, ISSUE_FIELDS, 2)
    for number, article in enumerate(articles, start=1):
        article_title = _("Article %(number)s") % {"number": article.position or number}
        add(article_title, article, ARTICLE_FIELDS, 2)
        for count, viewpoint in enumerate(article.viewpoints.all(), start=1):
            title = _("%(article)s, viewpoint %(number)s: %(speaker)s") % {
                "article": article_title,
                "number": count,
                "speaker": viewpoint.speaker,
            }
            add(title, viewpoint, VIEWPOINT_FIELDS, 3)
        for count, image in enumerate(article.images.all(), start=1):
            title = _("%(article)s, image %(number)s") % {"article": article_title, "number": count}
            add(title, image, IMAGE_FIELDS, 3)
    return sections


def _formfield(model_field, **kwargs):
    """A headline is translated in a box as tall as the source text, not on one line."""
    if isinstance(model_field, models.CharField) and (model_field.max_length or 0) > 100:
        kwargs["widget"] = forms.Textarea(attrs={"rows": 2})
    return model_field.formfield(**kwargs)


def _loaded(sections) -> dict[str, str]:
    return {
        text.bound.html_name: str(text.bound.initial or "") for s in sections for text in s.texts
    }


class TranslationViewMixin:
    """Adds "translate side by side" to the admin of issues and of articles."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/translate/",
                self.admin_site.admin_view(self.translate_view),
                name="{}_{}_translate".format(*info),
            ),
            *super().get_urls(),
        ]

    def translation_scope(self, obj) -> tuple[Bulletin, list[Article], bool]:
        """The issue, the articles the page shows, and whether it shows the issue's texts."""
        related = ["viewpoints__person", "viewpoints__organization", "images"]
        if isinstance(obj, Bulletin):
            return obj, list(obj.articles.prefetch_related(*related)), True
        return (
            obj.bulletin,
            list(Article.objects.filter(pk=obj.pk).prefetch_related(*related)),
            False,
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and change:
            context["translate_url"] = reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_translate", args=[obj.pk]
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def translate_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        bulletin, articles, with_issue = self.translation_scope(obj)
        source = bulletin.source_language
        targets = [code for code, _name in settings.LANGUAGES if code != source]
        target = request.GET.get("language") or ("en" if "en" in targets else targets[0])
        if target not in targets:
            raise Http404
        url = f"{request.path}?language={target}"
        data = request.POST if request.method == "POST" else None
        sections = _sections(bulletin, articles, with_issue, source, target, data)
        conflicts = []
        if data is not None:
            try:
                loaded = signing.loads(request.POST.get("_loaded", ""), salt=SALT)
            except signing.BadSignature:
                loaded = None
            if loaded is not None and all(section.form.is_valid() for section in sections):
                conflicts = self._save(request, bulletin, sections, loaded, target)
                if not conflicts:
                    return redirect(url)
            elif loaded is None:
                messages.error(request, _("This page could not be checked. Open it again."))
        matrix = translation_matrix(bulletin)
        percent = {cell.language: cell.percent for cell in matrix.totals}
        context = record_page_context(
            self,
            request,
            obj,
            _("Translate: %(record)s") % {"record": obj},
            source=get_language_info(source),
            target=get_language_info(target),
            languages=[
                {
                    "code": code,
                    "name": get_language_info(code)["name_translated"],
                    "local": get_language_info(code)["name_local"],
                    "percent": percent.get(code, 0),
                    "url": f"{request.path}?language={code}",
                    "current": code == target,
                }
                for code in targets
            ],
            source_percent=percent.get(source, 0),
            sections=sections,
            conflicts=conflicts,
            loaded=signing.dumps(
                _loaded(_sections(bulletin, articles, with_issue, source, target)), salt=SALT
            ),
            media=sum((section.form.media for section in sections), forms.Media()),
            locked_source=True,
        )
        return TemplateResponse(request, "admin/editorial/translate.html", context)

    def _save(self, request, bulletin, sections, loaded, target) -> list[str]:
        """Save the changed target fields; return the conflicts (nothing saved then)."""
        name = get_language_info(target)["name_translated"]
        with transaction.atomic():
            revisions.ensure_baseline(bulletin, user=request.user)
            changes, conflicts = [], []
            for section in sections:
                record = (
                    type(section.form.instance)
                    ._default_manager.select_for_update()
                    .get(pk=section.form.instance.pk)
                )
                changed = []
                for text in section.texts:
                    field_name = text.bound.name
                    posted = section.form.cleaned_data.get(field_name) or ""
                    was = loaded.get(text.bound.html_name, "")
                    stored = getattr(record, field_name) or ""
                    if str(posted).replace("\r\n", "\n") == was.replace("\r\n", "\n"):
                        continue
                    if stored != was and stored != posted:
                        conflicts.append(f"{section.title} · {text.label}")
                        continue
                    setattr(record, field_name, posted)
                    changed.append(field_name)
                if changed:
                    changes.append((record, changed))
            if conflicts:
                transaction.set_rollback(True)
                messages.error(
                    request,
                    _(
                        "Someone else saved these texts in %(language)s after you opened this "
                        "page: %(fields)s. Nothing was saved; copy your text, open the page "
                        "again, and compare."
                    )
                    % {"language": name, "fields": "; ".join(conflicts)},
                )
                return conflicts
            for record, changed in changes:
                try:
                    record.full_clean(
                        exclude=[f.name for f in record._meta.fields if f.name not in changed]
                    )
                except ValidationError as error:
                    transaction.set_rollback(True)
                    messages.error(request, " ".join(error.messages))
                    return [str(record)]
                record.save(update_fields=changed)
            count = sum(len(changed) for _record, changed in changes)
            if count:
                revisions.record_revision(
                    bulletin,
                    user=request.user,
                    comment=revisions.comment(
                        gettext_noop("Translated side by side into %(language)s"),
                        language=get_language_info(target)["name"],
                    ),
                )
                audit_record(
                    user=request.user,
                    action=AuditEntry.Action.EDITED,
                    obj=bulletin,
                    detail=f"translation ({target}): {count}",
                )
                self.translation_saved(request, bulletin)
        messages.success(
            request,
            _("%(count)s texts in %(language)s saved.") % {"count": count, "language": name}
            if count
            else _("Nothing was changed."),
        )
        return []

    def translation_saved(self, request, bulletin):
        """A published issue's readers see a translation once a publisher publishes it."""
        from editorial.admin.workflow import say_changes_wait

        say_changes_wait(request, bulletin)
