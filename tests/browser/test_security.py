"""Every page satisfies its Content-Security-Policy in a real browser: nothing is refused.

Chromium reports each refused script, style, image or font as a console error; a page
that breaks the policy would lose its behaviour (the admin's language tabs, the rich-text
editor) without any test noticing otherwise.
"""

import pytest

from bulletins.models import Article
from tests.factories import UserFactory

PUBLIC_PAGES = [
    "/zh-hans/",
    "/en/bulletins/2020/2/",
    "/zh-hans/bulletins/2020/5/parallel-forum-2-sustainable-infrastructure/",
    "/en/partners/wwf/",
    "/en/events/",
    "/zh-hans/topics/mangroves/",
    "/zh-hans/search/?q=红树林",
]


def watch_policy(page):
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.on("pageerror", lambda error: refused.append(f"script error: {error}"))
    return refused


@pytest.mark.django_db(transaction=True)
def test_public_pages_satisfy_their_policy(browser, site):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    refused = watch_policy(page)

    for path in PUBLIC_PAGES:
        response = page.goto(site + path)
        assert "script-src 'self'" in response.headers["content-security-policy"], path

    assert refused == []


@pytest.mark.django_db(transaction=True)
def test_the_admin_works_under_its_policy(browser, site):
    # Transactional tests flush the roles the migrations made; a superuser needs none.
    UserFactory(username="desk", is_superuser=True, password="correct horse battery staple")
    article = Article.objects.get(slug="building-consensus")
    page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB").new_page()
    refused = watch_policy(page)

    page.goto(site + "/admin/login/")
    page.fill("#id_username", "desk")
    page.fill("#id_password", "correct horse battery staple")
    page.click("input[type=submit]")
    page.goto(f"{site}/admin/bulletins/article/{article.pk}/change/")

    # The rich-text editor and the language tabs started: their scripts were allowed.
    page.wait_for_selector(".prose-editor .ProseMirror", state="attached", timeout=10_000)
    assert page.locator(".ui-tabs").count() > 0
    page.goto(site + "/admin/bulletins/bulletin/import/")
    assert refused == []
