"""Template tags of the reading site: translated fields with their language, the language
switcher's links, the same page in another language, dates and years (lmec/dates.py),
country names and JSON-LD.

Registered under the name ``reading`` in settings.TEMPLATES, so every template can
``{% load reading %}``.
"""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, override

from lmec import dates
from lmec.languages import country_name as cldr_country_name
from lmec.localized import localized
from reading.pagination import canonical_query

register = template.Library()

# Escapes that keep JSON inside <script> from closing the element (as json_script does).
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def tr(obj, field, source_language=None):
    """``{% tr article "headline" as headline %}``: the text and the language it is in."""
    return localized(obj, field, source_language)


@register.filter
def lang_attr(value):
    """` lang="zh-hans"` when ``value`` is in another language than the page, else nothing."""
    lang = getattr(value, "lang", None)
    if not lang or lang == get_language():
        return ""
    return format_html(' lang="{}"', lang)


@register.filter
def language_name(code):
    """The language's own name ("中文", "ไทย") for a code."""
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return code


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in every language it has, for the switcher and the hreflang alternates.

    Pages of an issue put the languages the issue is written in into the context
    (``content_languages``, from ``Bulletin.content_languages()``): readers are offered those, plus the language they are reading
    in, marked current; only those are alternates for search engines, since the page in
    any other language shows the same text in its source language. Other pages exist in
    every language.

    Each link keeps the query string. A page that did not resolve (a 404 for an unknown
    path) links to the home page of each language instead. ``x_default`` is the address
    without a language prefix, which redirects by the browser's languages.
    """
    request = context.get("request")
    current = get_language()
    offered = context.get("content_languages")
    # A search's query string holds the reader's words: links without it (site.js adds
    # it back on a click), so that a page never repeats them seven times over.
    keep_query = not context.get("query_in_links_by_script")
    links = []
    for code, _name in settings.LANGUAGES:
        is_alternate = offered is None or code in offered
        if not is_alternate and code != current:
            continue
        url = page_url_in(request, code, with_query=keep_query)
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": url,
                "absolute_url": request.build_absolute_uri(url) if request else url,
                "is_current": code == current,
                "is_alternate": is_alternate,
                "adds_query": not keep_query,
            }
        )
    default = links[0]["absolute_url"].replace(f"/{links[0]['code']}/", "/", 1)
    return {"links": links, "x_default": default}


def page_url_in(request, language: str, *, with_query=True) -> str:
    """The address of the requested page in ``language``, with its query string; the home
    page of that language for a page that did not resolve (a 404)."""
    match = getattr(request, "resolver_match", None)
    query = request.META.get("QUERY_STRING", "") if request and with_query else ""
    with override(language):
        if match is not None and match.url_name:
            try:
                url = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                return reverse("home")
            return f"{url}?{query}" if query else url
        return reverse("home")


@register.simple_tag(takes_context=True)
def page_in(context, language, anchor=""):
    """``{% page_in text.lang anchor as url %}``: this page in another language (the
    fallback note's link to the language a text is shown in).

    A body built ahead of any request (reading/pages.py) names its page as ``page_view``:
    (URL name, arguments)."""
    if page_view := context.get("page_view"):
        name, kwargs = page_view
        with override(language):
            url = reverse(name, kwargs=kwargs)
    else:
        url = page_url_in(context.get("request"), language)
    return f"{url}#{anchor}" if anchor else url


SECTIONS = {
    "home": "home",
    "bulletins:archive": "bulletins",
    "bulletins:archive-year": "bulletins",
    "bulletins:detail": "bulletins",
    "bulletins:article": "bulletins",
    "bulletins:topic-list": "topics",
    "bulletins:topic-detail": "topics",
    "bulletins:search": "search",
}


@register.simple_tag(takes_context=True)
def current_section(context):
    """Which item of the main navigation the page belongs to."""
    match = getattr(context.get("request"), "resolver_match", None)
    if match is None:
        return ""
    return SECTIONS.get(match.view_name, match.namespace)


OPEN_GRAPH_LOCALES = {
    "zh-hans": "zh_CN",
    "en": "en_US",
    "th": "th_TH",
    "vi": "vi_VN",
    "lo": "lo_LA",
    "km": "km_KH",
    "my": "my_MM",
}


@register.filter
def og_locale(code):
    return OPEN_GRAPH_LOCALES.get(code, code)


@register.simple_tag
def date_range(start, end=None):
    """ "2020年3月23日 – 2020年3月29日", or one date when the event lasts a day."""
    return dates.format_date_range(start, end)


@register.filter
def long_date(value):
    """ "2020年8月3日", "3 August 2020", "3 สิงหาคม พ.ศ. 2563": the page language's long date."""
    return dates.format_date(value) if value else ""


@register.filter
def long_datetime(value):
    """The long date and the time, in the site's time zone (lmec/dates.py)."""
    return dates.format_datetime(value) if value else ""


@register.filter
def year(value):
    """A year as the page's language counts it ("2563" in Thai for 2020)."""
    return dates.format_year(int(value)) if value else ""


@register.filter
def country_name(code):
    """A country's name in the page's language, from CLDR (``organization.country``)."""
    return cldr_country_name(code) if code else ""


@register.filter
def json_ld(data):
    """Render a dict as a schema.org JSON-LD block (data, never executed)."""
    if not data:
        return ""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        JSON_SCRIPT_ESCAPES
    )
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's canonical address: its path, with the list and the page of it shown
    (reading/pagination.py), without any other query parameter."""
    request = context.get("request")
    if request is None:
        return ""
    query = canonical_query(request)
    return request.build_absolute_uri(f"{request.path}?{query}" if query else request.path)


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """``url`` with scheme and host, for canonical links, feeds and Open Graph tags."""
    request = context.get("request")
    if not url or request is None:
        return url
    return request.build_absolute_uri(url)
