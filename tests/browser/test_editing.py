"""An editor in a real browser: typing is not lost by leaving the page, and the rows of
an article are ordered by dragging them or from the keyboard."""

import pytest
from django.contrib.auth.models import Group

from bulletins.models import Bulletin
from tests.browser.conftest import MEKONG_FONTS_LOADED, load_mekong_fonts, open_page
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def roles(site):
    """The roles migrations made, made again: a browser test before this one emptied the
    database (live-server tests cannot run in a transaction)."""
    from importlib import import_module

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    if Group.objects.filter(name="Editor").exists():
        return
    # The models as the migrations know them, as the migrations' own functions expect.
    apps = MigrationLoader(connection).project_state().apps
    for migration, function in [
        ("0002_roles", "create_roles"),
        ("0004_workflow_roles", "apply_roles"),
        ("0006_pdf_permissions", "grant"),
    ]:
        getattr(import_module(f"bulletins.migrations.{migration}"), function)(apps, None)


@pytest.fixture
def editor_page(browser, site):
    UserFactory(username="editor", role="Editor")
    page = open_page(browser, 1280)
    page.goto(site + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "correct horse battery staple")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    return page


@pytest.fixture
def article():
    return Bulletin.objects.get(year=2020, number=5).articles.get()


def speakers(article):
    return [viewpoint.statement_zh_hans[:4] for viewpoint in article.viewpoints.all()]


def test_leaving_with_unsaved_typing_asks_first_and_saving_does_not(editor_page, site, article):
    page = editor_page
    page.goto(f"{site}/admin/bulletins/article/{article.pk}/change/")
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)
    dialogs = []

    def stay(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)

    # Nothing typed: leaving asks nothing.
    page.locator("#id_kicker_en").click()
    page.get_by_role("link", name="Home").first.click()
    page.wait_for_url("**/admin/")
    assert dialogs == []

    page.go_back()
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)
    page.locator("#id_kicker_en").fill("New kicker:")
    page.get_by_role("link", name="Home").first.click()
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert page.url.endswith(f"/admin/bulletins/article/{article.pk}/change/")
    assert page.locator("#id_kicker_en").input_value() == "New kicker:"

    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url("**/admin/bulletins/article/")
    assert dialogs == ["beforeunload"]
    article.refresh_from_db()
    assert article.kicker_en == "New kicker:"


def test_viewpoints_are_reordered_by_drag_and_drop_and_from_the_keyboard(
    editor_page, site, article
):
    page = editor_page
    # Tall enough to show both rows (viewpoints have topics too): a drag that scrolls starts
    # from wherever the page went.
    page.set_viewport_size({"width": 1280, "height": 4000})
    url = f"{site}/admin/bulletins/article/{article.pk}/change/"
    first, second, third, *rest = speakers(article)
    page.goto(url)

    # Drag the third viewpoint above the first.
    page.locator("#viewpoints-2 .order-handle").drag_to(
        page.locator("#viewpoints-0 > h3"), target_position={"x": 300, "y": 2}
    )
    assert page.locator("#viewpoints-2 ~ #viewpoints-0").count() == 1
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_url(url)
    assert speakers(article) == [third, first, second, *rest]

    # The handle moves its row with the arrow keys; the buttons move it too.
    page.locator("#viewpoints-0 .order-handle").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.locator("#viewpoints-0 .order-handle").evaluate(
        "el => el === document.activeElement"
    )
    page.locator("#viewpoints-6 .order-up").click()
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_url(url)
    assert speakers(article) == [first, second, third, rest[0], rest[1], rest[3], rest[2]]


def test_a_viewpoint_added_at_the_end_is_numbered_last(editor_page, site, article):
    page = editor_page
    page.goto(f"{site}/admin/bulletins/article/{article.pk}/change/")

    page.locator("#viewpoints-group .add-row a").click()

    assert page.locator("#id_viewpoints-7-position").input_value() == "8"
    assert page.locator("#viewpoints-7 .order-handle").count() == 1


def overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_the_admin_fits_a_desktop_and_the_issue_list_reads_on_a_phone(editor_page, site, article):
    page = editor_page
    page.goto(f"{site}/admin/bulletins/article/{article.pk}/change/")
    assert overflow(page) <= 0  # the images' table was 1 632 px wide in a 1 280 px window

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site}/admin/bulletins/bulletin/")
    assert overflow(page) <= 0
    title = page.locator("td.field-display_title").first
    assert title.bounding_box()["width"] > 150  # not one character wide
    assert title.inner_text().startswith("Lancang-Mekong Green Economic Development Belt")


def log_in(browser, site, username):
    UserFactory(username=username, role="Editor")
    page = open_page(browser, 1280)
    page.goto(site + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "correct horse battery staple")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    return page


