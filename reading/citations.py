"""“Cite this” on issue and article pages: one reference, in the style readers of the
page's language are asked for.

Chinese pages: GB/T 7714-2015 (信息与文献 参考文献著录规则), an online serial (``[J/OL]``)
with its access date (引用日期)::

    澜沧江-湄公河环境合作中心. 澜沧江-湄公河环境合作中心简报[J/OL]. 2020(5). 北京: 澜沧江-湄公河环境合作中心, 2020[2026-12-03]. http://…/zh-hans/bulletins/2020/5/.
    澜沧江-湄公河环境合作中心. <headline>[J/OL]. 澜沧江-湄公河环境合作中心简报, 2020(5)[2026-12-03]. http://…/zh-hans/bulletins/2020/5/<slug>/.

Every other language: APA (7th edition), the center as author, the series title in
italics, names and dates in the page's language::

    Lancang-Mekong Environmental Cooperation Center. (2020, August 3). Bulletin of the Lancang-Mekong Environmental Cooperation Center, No. 5, 2020. http://…/en/bulletins/2020/5/
    Lancang-Mekong Environmental Cooperation Center. (2020, August 3). <headline>. Bulletin of the Lancang-Mekong Environmental Cooperation Center, (5). http://…/en/bulletins/2020/5/<slug>/

The access date makes the reference a day's: it is composed for each request, around the
page body prepared once per edition (reading/pages.py).
"""

import datetime
from dataclasses import dataclass

from babel import Locale
from babel.dates import format_skeleton
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from lmec.dates import format_year
from lmec.languages import babel_locale

GB_T_7714_LANGUAGES = ("zh-hans",)
PLACE_OF_PUBLICATION = "北京"  # GB/T 7714's 出版地, written in Chinese only


@dataclass(frozen=True)
class Citation:
    style: str  # its name, shown to readers
    text: str  # plain text, for the copy button
    html: str  # with the italics APA asks for


def cite(
    *, language: str, year: int, number: int, date: datetime.date, url: str, headline=""
) -> Citation:
    """The reference of an issue (or of one of its articles, ``headline``) at ``url``."""
    center = _("Lancang-Mekong Environmental Cooperation Center")
    series = _("Bulletin of the Lancang-Mekong Environmental Cooperation Center")
    if language in GB_T_7714_LANGUAGES:
        accessed = timezone.localdate().isoformat()
        if headline:
            text = f"{center}. {headline}[J/OL]. {series}, {year}({number})[{accessed}]. {url}."
        else:
            text = (
                f"{center}. {series}[J/OL]. {year}({number}). "
                f"{PLACE_OF_PUBLICATION}: {center}, {year}[{accessed}]. {url}."
            )
        return Citation("GB/T 7714-2015", text, format_html("{}", text))
    # APA writes the month before the day in English ("August 3"), as American English does.
    locale = Locale("en", "US") if language == "en" else babel_locale(language)
    day = format_skeleton("MMMMd", date, locale=locale)
    published = f"({format_year(year, language)}, {day})"
    if headline:
        parts = [f"{center}. {published}. {headline}. ", series, f", ({number}). {url}"]
    else:
        label = _("No. %(number)s, %(year)s") % {"number": number, "year": format_year(year)}
        parts = [f"{center}. {published}. ", f"{series}, {label}", f". {url}"]
    html = format_html("{}<i>{}</i>{}", *parts)
    return Citation("APA", "".join(parts), html)
