"""What a reader and an editor see in Chromium: the QR code of an issue page scans to its
address (on a desktop; phones do not show it), the subscription form works without a
script and passes axe, the issue's mail fits a phone's screen, and the WeChat article
pasted into an editor shows what the export shows."""

import io
import re
from urllib.parse import urlsplit

import pytest
import zxingcpp
from django.core.files.storage import default_storage
from PIL import Image

from bulletins.models import ArticleImage, Bulletin
from lmec.renditions import delete_renditions, rendition_names
from tests.browser.conftest import AXE, open_page
from tests.browser.test_reading import BLOCKING, assert_fits
from tests.bulletins.test_renditions import photo
from tests.factories import UserFactory


def test_the_qr_code_on_an_issue_page_scans_to_its_address(browser, site):
    page = open_page(browser, 1280)
    page.goto(site + "/en/bulletins/2020/2/")

    image = Image.open(io.BytesIO(page.locator(".share__qr img").screenshot()))

    assert [result.text for result in zxingcpp.read_barcodes(image)] == [
        site + "/en/bulletins/2020/2/"
    ]
    page.context.close()
    phone = open_page(browser, 375)
    phone.goto(site + "/en/bulletins/2020/2/building-consensus/")
    assert not phone.locator(".share__qr").is_visible()
    assert_fits(phone)
    phone.context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_a_reader_subscribes_without_javascript(browser, site, mailbox, width):
    context = browser.new_context(
        viewport={"width": width, "height": 900}, java_script_enabled=False, locale="en-GB"
    )
    page = context.new_page()
    page.goto(site + "/th/bulletins/2020/2/")
    page.locator("footer").get_by_role("link", name="สมัครรับทางอีเมล").click()
    page.wait_for_url("**/th/subscribe/")
    assert_fits(page)

    page.get_by_label("ที่อยู่อีเมล").fill("reader@example.org")
    page.get_by_label("English").check()
    page.get_by_role("button", name="สมัครรับ").click()

    page.wait_for_url("**/th/subscribe/sent/")
    assert page.get_by_role("heading", level=1).inner_text() == "โปรดตรวจสอบกล่องจดหมายของคุณ"
    [confirmation] = mailbox.messages
    link = re.search(r"http://\S+/confirm/\S+/", confirmation.get_content()).group(0)
    page.goto(site + urlsplit(link).path)  # the mail links to LMEC_SITE_URL
    page.get_by_role("button", name="ยืนยัน").click()
    assert "reader@example.org" in page.locator("main").inner_text()
    assert page.get_by_label("ภาษาไทย").is_checked()
    assert page.get_by_label("English").is_checked()
    context.close()


def test_the_subscription_pages_pass_axe(browser, site):
    page = open_page(browser, 1280)
    problems = []
    for path in ("/zh-hans/subscribe/", "/my/subscribe/", "/en/subscribe/sent/"):
        page.goto(site + path)
        page.evaluate(AXE.read_text())
        results = page.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations']})"
        )
        problems += [
            f"{path}: {violation['id']}"
            for violation in results["violations"]
            if violation["impact"] in BLOCKING
        ]
    page.context.close()

    assert problems == []


READ_SHOWN = """(root) => ({
    text: root.innerText.replace(/\\s+/g, " ").trim(),
    images: [...root.querySelectorAll("img")].map((image) => image.getAttribute("src")),
    headings: [...root.querySelectorAll("h1, h2, h3")].map((heading) => {
        const style = getComputedStyle(heading);
        return [heading.innerText, style.fontSize, style.fontWeight, style.color];
    }),
    quotes: [...root.querySelectorAll("section")].filter(
        (section) => getComputedStyle(section).borderLeftStyle === "solid"
    ).length,
})"""


def test_the_wechat_article_pasted_into_an_editor_shows_what_the_export_shows(browser, site):
    # Transactional tests flush the roles the migrations made; a superuser needs none.
    UserFactory(username="desk", is_superuser=True, password="correct horse battery staple")
    bulletin = Bulletin.objects.get(year=2020, number=2)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page = context.new_page()
    page.goto(site + "/admin/login/")
    page.fill("#id_username", "desk")
    page.fill("#id_password", "correct horse battery staple")
    page.click("input[type=submit]")
    page.goto(f"{site}/admin/bulletins/bulletin/{bulletin.pk}/wechat/")
    exported = page.locator("#wechat-article").evaluate(READ_SHOWN)

    page.get_by_role("button", name="Copy the article").click()
    page.get_by_text("Copied: now paste it into the WeChat editor.").wait_for()
    # A rich-text editor as the WeChat one is: a contenteditable box of a phone's width.
    editor = context.new_page()
    editor.goto(site + "/admin/")
    editor.evaluate(
        """() => { document.body.innerHTML =
            '<div id="editor" contenteditable="true" style="width:600px;padding:16px"></div>'; }"""
    )
    editor.locator("#editor").click()
    editor.keyboard.press("Control+V")
    pasted = editor.locator("#editor").evaluate(READ_SHOWN)

    assert "澜沧江 - 湄公河生态环境合作圆桌视频会议顺利举行" in exported["text"]
    assert pasted == exported
    assert exported["quotes"] == 8  # the viewpoints, each with its bar
    context.close()


@pytest.fixture
def photo_in_issue(site):
    """A photo in the first article of issue 2020-2, removed from the media folder after."""
    bulletin = Bulletin.objects.get(year=2020, number=2)
    image = ArticleImage.objects.create(
        article=bulletin.articles.order_by("position").first(),
        position=1,
        image=photo("mangroves.jpg", (1600, 900)),
        alt_text_en="Mangroves",
    )
    yield image
    delete_renditions(default_storage, [*rendition_names(image.image.name), image.image.name])


@pytest.mark.parametrize("language", ["en", "my"])
def test_the_issue_mail_fits_a_phones_screen_with_its_images_and_links(
    browser, site, photo_in_issue, mailbox, client, settings, language
):
    settings.LMEC_SITE_URL = site  # the mail's images and links, served by the live server
    client.force_login(UserFactory(username="desk", is_superuser=True, email="desk@lmec.example"))
    bulletin = photo_in_issue.article.bulletin
    client.post(f"/admin/bulletins/bulletin/{bulletin.pk}/test-mail/", {"language": language})
    [mail] = mailbox.messages
    html = mail.get_body(("html",)).get_content()

    for width in (320, 375, 1280):
        page = open_page(browser, width)
        page.set_content(html, wait_until="load")
        assert_fits(page)
        images = page.locator("img").evaluate_all(
            "(images) => images.map((image) => [image.naturalWidth, image.clientWidth])"
        )
        assert images and all(natural > 0 for natural, _shown in images)  # all loaded
        assert all(shown <= min(width, 600) for _natural, shown in images)
        links = page.get_by_role("link").evaluate_all("(links) => links.map((a) => a.href)")
        assert f"{site}/{language}/bulletins/2020/2/" in links
        assert any(link.endswith(".pdf") or "/pdf/" in link for link in links)
        page.context.close()
