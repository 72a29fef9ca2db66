"""The reader's pages of issues, articles and topics.

The issue and article views look their object up in ``get_queryset()``: the public gets
``published()`` only; a preview for staff can override that one method.
"""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from bulletins.models import Article, ArticleImage, Bulletin, Viewpoint
from lmec.localized import localized
from lmec.page_cache import CacheablePageMixin
from lmec.seo import PageMeta, describe, publisher_json_ld
from reading.presenters import article_texts, full_article_texts, viewpoint_texts
from reading.previewing import StaffPreviewMixin

# Prefetched children are ordered explicitly: their Meta.ordering starts with the parent
# ("bulletin", "article"), which would join the parent's table only to sort by it.
IN_PARENT_ORDER = ("position", "pk")


def viewpoints_prefetch():
    return Prefetch(
        "viewpoints",
        queryset=Viewpoint.objects.select_related("organization", "person").order_by(
            *IN_PARENT_ORDER
        ),
    )


def images_prefetch():
    return Prefetch("images", queryset=ArticleImage.objects.order_by(*IN_PARENT_ORDER))


def headlines_prefetch():
    """An issue's articles for a table of contents."""
    return Prefetch("articles", queryset=Article.objects.order_by(*IN_PARENT_ORDER))


def articles_prefetch():
    """An issue's articles with their viewpoints and images, in a fixed number of queries.

    The issue page leaves each article's event and topics to the article's own page.
    """
    return Prefetch(
        "articles",
        queryset=Article.objects.order_by(*IN_PARENT_ORDER).prefetch_related(
            images_prefetch(), viewpoints_prefetch()
        ),
    )


def issue_label(bulletin) -> str:
    """The issue's full label: "简报 2020年第2期" / "Bulletin No. 2, 2020"."""
    return _("Bulletin %(label)s") % {"label": bulletin.label}


def image_url(request, field) -> str:
    """A stored image as a reader gets it: its largest rendition, never the master."""
    return request.build_absolute_uri(field.shown_url) if field else ""


def published_articles():
    """Public articles with their issue, newest issue first, for pages listing several issues."""
    return (
        Article.objects.published()
        .select_related("bulletin")
        .order_by("-bulletin__year", "-bulletin__number", "position")
    )


def published_viewpoints():
    """Public viewpoints, newest issue first, ready to be shown away from their article."""
    return (
        Viewpoint.objects.published()
        .select_related("organization", "person", "article__bulletin")
        .order_by(
            "-article__bulletin__year",
            "-article__bulletin__number",
            "article__position",
            "position",
        )
    )


def issue_title(bulletin, articles):
    """The issue's own title, else its lead article's headline (as LocalizedText)."""
    title = localized(bulletin, "title")
    if not title and articles:
        title = localized(articles[0], "headline", bulletin.source_language)
    return title


def with_article(viewpoint):
    """A viewpoint shown away from its article (partner and topic pages), with its texts."""
    source_language = viewpoint.article.bulletin.source_language
    viewpoint_texts(viewpoint, source_language)
    article_texts(viewpoint.article, source_language)
    return viewpoint


class BulletinViewMixin(CacheablePageMixin):
    """Public pages of the bulletins app: stored in the anonymous page cache."""


class ArchiveView(BulletinViewMixin, ListView):
    """Every published issue, newest first, optionally one year only."""

    template_name = "bulletins/bulletin_archive.html"
    context_object_name = "bulletins"

    def get_queryset(self):
        bulletins = Bulletin.objects.published().prefetch_related(headlines_prefetch())
        if "year" in self.kwargs:
            bulletins = bulletins.filter(year=self.kwargs["year"])
        return bulletins

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = self.kwargs.get("year")
        if year is not None and not context["bulletins"]:
            raise Http404(_("No issue was published in this year."))
        years = list(
            Bulletin.objects.published().order_by("-year").values_list("year", flat=True).distinct()
        )
        title = _("Issues of %(year)s") % {"year": year} if year else _("Archive of issues")
        context.update(
            year=year,
            years=years,
            meta=PageMeta(
                title=title,
                description=_("Every issue of the bulletin, newest first."),
            ),
        )
        return context


