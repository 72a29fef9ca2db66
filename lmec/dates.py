"""Dates and years as each of the seven languages writes them, from CLDR (Babel).

One style per language for every output (pages, feeds, PDFs, generated text): CLDR's long
date ("2020年8月3日", "3 August 2020", "3 tháng 8, 2020", "3 ສິງຫາ 2020", "3 សីហា 2020",
"2020 ဩဂုတ် 3"), always with Latin digits (CLDR would write Burmese with Myanmar digits
elsewhere; the center's Burmese texts use Latin ones, like every other language here).

Thai dates count years in the Buddhist era (พ.ศ. 2563 for 2020): it is the calendar of
Thai government documents, newspapers and the Thai versions of the briefings, so a Thai
reader finds the same year in the masthead as in the text. Babel formats the Gregorian
calendar only; the Thai long date is CLDR's Thai pattern ("d MMMM G y") with the
Buddhist era and year put in, which is CLDR's long date of the Buddhist calendar.
"""

import datetime
from functools import cache

from babel.dates import format_date as babel_format_date
from django.utils import timezone
from django.utils.translation import get_language

from lmec.languages import babel_locale

THAI = "th"
BUDDHIST_ERA_NAME = "พ.ศ."  # CLDR's Thai abbreviation of the Buddhist era
BUDDHIST_ERA_OFFSET = 543
RANGE_SEPARATOR = " – "


def language_or_active(language: str | None) -> str:
    return language or get_language() or "en"


def format_year(year: int, language: str | None = None) -> str:
    """The year as the language counts it: "2020", in Thai "2563"."""
    if language_or_active(language) == THAI:
        return str(year + BUDDHIST_ERA_OFFSET)
    return str(year)


@cache
def long_date_pattern(language: str) -> str:
    pattern = babel_locale(language).date_formats["long"].pattern
    if language == THAI:
        # "d MMMM G y": the era and the year are filled in by format_date (Buddhist era).
        pattern = pattern.replace("G", "'{era}'").replace("y", "'{year}'")
    return pattern


def format_date(value: datetime.date, language: str | None = None) -> str:
    """The long date in ``language`` (the active language by default)."""
    language = language_or_active(language)
    pattern = long_date_pattern(language)
    if language == THAI:
        pattern = pattern.format(era=BUDDHIST_ERA_NAME, year=format_year(value.year, THAI))
    return babel_format_date(value, pattern, locale=babel_locale(language))


def format_date_range(
    start: datetime.date, end: datetime.date | None = None, language: str | None = None
) -> str:
    """ "2020年3月23日 – 2020年3月29日", or one date when it is one day."""
    if end is None or end == start:
        return format_date(start, language)
    return format_date(start, language) + RANGE_SEPARATOR + format_date(end, language)


def format_datetime(value: datetime.datetime, language: str | None = None) -> str:
    """The long date and the 24-hour time, in the site's time zone: "2020年8月3日 14:30".

    The time is written the same in every language: CLDR's Khmer and English times would
    add a Latin "PM"."""
    local = timezone.localtime(value)
    return f"{format_date(local.date(), language)} {local:%H:%M}"
