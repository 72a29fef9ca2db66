"""The search page: /<lang>/search/?q=…&type=…&year=…&language=…&page=…"""

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from lmec.dates import format_year
from lmec.seo import PageMeta
from publishing import search as search_index
from publishing.models import SearchEntry

RESULTS_PER_PAGE = 10
MAX_QUERY = 100


class SearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search for"), max_length=MAX_QUERY, required=False)
    type = forms.ChoiceField(
        label=gettext_lazy("Type"),
        required=False,
        choices=[("", gettext_lazy("All types")), *SearchEntry.Kind.choices],
    )
    year = forms.TypedChoiceField(
        label=gettext_lazy("Year"), required=False, coerce=int, empty_value=None
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language"),
        required=False,
        choices=[("", gettext_lazy("All languages")), *settings.LANGUAGES],
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("type", "year", "language"):
            self.fields[name].error_messages["invalid_choice"] = _("Choose one of those offered.")
        self.fields["year"].choices = [("", _("All years"))] + [(y, format_year(y)) for y in years]


def search(request):
    data, cut = cut_query(request.GET)
    form = SearchForm(data or None, years=search_index.entry_years())
    context = {
        "form": form,
        "page": None,
        "query": "",
        "query_was_cut": cut,
        "max_query": MAX_QUERY,
    }
    # The language links leave the reader's words out (site.js carries them over).
    context["query_in_links_by_script"] = bool(request.GET.get("q"))
    status = 200
    if form.is_bound and form.is_valid() and form.cleaned_data["q"].strip():
        query = search_index.Query.parse(form.cleaned_data["q"])
        results = search_index.search(
            query,
            language=get_language(),
            kind=form.cleaned_data["type"],
            year=form.cleaned_data["year"],
            only_language=form.cleaned_data["language"],
        )
        page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        pattern = search_index.highlighter(query)
        for entry in page.object_list:
            entry.title_html = search_index.highlight(entry.title, pattern)
            entry.snippet_html = search_index.snippet(entry.body, pattern)
        context.update(
            page=page,
            query=query.text,
            common_words_only=query.common_words_only,
            filters=filter_query_string(request),
        )
    elif form.is_bound and not form.is_valid():
        status = 400
    # The query is said twice on the page: in its title and in the search box.
    title = (
        _("Search: %(query)s") % {"query": context["query"]} if context["query"] else _("Search")
    )
    context["meta"] = PageMeta(title=title, description=_("Search the bulletin."), noindex=True)
    return render(request, "bulletins/search.html", context, status=status)


def cut_query(params):
    """The search parameters, the query cut to MAX_QUERY characters (a longer one is cut,
    not refused: a pasted paragraph still searches its beginning); and whether it was."""
    query = params.get("q", "")
    if len(query) <= MAX_QUERY:
        return params, False
    params = params.copy()
    params["q"] = query[:MAX_QUERY].strip()
    return params, True


def filter_query_string(request):
    """The query string without the page number, for the pagination links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