def test_two_editors_in_two_browsers_change_different_fields_and_both_save(browser, site):
    bulletin = Bulletin.objects.get(year=2020, number=5)
    url = f"{site}/admin/bulletins/bulletin/{bulletin.pk}/change/"
    wang, li = log_in(browser, site, "wang"), log_in(browser, site, "li")
    wang.goto(url)
    li.goto(url)
    # Li opened the issue after Wang: the page says Wang is there.
    assert li.locator("#editing-now").inner_text().startswith("wang has been editing this since")

    li.locator("#id_title_en").fill("Li's title")
    li.get_by_role("button", name="Save and continue editing").click()
    li.wait_for_url(url)
    wang.locator("#id_summary_en").fill("Wang's summary")
    wang.get_by_role("button", name="Save and continue editing").click()
    wang.wait_for_url(url)

    assert (
        "Saved together with what li saved meanwhile" in wang.locator(".messagelist").inner_text()
    )
    bulletin.refresh_from_db()
    assert (bulletin.title_en, bulletin.summary_en) == ("Li's title", "Wang's summary")


def test_an_issue_is_composed_on_one_page_articles_and_their_viewpoints(editor_page, site):
    page = editor_page
    bulletin = Bulletin.objects.get(year=2020, number=2)
    wwf = bulletin.articles.all()[1].viewpoints.first().organization
    url = f"{site}/admin/bulletins/bulletin/{bulletin.pk}/change/"
    page.goto(url)

    # A saved article's viewpoints are loaded into the page when asked.
    page.locator("#articles-1-viewpoints-group .nested-load").click()
    page.locator("#id_articles-1-viewpoints-0-statement_en").fill("Edited on the issue's page.")

    # A new article, and a viewpoint inside it, written in Chinese: the page-wide switch
    # opens every field's Chinese tab, the new rows' too.
    page.get_by_role("button", name="简体中文").click()
    page.locator("#articles-group > fieldset > .add-row a").click()
    page.locator("#id_articles-2-headline_zh_hans").fill("第三篇文章")
    page.locator("#articles-2-viewpoints-group .add-row a").click()
    assert page.locator("#id_articles-2-viewpoints-0-position").input_value() == "1"
    page.evaluate(
        """([id, pk, label]) => {
            const select = document.getElementById(id);
            select.append(new Option(label, pk, true, true));
        }""",
        ["id_articles-2-viewpoints-0-organization", str(wwf.pk), str(wwf)],
    )
    page.locator("#id_articles-2-viewpoints-0-statement_zh_hans").fill("新文章中的观点。")
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_url(url)

    first_viewpoint = bulletin.articles.all()[1].viewpoints.first()
    assert first_viewpoint.statement_en == "Edited on the issue's page."
    new = bulletin.articles.get(headline_zh_hans="第三篇文章")
    assert [(v.organization, v.statement_zh_hans) for v in new.viewpoints.all()] == [
        (wwf, "新文章中的观点。")
    ]


def test_the_language_switch_is_labelled_and_stays_on_after_saving(editor_page, site, article):
    page = editor_page
    url = f"{site}/admin/bulletins/article/{article.pk}/change/"
    page.goto(url)
    switch = page.get_by_role("group", name="Languages of the fields:")
    assert switch.get_by_role("button", name="English").get_attribute("aria-pressed") == "true"

    switch.get_by_role("button", name="简体中文 · Simplified Chinese").click()
    assert page.locator("#id_headline_zh_hans").is_visible()
    assert not page.locator("#id_headline_en").is_visible()
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_url(url)

    chinese = page.get_by_role("group", name="Languages of the fields:").get_by_role(
        "button", name="简体中文 · Simplified Chinese"
    )
    assert chinese.get_attribute("aria-pressed") == "true"
    assert page.locator("#id_headline_zh_hans").is_visible()


def test_the_mekong_language_names_fall_back_on_the_sites_own_fonts(editor_page, site, article):
    """The admin names Thai, Lao, Khmer and Burmese in their scripts (the language switch):
    on a computer without fonts for them, the site's own fonts draw them, not boxes."""
    page = editor_page
    page.goto(f"{site}/admin/bulletins/article/{article.pk}/change/")
    thai = page.get_by_role("group", name="Languages of the fields:").locator("button[lang=th]")
    thai.wait_for()
    page.evaluate("document.fonts.ready.then(() => true)")
    # Which fonts drew the button's letters, as Chromium's developer tools tell.
    tools = page.context.new_cdp_session(page)
    tools.send("DOM.enable")
    tools.send("CSS.enable")
    root = tools.send("DOM.getDocument")["root"]["nodeId"]
    node = tools.send(
        "DOM.querySelector", {"nodeId": root, "selector": ".language-switch [lang=th]"}
    )
    drawn_by = tools.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    stack = thai.evaluate("button => getComputedStyle(button).fontFamily")
    loaded = load_mekong_fonts(page)

    # ภาษาไทย in the site's Noto Sans Thai (a web font), not in a system font's boxes.
    assert [font["familyName"] for font in drawn_by if font["isCustomFont"]] == ["Noto Sans Thai"]
    assert stack.startswith('"LMEC Thai", "LMEC Lao", "LMEC Khmer", "LMEC Myanmar"')
    assert loaded == MEKONG_FONTS_LOADED
