"""A reader's journey in a real browser, on a phone and a desktop, and axe-core on every
kind of page: no serious or critical accessibility violation."""

import pytest

from tests.browser.conftest import AXE, MEKONG_FONTS_LOADED, load_mekong_fonts, open_page

BLOCKING = {"serious", "critical"}


def assert_fits(page):
    """Nothing wider than the screen: no sideways scrolling on a phone."""
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the window"


@pytest.mark.parametrize("width", [375, 1280])
def test_a_reader_goes_from_the_home_page_to_a_partner_then_searches_and_switches_language(
    browser, site, width
):
    page = open_page(browser, width)
    page.goto(site + "/en/")
    assert_fits(page)

    page.get_by_role("link", name="Read the whole issue").click()
    page.wait_for_url("**/en/bulletins/2020/5/")
    assert page.get_by_role("heading", level=1).inner_text().split() == [
        "Bulletin",
        "No.",
        "5,",
        "2020",
    ]
    assert_fits(page)

    page.locator("h2.article__headline a").first.click()
    page.wait_for_url("**/en/bulletins/2020/5/parallel-forum-2-sustainable-infrastructure/")
    assert_fits(page)

    page.locator('a.viewpoint__organization[href$="/partners/wcs/"]').first.click()
    page.wait_for_url("**/en/partners/wcs/")
    assert "Kerstin Brauneder" in page.locator("main").inner_text()
    assert_fits(page)

    if width < 768:  # on a phone the search is an icon in the header, leading to its page
        page.get_by_role("link", name="Search the bulletin").click()
        page.wait_for_url("**/en/search/")
        box = page.get_by_role("searchbox", name="Search for")
    else:
        box = page.get_by_role("searchbox", name="Search the bulletin")
    box.fill("红树林")
    box.press("Enter")
    page.wait_for_url("**/en/search/?q=*")
    assert page.locator("mark", has_text="红树林").count() > 0
    assert_fits(page)

    # The language switcher works from the keyboard and leads to the same page.
    page.locator(".language-switcher summary").focus()
    page.keyboard.press("Enter")
    page.get_by_role("link", name="简体中文").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/zh-hans/search/?q=*")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.get_by_role("heading", level=1).inner_text() == "搜索"
    assert_fits(page)
    page.context.close()


PAGE_TYPES = [
    "/zh-hans/",
    "/zh-hans/bulletins/",
    "/zh-hans/bulletins/2020/2/",
    "/zh-hans/bulletins/2020/2/building-consensus/",
    "/en/bulletins/2020/5/parallel-forum-2-sustainable-infrastructure/",
    "/zh-hans/partners/",
    "/en/partners/wwf/",
    "/zh-hans/events/",
    "/en/events/parallel-forum-2-sustainable-infrastructure-2020/",
    "/en/partners/",
    "/zh-hans/topics/",
    "/en/topics/mangroves/",
    "/zh-hans/search/?q=生物多样性",
    "/th/bulletins/2020/2/",  # shown in Chinese, with the fallback note
    "/en/no-such-page/",
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_kind_of_page_passes_axe(browser, site, scheme):
    page = open_page(browser, 1280, color_scheme=scheme)
    problems = []
    for path in PAGE_TYPES:
        page.goto(site + path)
        page.evaluate(AXE.read_text())
        results = page.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations']})"
        )
        for violation in results["violations"]:
            if violation["impact"] in BLOCKING:
                targets = [node["target"] for node in violation["nodes"]][:3]
                problems.append(f"{path}: {violation['id']} ({violation['impact']}) {targets}")
    page.context.close()

    assert problems == []


def test_the_site_brings_its_own_fonts_for_the_mekong_scripts(browser, site):
    """Where no installed font covers Thai, Lao, Khmer or Burmese, the site's own fonts load."""
    page = open_page(browser, 375)
    page.goto(site + "/km/")
    loaded = load_mekong_fonts(page)
    page.context.close()

    assert loaded == MEKONG_FONTS_LOADED


def test_the_phone_header_is_compact_and_its_sections_one_scrolling_row(browser, site):
    page = open_page(browser, 375)
    page.goto(site + "/en/")
    header = page.locator(".site-header").bounding_box()
    items = page.locator(".site-nav li").evaluate_all(
        "items => items.map(item => item.getBoundingClientRect().top)"
    )
    page.context.close()

    assert header["height"] <= 140
    assert len(set(items)) == 1  # one row, scrolled sideways when it is wider than the phone


def test_a_printed_issue_has_no_buttons(browser, site):
    page = open_page(browser, 1280)
    page.goto(site + "/en/bulletins/2020/2/")
    assert page.get_by_role("link", name="Download PDF").is_visible()
    page.emulate_media(media="print")

    assert not page.get_by_role("link", name="Download PDF").is_visible()
    assert not page.locator(".share").is_visible()
    assert page.locator("h1").is_visible()
    page.context.close()


def test_dark_mode_follows_the_readers_system(browser, site):
    page = open_page(browser, 1280, color_scheme="dark")
    page.goto(site + "/en/bulletins/2020/2/")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.context.close()

    red, green, blue = (int(part) for part in background[4:-1].split(","))
    assert red + green + blue < 120  # a dark page


def fonts_drawing(page, selector):
    """The fonts Chromium drew the text of the element at ``selector`` with (family names)."""
    devtools = page.context.new_cdp_session(page)
    devtools.send("DOM.enable")
    devtools.send("CSS.enable")
    root = devtools.send("DOM.getDocument")["root"]["nodeId"]
    node = devtools.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = devtools.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {font["familyName"] for font in fonts}


def test_a_correction_in_english_keeps_its_label_in_the_readers_script(browser, site):
    """The label of an English correction on a Thai, Khmer or Burmese page is drawn in its
    script's font, not as boxes (this machine has no installed font for these scripts)."""
    from bulletins.models import Bulletin
    from tests.factories import publish

    publish(Bulletin.objects.get(year=2020, number=2), note={"en": "A typo was corrected."})
    page = open_page(browser, 375)
    drawn = {}
    for language in ("th", "km", "my"):
        page.goto(f"{site}/{language}/bulletins/2020/2/")
        page.evaluate("document.fonts.ready")
        drawn[language] = fonts_drawing(page, ".version-note__correction strong")
    page.context.close()

    assert "Noto Sans Thai" in drawn["th"]
    assert "Noto Sans Khmer" in drawn["km"]
    assert "Noto Sans Myanmar" in drawn["my"]


def test_the_trail_names_the_whole_page_on_a_desktop(browser, site):
    page = open_page(browser, 1280)
    page.goto(site + "/en/partners/wwf/")
    crumb = page.locator(".breadcrumbs li").last
    cut = crumb.evaluate("item => item.scrollWidth > item.clientWidth")
    text = crumb.inner_text()
    page.context.close()

    assert text == "World Wide Fund for Nature (WWF)"
    assert not cut


@pytest.mark.parametrize("language", ["my", "km"])
def test_every_kind_of_page_in_the_widest_scripts_fits_a_phone(browser, site, language):
    page = open_page(browser, 375)
    for path in (
        "",
        "bulletins/",
        "bulletins/2020/2/",
        "bulletins/2020/2/building-consensus/",
        "partners/",
        "partners/wwf/",
        "events/",
        "events/lancang-mekong-week-2020/",
        "topics/",
        "topics/mangroves/",
        "search/?q=mangrove",
    ):
        page.goto(f"{site}/{language}/{path}")
        assert_fits(page)
    page.context.close()
