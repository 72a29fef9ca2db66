"""Long lists on public pages, in pages of a fixed size at addresses that can be linked.

A list's first page is at the page's own address, page N at ``?page=N``; a second or third
list on the same page has a parameter of its own (``?viewpoints=2``, ``?events=2``), so
each list pages on by itself. A page number that is not a number, or past the last page,
is a 404: every address that answers is a real page. ``?page=1`` shows the first page and
names the address without it as canonical. Each page is its own canonical address
(``canonical_url`` in reading/templatetags/reading.py keeps the parameters below), and
the main list's neighbours are its rel="prev" and rel="next".
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import InvalidPage, Page, Paginator
from django.http import Http404
from django.utils.translation import gettext as _

# The query parameters that choose a page of a list: part of a page's canonical address.
PAGE_PARAMETERS = ("page", "viewpoints", "events")
# Parameters that choose what a list holds (the events of a year, partners of a kind): part
# of the canonical address too. Anything else (tracking parameters) is not.
LIST_PARAMETERS = ("year", "kind", "country")


@dataclass
class ListPage:
    """One page of a list, with the addresses of its neighbours ("" when none)."""

    page: Page
    previous_url: str
    next_url: str
    anchor: str = ""

    @property
    def items(self):
        return self.page.object_list

    @property
    def previous_link(self) -> str:
        """The previous page, scrolled to the list (for the links under the list)."""
        return self._at_list(self.previous_url)

    @property
    def next_link(self) -> str:
        return self._at_list(self.next_url)

    def _at_list(self, url: str) -> str:
        return f"{url}#{self.anchor}" if url and self.anchor else url


def paginate(request, items, *, per_page: int, parameter: str = "page", anchor: str = ""):
    """The page of ``items`` the request asks for with ``?<parameter>=N``; 404 for no such
    page. ``anchor``: the id of the list's heading, for the links to its other pages."""
    assert parameter in PAGE_PARAMETERS
    number = request.GET.get(parameter, "1")
    if not number.isdigit() or len(number) > 6:
        raise Http404(_("There is no such page."))
    paginator = Paginator(items, per_page, allow_empty_first_page=True)
    try:
        page = paginator.page(int(number))
    except InvalidPage:
        raise Http404(_("There is no such page.")) from None
    previous_url = next_url = ""
    if page.has_previous():
        previous_url = page_url(request, parameter, page.previous_page_number())
    if page.has_next():
        next_url = page_url(request, parameter, page.next_page_number())
    return ListPage(page=page, previous_url=previous_url, next_url=next_url, anchor=anchor)


def page_url(request, parameter: str, number: int) -> str:
    """The canonical address of this page with page ``number`` of the list ``parameter``."""
    query = canonical_query(request, **{parameter: str(number)})
    return f"{request.path}?{query}" if query else request.path


def canonical_query(request, **pages) -> str:
    """The query string of a page's canonical address: which list, which page of each
    (``pages``: other page numbers than the request's)."""
    wanted = {**request.GET.dict(), **pages}
    kept = [
        (name, value)
        for name, value in wanted.items()
        if (name in PAGE_PARAMETERS and value != "1") or name in LIST_PARAMETERS
    ]
    return urlencode(sorted(kept))
