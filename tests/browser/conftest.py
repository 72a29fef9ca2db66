"""Headless Chromium for the browser tests: Debian's /usr/bin/chromium driven by Playwright.

A browser test that cannot start its browser fails; it is never skipped (install the
`chromium` package: `scripts/system-packages test` does).
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test's thread; Django's database calls
# from that thread are safe here (one test at a time).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("LMEC_CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).with_name("vendor") / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, transactional_db):
    """The demo content served by a live server, published and indexed."""
    from django.db import connection

    from editorial.demo.loader import load_demo
    from tests.factories import run_background_work

    # The live server's threads close their connections after each request, so that the
    # test database can be dropped at the end.
    connection.settings_dict["CONN_MAX_AGE"] = 0
    load_demo()
    run_background_work(pdfs=False)
    return live_server.url


def open_page(browser, width, color_scheme="light"):
    """A new tab of ``width`` CSS pixels that prefers English, with nothing cached, in the
    reader's colour scheme (``"dark"`` for a system in dark mode)."""
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        locale="en-GB",
        color_scheme=color_scheme,
        # axe is injected as a script; a Content-Security-Policy must not stop it.
        bypass_csp=True,
    )
    return context.new_page()


MEKONG_FONTS_LOADED = {
    "LMEC Thai": ["loaded"],
    "LMEC Lao": ["loaded"],
    "LMEC Khmer": ["loaded"],
    "LMEC Myanmar": ["loaded"],
}


def load_mekong_fonts(page) -> dict:
    """Load the site's Thai, Lao, Khmer and Burmese fonts in ``page``: {family: statuses}
    (``MEKONG_FONTS_LOADED`` when the page declares them and the server serves them)."""
    return page.evaluate(
        """async () => {
            const samples = {"LMEC Thai": "ไทย", "LMEC Lao": "ລາວ",
                             "LMEC Khmer": "ខ្មែរ", "LMEC Myanmar": "မြန်မာ"};
            const found = {};
            for (const [family, text] of Object.entries(samples)) {
                const faces = await document.fonts.load(`16px "${family}"`, text);
                found[family] = faces.map(face => face.status);
            }
            return found;
        }"""
    )