class BulletinDetailView(StaffPreviewMixin, BulletinViewMixin, DetailView):
    """One issue with all its articles and viewpoints, then its contact and about blocks.

    Readers see published issues; staff who may change issues also see the others, with
    a preview banner (StaffPreviewMixin).
    """

    template_name = "bulletins/bulletin_detail.html"
    context_object_name = "bulletin"

    def get_queryset(self):
        return self.visible(Bulletin.objects)

    def get_object(self, queryset=None):
        queryset = (queryset if queryset is not None else self.get_queryset()).select_related(
            "contact_block", "about_block"
        )
        return get_object_or_404(
            queryset.prefetch_related(articles_prefetch()),
            year=self.kwargs["year"],
            number=self.kwargs["number"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bulletin = self.object
        articles = [
            full_article_texts(article, bulletin.source_language)
            for article in bulletin.articles.all()
        ]
        title = issue_title(bulletin, articles)
        summary = localized(bulletin, "summary")
        description = summary or describe(" · ".join(a.text.headline for a in articles))
        label = issue_label(bulletin)
        context.update(
            articles=articles,
            content_languages=bulletin.content_languages(articles),
            summary=summary,
            meta=PageMeta(
                title=f"{label} · {title}" if title else label,
                description=description,
                image=image_url(self.request, bulletin.cover_image),
                type="website",
                json_ld=self.json_ld(bulletin, articles, label),
            ),
        )
        return context

    def json_ld(self, bulletin, articles, label):
        request = self.request
        url = request.build_absolute_uri(bulletin.get_absolute_url())
        return {
            "@context": "https://schema.org",
            "@type": "PublicationIssue",
            "@id": url,
            "url": url,
            "name": label,
            "issueNumber": str(bulletin.number),
            "datePublished": bulletin.publication_date,
            "inLanguage": bulletin.source_language,
            "isPartOf": {
                "@type": "Periodical",
                "name": _("Bulletin of the Lancang-Mekong Environmental Cooperation Center"),
                "publisher": publisher_json_ld(request),
            },
            "hasPart": [
                {
                    "@type": "NewsArticle",
                    "headline": article.text.headline,
                    "url": request.build_absolute_uri(article.get_absolute_url()),
                }
                for article in articles
            ],
        }


class ArticleDetailView(StaffPreviewMixin, BulletinViewMixin, DetailView):
    """One article with its viewpoints, and the way to the previous and next article."""

    template_name = "bulletins/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return self.visible(Article.objects)

    def get_object(self, queryset=None):
        queryset = queryset if queryset is not None else self.get_queryset()
        return get_object_or_404(
            queryset.select_related("bulletin", "event").prefetch_related(
                "topics", images_prefetch(), viewpoints_prefetch()
            ),
            bulletin__year=self.kwargs["year"],
            bulletin__number=self.kwargs["number"],
            slug=self.kwargs["slug"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        bulletin = article.bulletin
        full_article_texts(article, bulletin.source_language)
        siblings = list(Article.objects.filter(bulletin=bulletin).order_by(*IN_PARENT_ORDER))
        index = next(i for i, sibling in enumerate(siblings) if sibling.pk == article.pk)
        previous_article = siblings[index - 1] if index > 0 else None
        next_article = siblings[index + 1] if index + 1 < len(siblings) else None
        for sibling in filter(None, (previous_article, next_article)):
            sibling.bulletin = bulletin  # get_absolute_url without a query each
            article_texts(sibling, bulletin.source_language)
        headline = article.text.headline
        body = article.text.body
        images = list(article.images.all())
        label = issue_label(bulletin)
        context.update(
            bulletin=bulletin,
            content_languages=bulletin.content_languages(siblings),
            issue_label=label,
            headline=headline,
            previous_article=previous_article,
            next_article=next_article,
            meta=PageMeta(
                title=f"{headline} · {label}",
                description=describe(body) or label,
                image=self.request.build_absolute_uri(images[0].sources.src) if images else "",
                type="article",
                json_ld=self.json_ld(article, headline, body, images, label),
            ),
        )
        return context

    def json_ld(self, article, headline, body, images, label):
        request = self.request
        bulletin = article.bulletin
        url = request.build_absolute_uri(article.get_absolute_url())
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "@id": url,
            "url": url,
            "mainEntityOfPage": url,
            "headline": headline[:110],
            "description": describe(body),
            "datePublished": bulletin.published_at or bulletin.publication_date,
            "dateModified": bulletin.updated_at,
            "inLanguage": headline.lang,
            "author": publisher_json_ld(request),
            "publisher": publisher_json_ld(request),
            "isPartOf": {
                "@type": "PublicationIssue",
                "issueNumber": str(bulletin.number),
                "name": label,
                "url": request.build_absolute_uri(bulletin.get_absolute_url()),
            },
        }
        if images:
            data["image"] = [request.build_absolute_uri(image.sources.src) for image in images]
        if article.event_id:
            data["about"] = {
                "@type": "Event",
                "name": localized(article.event, "title"),
                "url": request.build_absolute_uri(article.event.get_absolute_url()),
            }
        return data
