"""The archive of issues, an issue's page and an article's page.

Readers read editions only: the version of each issue that is current
(``Edition.objects.current()``), whose page body was built once per language
(reading/pages.py). Staff who may change issues see at the same address the issue as
its records are now when that differs (reading/previewing.py).
"""

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.vary import vary_on_cookie

from lmec.dates import format_year
from lmec.page_cache import cacheable_page
from lmec.seo import PageMeta
from publishing.models import Edition, EditionArticle
from publishing.selectors import current_edition, current_editions, related_articles
from reading import pages
from reading.citations import cite
from reading.pagination import paginate
from reading.presenters import article_with_texts
from reading.previewing import PreviewBanner, mark_as_preview, may_preview, staff_issue

# Twenty issues with their headlines make a page of about 40 KB, whatever the archive's size.
ISSUES_PER_PAGE = 20


@cacheable_page
def archive(request, year=None):
    """Every published issue, newest first, optionally one year only, a page at a time."""
    editions = current_editions().order_by("-year", "-number")
    years = list(current_editions().order_by("-year").values_list("year", flat=True).distinct())
    if year is not None:
        editions = editions.filter(year=year)
    issue_pages = paginate(request, editions, per_page=ISSUES_PER_PAGE)
    editions = list(issue_pages.items)
    if year is not None and not editions:
        raise Http404(_("No issue was published in this year."))
    articles = EditionArticle.objects.filter(edition__in=editions).order_by("position")
    by_edition = {}
    for article in articles:
        by_edition.setdefault(article.edition_id, []).append(article)
    for edition in editions:
        edition.article_rows = by_edition.get(edition.pk, [])
        for article in edition.article_rows:
            article.edition = edition
            article_with_texts(article)
    title = (
        _("Issues of %(year)s") % {"year": format_year(year)} if year else _("Archive of issues")
    )
    context = {
        "bulletins": editions,
        "pages": issue_pages,
        "year": year,
        "years": years,
        "meta": PageMeta(title=title, description=_("Every issue of the bulletin, newest first.")),
    }
    return render(request, "bulletins/bulletin_archive.html", context)


def _render(request, template, page_html, meta, languages, preview=None, status=200, **extra):
    context = {
        "body": mark_safe(page_html),  # rendered from our templates, texts escaped there
        "meta": meta,
        "content_languages": languages,
        "preview": preview,
        **extra,
    }
    response = render(request, template, context, status=status)
    return mark_as_preview(response) if preview else response


def _staff_version(request, current, year, number):
    """The edition staff asked for with ``?version=N`` (an earlier or scheduled one)."""
    version = request.GET.get("version", "")
    if not version.isdigit() or len(version) > 4:
        return None
    bulletin_id = current.bulletin_id if current else None
    editions = Edition.objects.without_content().filter(version=int(version))
    if bulletin_id:
        return editions.filter(bulletin_id=bulletin_id).first()
    return editions.filter(bulletin__year=year, bulletin__number=number).first()


def _page(request, year, number, slug=""):
    """An issue's page (``slug`` empty) or an article's, for readers or for staff."""
    template = "bulletins/article_detail.html" if slug else "bulletins/bulletin_detail.html"
    language = get_language()
    staff = may_preview(request.user)
    if not staff and (page := pages.current_prepared_page(year, number, language, slug)):
        # A reader, the page prepared already: one query.
        meta = pages.page_meta(page.meta, request)
        return _render(request, template, page.html, meta, page.edition.languages)
    current = current_edition(year, number)
    if staff:
        shown = _staff_version(request, current, year, number)
        if shown is not None:
            page = pages.prepared_page(shown.pk, language, slug)
            if page is None:
                raise Http404
            banner = PreviewBanner(
                status=_("version %(version)s") % {"version": shown.version},
                live_version=current.version if current else None,
                shown_version=shown.version,
            )
            meta = pages.page_meta(page.meta, request)
            return _render(request, template, page.html, meta, shown.languages, banner)
        preview = staff_issue(year, number, current)
        if preview is not None:
            return render_preview(request, template, preview, preview.issue(language), slug)
    if current is None:
        raise Http404(_("There is no such issue."))
    page = pages.prepared_page(current.pk, language, slug)
    if page is None:
        raise Http404(_("There is no such article in this issue."))
    return _render(
        request,
        template,
        page.html,
        pages.page_meta(page.meta, request),
        current.languages,
        **_around_the_body(request, current, page, slug),
    )


def _around_the_body(request, edition, page, slug) -> dict:
    """What changes around an edition's prepared page: the reference to cite (with today's
    date) and, for an article, the related articles of the issues published since."""
    context = {
        "citation": cite(
            language=get_language(),
            year=edition.year,
            number=edition.number,
            date=edition.publication_date,
            url=request.build_absolute_uri(request.path),
            headline=page.meta.get("headline", ""),
        )
    }
    if slug:
        context["related_articles"] = [
            article_with_texts(article) for article in related_articles(edition.pk, slug)
        ]
    return context


def render_preview(request, template, preview, issue, slug):
    built = pages.body_and_meta(issue, slug)
    if built is None:
        raise Http404(_("There is no such article in this issue."))
    html, meta = built
    return _render(
        request,
        template,
        html,
        pages.page_meta(meta, request),
        preview.content["languages"],
        preview.banner,
    )


@cacheable_page
@vary_on_cookie
def issue(request, year, number):
    """One issue with all its articles and viewpoints, then its contact and about blocks."""
    return _page(request, year, number)


@cacheable_page
@vary_on_cookie
def article(request, year, number, slug):
    """One article with its viewpoints, and the way to the previous and next article."""
    return _page(request, year, number, slug)


def to_canonical_address(request, view, **kwargs):
    """A page of an issue asked for at another address than its own (``/2020/02/``): moved
    permanently to it, with its query string."""
    url = reverse(view, kwargs=kwargs)
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
