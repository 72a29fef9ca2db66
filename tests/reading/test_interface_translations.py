"""The reading site's interface is translated into all seven languages.

Every page a reader can reach (and every edition of an issue's PDF, the error pages, the
feeds and the calendar) is rendered in every language while each string the interface
asks gettext for is recorded; each recorded string must then be in the catalog of every
language but English (whose text is the string itself): the project's catalogs in
locale/, or Django's own. A string missing from a language's catalog would be shown in
Chinese, the default language Django falls back to.
"""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.template import loader
from django.utils import translation
from django.utils.translation import trans_real

from bulletins.models import Bulletin
from publishing import services
from publishing.models import Edition
from publishing.pdf import document
from tests.factories import ArticleFactory, BulletinFactory, UserFactory, frozen, publish
from tests.reading.test_pages import DEMO_PAGES

TRANSLATED = [code for code, _name in settings.LANGUAGES if code != "en"]
# Every Django form asks for its label suffix; the site's templates never show it.
NEVER_SHOWN = {":"}

# Pages beyond DEMO_PAGES that show other strings: results with a date and a language, a
# form error, paging, a 404, feeds and the calendar.
MORE_PAGES = [
    "search/?q=Lancang",
    "search/?q=WWF&type=event",
    "search/?q=%E7%BB%BF%E8%89%B2",
    "search/?q=mangrove&year=1900",
    "search/?q=zzyzx",
    "bulletins/2020/2/no-such-article/",
    "feeds/rss/",
    "feeds/atom/",
    "events/calendar.ics",
    "subscribe/",
    "subscribe/sent/",
    "topics/climate-change/feeds/rss/",
]


@pytest.fixture
def asked_for(monkeypatch):
    """Every (context, message, plural) the interface translates while the test runs."""
    asked = set()
    real = translation._trans

    def gettext(message, original=real.gettext):
        asked.add((None, str(message), None))
        return original(message)

    def ngettext(singular, plural, number, original=real.ngettext):
        asked.add((None, str(singular), str(plural)))
        return original(singular, plural, number)

    def pgettext(context, message, original=real.pgettext):
        asked.add((context, str(message), None))
        return original(context, message)

    def npgettext(context, singular, plural, number, original=real.npgettext):
        asked.add((context, str(singular), str(plural)))
        return original(context, singular, plural, number)

    for name, function in [
        ("gettext", gettext),
        ("ngettext", ngettext),
        ("pgettext", pgettext),
        ("npgettext", npgettext),
    ]:
        monkeypatch.setattr(real, name, function)
    return asked


def catalog_key(context, message, plural):
    key = f"{context}\x04{message}" if context else message
    return (key, 0) if plural else key


def missing_in(language, asked):
    catalog = trans_real.translation(language)._catalog
    return sorted(
        message
        for context, message, plural in asked
        if message not in NEVER_SHOWN and catalog_key(context, message, plural) not in catalog
    )


def render_every_edition(content):
    for language in [code for code, _name in settings.LANGUAGES]:
        document.build_html(content, language, draft=True, version=2)


@pytest.mark.django_db
def test_every_string_a_reader_sees_is_translated_into_every_language(client, demo, asked_for):
    # A corrected version (its note), and pending changes seen through a preview link.
    issue = Bulletin.objects.get(year=2020, number=5)
    publish(issue, note={"zh-hans": "更正了一处笔误。", "en": "A typo was corrected."})
    Bulletin.objects.filter(pk=issue.pk).update(title_en="A pending title")
    link = services.preview_link_create(
        bulletin=issue, user=UserFactory(role="Editor"), note="WWF", language="en", days=7
    )
    asked_for.clear()  # what the editors' side asked for; from here on, readers'
    for language in TRANSLATED + ["en"]:
        for page in DEMO_PAGES + MORE_PAGES:
            response = client.get(f"/{language}/{page}")
            assert response.status_code in (200, 400, 404), (language, page)
        preview = link.get_absolute_url().replace("/en/", f"/{language}/", 1)
        assert client.get(preview).status_code == 200
        with translation.override(language):
            for template in ("500.html", "503.html"):
                loader.get_template(template).render()
    render_every_edition(Edition.objects.get(year=2020, number=2).content)
    # An issue written in Thai: the other editions print it marked as untranslated.
    thai = BulletinFactory(source_language="th")
    ArticleFactory(bulletin=thai, headline_th="ป่าชายเลน", headline_zh_hans="", headline_en="")
    render_every_edition(frozen(thai))
    assert len(asked_for) > 100

    missing = {language: missing_in(language, asked_for) for language in TRANSLATED}

    assert missing == {language: [] for language in TRANSLATED}


# Where the reading site's strings are written: its templates and Python, what base.html's
# <head> says of every page, and the mails to subscribers.
READING_SOURCES = (
    "reading/",
    "lmec/seo.py",
    "templates/base.html",
    "templates/404.html",
    "templates/500.html",
    "templates/503.html",
    "templates/error_page.html",
    "templates/home.html",
    "templates/includes/",
    "templates/bulletins/",
    "templates/partners/",
    "templates/events/",
    "templates/topics/",
    # Subscribing, and the mails readers get (publishing/mail/).
    "templates/subscriptions/",
    "templates/publishing/",
    "publishing/mail/",
)


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_string_of_the_reading_sites_code_has_a_translation_in_the_catalog(language):
    """Also the strings no page of the demo content shows (an empty list, a preview)."""
    locale = translation.to_locale(language)
    path = Path(settings.LOCALE_PATHS[0]) / locale / "LC_MESSAGES" / "django.po"
    with path.open("rb") as po:
        catalog = read_po(po)

    untranslated = [
        message.id
        for message in catalog
        if message.id
        and any(place.startswith(READING_SOURCES) for place, _line in message.locations)
        and (
            not all(message.string if isinstance(message.string, tuple) else [message.string])
            or message.fuzzy
        )
    ]

    assert untranslated == []
