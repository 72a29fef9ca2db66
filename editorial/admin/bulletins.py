from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit import revisions
from bulletins.models import AboutBlock, Article, ArticleImage, Bulletin, ContactBlock, Viewpoint
from editorial.admin.base import EditorialAdmin, EditorialStackedInline, EditorialTabularInline
from editorial.admin.importing import BulletinImportAdminMixin
from editorial.admin.pdfs import BulletinPDFAdminMixin
from editorial.admin.workflow import BulletinWorkflowAdminMixin
from lmec.localized import translated_search_fields
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


class ArticleInlineFormSet(forms.BaseInlineFormSet):
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


class ArticleInline(EditorialStackedInline):
    model = Article
    formset = ArticleInlineFormSet
    fields = ["position", "kicker", "headline", "slug", "event", "topics"]
    autocomplete_fields = ["event", "topics"]
    show_change_link = True
    extra = 0


@admin.register(Bulletin)
class BulletinAdmin(
    BulletinImportAdminMixin, BulletinPDFAdminMixin, BulletinWorkflowAdminMixin, EditorialAdmin
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


class ViewpointInlineFormSet(forms.BaseInlineFormSet):
    """A viewpoint added to an article is proposed the article's topics."""

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        is_new = index is None or index >= self.initial_form_count()
        if is_new and self.instance.pk:
            kwargs["initial"] = {"topics": list(self.instance.topics.values_list("pk", flat=True))}
        return kwargs


class ViewpointInline(EditorialStackedInline):
    model = Viewpoint
    formset = ViewpointInlineFormSet
    fields = [
        "position",
        "organization",
        "person",
        "speaker_label",
        "speaker_title",
        "statement",
        "topics",
    ]
    autocomplete_fields = ["organization", "person", "topics"]
    extra = 0

    def source_language(self, article):
        return article.bulletin.source_language


class ArticleImageInline(EditorialTabularInline):
    model = ArticleImage
    fields = ["position", "image", "alt_text", "caption", "credit"]
    extra = 0

    def source_language(self, article):
        return article.bulletin.source_language


@admin.register(Article)
class ArticleAdmin(EditorialAdmin):
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

    def source_language(self, article):
        return article.bulletin.source_language


@admin.register(Viewpoint)
class ViewpointAdmin(EditorialAdmin):
    list_display = ["speaker", "organization", "article"]
    list_filter = ["organization__kind", "article__bulletin__year"]
    list_select_related = ["organization", "person", "article"]
    search_fields = [
        *translated_search_fields("statement", "speaker_label"),
        *translated_search_fields("name", prefix="organization__"),
        *translated_search_fields("name", prefix="person__"),
    ]
    autocomplete_fields = ["article", "organization", "person", "topics"]

    def source_language(self, viewpoint):
        return viewpoint.article.bulletin.source_language
