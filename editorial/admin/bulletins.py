from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.widgets import AdminDateWidget
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from audit import revisions
from bulletins.completeness import translation_matrix
from bulletins.models import AboutBlock, Article, ArticleImage, Bulletin, ContactBlock, Viewpoint
from editorial.admin.base import EditorialAdmin, EditorialStackedInline
from editorial.admin.importing import BulletinImportAdminMixin
from editorial.admin.mailings import BulletinMailAdminMixin
from editorial.admin.pdfs import BulletinPDFAdminMixin
from editorial.admin.workflow import BulletinWorkflowAdminMixin, ChangesWaitMessageMixin
from editorial.nesting import KnownChoicesForm, NestedAdminMixin, NestedInlineMixin
from editorial.ordering import PositionedInlineFormSet
from editorial.translating import TranslationViewMixin
from editorial.translators import field_languages
from events.models import Event
from lmec.localized import translated_search_fields
from partners.models import Organization, Person
from publishing import snapshot
from publishing.models import Edition

# History: a revision of any part of an issue holds the whole issue (audit/revisions.py).
revisions.register(Bulletin, children=["articles"])
revisions.register(Article, parent="bulletin", children=["viewpoints", "images"])
revisions.register(Viewpoint, parent="article")
revisions.register(ArticleImage, parent="article")
revisions.register(ContactBlock)
revisions.register(AboutBlock)


class PublishedVersionForm(forms.ModelForm):
    """Refuse to change a contact or about block in place once an issue went out with it."""

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk and self.has_changed():
            published = self.instance.bulletins.filter(status=Bulletin.Status.PUBLISHED)
            if published.exists():
                labels = ", ".join(str(bulletin.label) for bulletin in published)
                raise ValidationError(
                    _(
                        "Issues %(issues)s were published with this version, and must keep it. "
                        "Use “Save as new” to make a new version with your changes."
                    ),
                    params={"issues": labels},
                )
        return cleaned_data


@admin.register(ContactBlock)
class ContactBlockAdmin(EditorialAdmin):
    form = PublishedVersionForm
    save_as = True
    list_display = ["label", "valid_from"]
    search_fields = ["label", "emails", *translated_search_fields("organization_names")]


@admin.register(AboutBlock)
class AboutBlockAdmin(EditorialAdmin):
    form = PublishedVersionForm
    save_as = True
    list_display = ["label", "valid_from"]
    search_fields = ["label", *translated_search_fields("text")]


class ArticleInlineFormSet(PositionedInlineFormSet):
    def clean(self):
        """Give articles left without a slug one made from their headline.

        It happens before the formset checks that slugs are unique in the issue, so two
        new articles with the same headline get "forum-held" and "forum-held-2".
        """
        forms_kept = [
            form
            for form in self.forms
            if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
        ]
        taken = {form.cleaned_data["slug"] for form in forms_kept if form.cleaned_data.get("slug")}
        for form in forms_kept:
            if form.cleaned_data.get("slug"):
                continue
            base = slug = form.instance.make_slug()
            suffix = 2
            while slug in taken:
                slug, suffix = f"{base}-{suffix}", suffix + 1
            form.cleaned_data["slug"] = form.instance.slug = slug
            taken.add(slug)
        super().clean()


def _made_in_place(model, language: str, name_field: str, name: str, **values):
    """A registry record made from the name an editor typed, in the issue's language; its
    slug comes by itself (lmec.slugs)."""
    record = model(**{build_localized_fieldname(name_field, language): name}, **values)
    record.full_clean()
    record.save()
    return record


def _new_record_field(label, help_text, max_length=255):
    """A name to make a registry record from, beside the field that chooses one."""
    return forms.CharField(label=label, max_length=max_length, required=False, help_text=help_text)


