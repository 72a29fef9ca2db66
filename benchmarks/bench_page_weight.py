"""What a reader downloads for an issue page: HTML, CSS, fonts, images and scripts, as sent
(compressed) and as read, in Debian's Chromium at a phone's width (375 px).

Production settings (DJANGO_DEBUG=false, collected static files compressed by WhiteNoise,
gunicorn), the demo content on the embedded PostgreSQL, an empty browser cache. The goal:
the HTML of an issue page stays under 60 KB as read. BENCH_PAGES (paths separated by
spaces) replaces the list of pages.
"""

import os
import sys
from collections import defaultdict

from serving import (
    collected_static,
    database_url,
    free_port,
    gunicorn,
    manage,
    production_environment,
    shared_cache,
)

PAGES = os.environ.get(
    "BENCH_PAGES",
    "/en/bulletins/2020/2/ /zh-hans/bulletins/2020/2/ /en/bulletins/2020/5/ /th/bulletins/2020/2/",
).split()
KINDS = {
    "document": "HTML",
    "stylesheet": "CSS",
    "font": "fonts",
    "image": "images",
    "script": "scripts",
}
HTML_GOAL = 60_000
CHROMIUM = os.environ.get("LMEC_CHROMIUM", "/usr/bin/chromium")


def weigh(browser, url):
    """{kind: [bytes sent, bytes read, files]} of one page loaded in a fresh tab."""
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    responses = []
    page.on("requestfinished", lambda request: responses.append(request))
    page.goto(url, wait_until="networkidle")
    weights = defaultdict(lambda: [0, 0, 0])
    for request in responses:
        response = request.response()
        if response is None:
            continue
        kind = KINDS.get(request.resource_type, "other")
        weights[kind][0] += request.sizes()["responseBodySize"]
        weights[kind][1] += len(response.body())
        weights[kind][2] += 1
    context.close()
    return weights


def main():
    from playwright.sync_api import sync_playwright

    url = database_url()
    manage("migrate", "--noinput", "--verbosity", "0")
    manage("load_demo")
    manage("run_worker", "--batch", "--verbosity", "0")
    with collected_static(url) as static_root, shared_cache() as cache:
        env = production_environment(url, static_root, **cache)
        with gunicorn(free_port(), env, "--workers", "2") as base, sync_playwright() as play:
            browser = play.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            failed = False
            for path in PAGES:
                weights = weigh(browser, base + path)
                total_sent = sum(weight[0] for weight in weights.values())
                total_read = sum(weight[1] for weight in weights.values())
                print(f"{path}  (375 px, empty cache)")
                print(f"  {'':8} {'sent':>9} {'read':>9} files")
                for kind in [*KINDS.values(), "other"]:
                    if kind in weights:
                        sent, read, files = weights[kind]
                        print(f"  {kind:8} {sent / 1000:8.1f}K {read / 1000:8.1f}K {files:5}")
                print(f"  {'total':8} {total_sent / 1000:8.1f}K {total_read / 1000:8.1f}K")
                html = weights["HTML"][1]
                goal = "ok" if html < HTML_GOAL else "OVER"
                print(f"  HTML {html / 1000:.1f} KB read, goal < {HTML_GOAL // 1000} KB: {goal}")
                failed |= html >= HTML_GOAL
            browser.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