class ViewpointForm(KnownChoicesForm):
    """A viewpoint whose partner or speaker may be new: typed by name, made on save."""

    new_organization = _new_record_field(
        _("or a new organization"),
        _("Not in the registry yet? Write its name; it is added when you save."),
    )
    new_person = _new_record_field(
        _("or a new person"),
        _("A named speaker not in the registry yet; added when you save."),
        max_length=Person._meta.get_field("name").max_length,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "organization" in self.fields:
            self.fields["organization"].required = False

    def clean(self):
        cleaned_data = super().clean()
        if "organization" in self.fields and not (
            cleaned_data.get("organization") or cleaned_data.get("new_organization")
        ):
            self.add_error("organization", self.fields["organization"].error_messages["required"])
        return cleaned_data

    def save(self, commit=True):
        language = self.instance.article.bulletin.source_language
        if self.cleaned_data.get("new_organization") and not self.cleaned_data.get("organization"):
            self.instance.organization = _made_in_place(
                Organization, language, "name", self.cleaned_data["new_organization"]
            )
        if self.cleaned_data.get("new_person") and not self.cleaned_data.get("person"):
            self.instance.person = _made_in_place(
                Person,
                language,
                "name",
                self.cleaned_data["new_person"],
                organization=self.instance.organization,
            )
        return super().save(commit)


class ArticleForm(KnownChoicesForm):
    """An article whose event may be new: a title and a date, made on save."""

    new_event = _new_record_field(
        _("or a new event"),
        _("Not among the events yet? Write its title and date; added when you save."),
    )
    new_event_date = forms.DateField(label=_("its date"), required=False, widget=AdminDateWidget)

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("new_event") and not cleaned_data.get("new_event_date"):
            self.add_error("new_event_date", _("A new event needs its date."))
        return cleaned_data

    def save(self, commit=True):
        if self.cleaned_data.get("new_event") and not self.cleaned_data.get("event"):
            self.instance.event = _made_in_place(
                Event,
                self.instance.bulletin.source_language,
                "title",
                self.cleaned_data["new_event"],
                start_date=self.cleaned_data["new_event_date"],
            )
        return super().save(commit)


def languages_of_the_issue(bulletin: Bulletin | None) -> set[str]:
    """The languages the issue's page shows fields in: Chinese and English (the center
    writes both), its source language, and every language it has a text in. Other
    languages are translated side by side (editorial/translating.py), which keeps the page
    that composes a whole issue light."""
    always = {settings.LANGUAGE_CODE, "en"}
    if bulletin is None or bulletin.pk is None:
        return always
    if not hasattr(bulletin, "_languages_shown"):
        cells = translation_matrix(bulletin).languages_with_content()
        bulletin._languages_shown = (
            always | {bulletin.source_language} | {cell.language for cell in cells}
        )
    return bulletin._languages_shown


class IssueLanguagesMixin:
    """For the issue's admin and the inlines on its page (nested ones too): fields in the
    issue's languages only (``languages_of_the_issue``)."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not (isinstance(obj, Bulletin) or getattr(self, "is_nested", False)):
            return fieldsets
        bulletin = obj if isinstance(obj, Bulletin) else getattr(obj, "bulletin", None)
        shown = languages_of_the_issue(bulletin)
        languages = field_languages(self.model)
        return [
            (
                name,
                {
                    **options,
                    "fields": [
                        f
                        for f in options["fields"]
                        if languages.get(f, "") in shown or f not in languages
                    ],
                },
            )
            for name, options in fieldsets
        ]


class ViewpointInlineFormSet(PositionedInlineFormSet):
    """A viewpoint added to an article is proposed the article's topics."""

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        is_new = index is None or index >= self.initial_form_count()
        if is_new and self.instance.pk:
            kwargs["initial"] = {"topics": list(self.instance.topics.values_list("pk", flat=True))}
        return kwargs


class ViewpointInline(IssueLanguagesMixin, EditorialStackedInline):
    model = Viewpoint
    form = ViewpointForm
    formset = ViewpointInlineFormSet
    fields = [
        "position",
        ("organization", "new_organization"),
        ("person", "new_person"),
        "speaker_label",
        "speaker_title",
        "statement",
        "topics",
    ]
    autocomplete_fields = ["organization", "person", "topics"]
    extra = 0

    def source_language(self, article):
        return article.bulletin.source_language


class ArticleInline(IssueLanguagesMixin, NestedInlineMixin, EditorialStackedInline):
    """The issue's articles, each with its body and its viewpoints (editorial/nesting.py)."""

    model = Article
    form = ArticleForm
    formset = ArticleInlineFormSet
    fields = [
        "position",
        "kicker",
        "headline",
        "slug",
        "body",
        "viewpoints_heading",
        ("event", "new_event", "new_event_date"),
        "topics",
    ]
    autocomplete_fields = ["event", "topics"]
    nested_inlines = (("viewpoints", ViewpointInline),)
    show_change_link = True
    extra = 0

    def get_queryset(self, request):
        viewpoints = Viewpoint.objects.select_related("organization", "person").prefetch_related(
            "topics"
        )
        return (
            super()
            .get_queryset(request)
            .select_related("event")
            .prefetch_related("topics", Prefetch("viewpoints", queryset=viewpoints))
        )


@admin.register(Bulletin)
class BulletinAdmin(
    IssueLanguagesMixin,
    NestedAdminMixin,
    BulletinImportAdminMixin,
    BulletinPDFAdminMixin,
    BulletinMailAdminMixin,
    BulletinWorkflowAdminMixin,
    TranslationViewMixin,
    EditorialAdmin,
):
    list_display = [
        "label",
        "display_title",
        "publication_date",
        "status_display",
        "article_count",
        "translations",
    ]
    list_filter = [
        "year",
        "status",
        ("articles__topics", admin.RelatedOnlyFieldListFilter),
        "articles__viewpoints__organization__kind",
    ]
    search_fields = [
        *translated_search_fields("title", "summary"),
        *translated_search_fields("headline", "kicker", prefix="articles__"),
        *translated_search_fields(
            "name", "short_name", prefix="articles__viewpoints__organization__"
        ),
    ]
    date_hierarchy = "publication_date"
    inlines = [ArticleInline]
    fieldsets = [
        (None, {"fields": [("year", "number"), "publication_date", "source_language"]}),
        (_("Publication"), {"fields": Bulletin.WORKFLOW_FIELDS}),
        (_("Presentation"), {"fields": ["title", "summary", "cover_image", "cover_image_alt"]}),
        (_("Closing blocks"), {"fields": ["contact_block", "about_block"]}),
    ]

    def get_queryset(self, request):
        # With what the status column needs to tell pending changes (publishing/snapshot.py).
        return snapshot.issue_queryset(
            super().get_queryset(request).annotate(article_total=Count("articles"))
        ).prefetch_related(Prefetch("editions", queryset=Edition.objects.without_content()))

    @admin.display(description=_("articles"), ordering="article_total")
    def article_count(self, bulletin):
        return bulletin.article_total

    @admin.display(description=_("issue"), ordering="year")
    def label(self, bulletin):
        return bulletin.label

    @admin.display(description=_("title"))
    def display_title(self, bulletin):
        return bulletin.display_title

    def get_readonly_fields(self, request, obj=None):
        return Bulletin.WORKFLOW_FIELDS

    def get_changeform_initial_data(self, request):
        today = timezone.localdate()
        initial = {
            "year": today.year,
            "number": Bulletin.objects.next_number(today.year),
            "publication_date": today,
            "contact_block": ContactBlock.objects.first(),
            "about_block": AboutBlock.objects.first(),
        }
        return initial | super().get_changeform_initial_data(request)


class ArticleImageInline(EditorialStackedInline):
    model = ArticleImage
    formset = PositionedInlineFormSet
    fields = ["position", "image", "alt_text", "caption", "credit"]
    extra = 0

    def source_language(self, article):
        return article.bulletin.source_language


@admin.register(Article)
class ArticleAdmin(ChangesWaitMessageMixin, TranslationViewMixin, EditorialAdmin):
    list_display = ["headline", "bulletin", "position", "event"]
    list_filter = ["bulletin__year", "topics", "viewpoints__organization__kind"]
    list_select_related = ["bulletin", "event"]
    search_fields = translated_search_fields("headline", "kicker", "body")
    autocomplete_fields = ["bulletin", "event", "topics"]
    inlines = [ViewpointInline, ArticleImageInline]
    fields = [
        "bulletin",
        "position",
        "kicker",
        "headline",
        "slug",
        "body",
        "event",
        "topics",
        "viewpoints_heading",
    ]

    def bulletin_of(self, article):
        return article.bulletin

    def source_language(self, article):
        return article.bulletin.source_language


@admin.register(Viewpoint)
class ViewpointAdmin(ChangesWaitMessageMixin, EditorialAdmin):
    list_display = ["speaker_line", "organization", "article"]
    list_filter = ["organization__kind", "article__bulletin__year"]
    list_select_related = ["organization", "person", "article"]
    search_fields = [
        *translated_search_fields("statement", "speaker_label"),
        *translated_search_fields("name", prefix="organization__"),
        *translated_search_fields("name", prefix="person__"),
    ]
    autocomplete_fields = ["article", "organization", "person", "topics"]

    def bulletin_of(self, viewpoint):
        return viewpoint.article.bulletin

    def source_language(self, viewpoint):
        return viewpoint.article.bulletin.source_language

    @admin.display(description=_("speaker"))
    def speaker_line(self, viewpoint):
        return viewpoint.speaker
