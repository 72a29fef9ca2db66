"""Security headers, the Content-Security-Policy, and the limit on failed logins."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bulletins.models import Article
from lmec.security import script_hash
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
    "DJANGO_ALLOWED_HOSTS": "bulletins.example.org",
    "DATABASE_URL": "postgres://lmec:secret@db.example.org:5432/lmec",
    "CACHE_URL": "locmemcache://",
}

# Run inside the production configuration: what does a visitor's browser receive?
PROBE = """
import json
from django.conf import settings
from django.test import Client, override_settings
client = Client(HTTP_HOST="bulletins.example.org")
health = client.get("/healthz", secure=True)
plain = client.get("/healthz")
# Without collectstatic's manifest: only the login page's cookies matter here.
plain_static = settings.STORAGES | {
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
}
with override_settings(STORAGES=plain_static):
    login = client.get("/admin/login/", secure=True)
print(json.dumps({
    "health": dict(health.headers),
    "redirect": [plain.status_code, plain.headers.get("Location")],
    "cookies": {name: dict(morsel) for name, morsel in login.cookies.items()},
}))
"""


def test_production_sends_the_security_headers():
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PROBE],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], **PRODUCTION},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    headers = seen["health"]

    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert seen["redirect"] == [301, "https://bulletins.example.org/healthz"]
    assert seen["cookies"]["csrftoken"]["secure"] is True
    assert seen["cookies"]["csrftoken"]["httponly"] is True  # as docs/deployment.md says


def csp_directives(response):
    """The policy as {directive: sources}: django-csp does not keep directives in a fixed order."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.mark.django_db
def test_public_pages_allow_no_inline_script_or_style(client, demo):
    response = client.get("/zh-hans/bulletins/2020/2/")

    directives = csp_directives(response)
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    page = response.content.decode()
    inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", page)
    assert all('type="application/ld+json"' in attributes for attributes in inline_scripts)
    assert " style=" not in page


@pytest.mark.django_db
def test_the_admin_allows_exactly_the_rich_text_editors_import_map(publisher_client, demo):
    article = Article.objects.get(slug="building-consensus")

    response = publisher_client.get(f"/admin/bulletins/article/{article.pk}/change/")

    importmap = re.search(rb'<script type="importmap">(.*?)</script>', response.content, re.S)
    assert csp_directives(response)["script-src"] == ["'self'", script_hash(importmap.group(1))]


def log_in(client, username, password):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password})


@pytest.mark.django_db
def test_logins_are_refused_after_five_failures_for_that_user(client, settings):
    settings.AXES_FAILURE_LIMIT = 5
    UserFactory(username="editor", password="the right passphrase 2026")
    UserFactory(username="colleague", password="another good passphrase")

    for _attempt in range(4):
        assert log_in(client, "editor", "guess").status_code == 200  # the form again
    locked = log_in(client, "editor", "guess")

    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    # Even the right password waits out the lock-out now...
    assert log_in(client, "editor", "the right passphrase 2026").status_code == 429
    # ...but it is this user only: a colleague logs in from the same address.
    assert log_in(client, "colleague", "another good passphrase").status_code == 302


@pytest.mark.django_db
def test_a_forged_address_header_does_not_escape_the_limit(client, settings):
    settings.AXES_FAILURE_LIMIT = 2
    UserFactory(username="editor", password="the right passphrase 2026")

    for number in range(2):
        client.post(
            "/admin/login/",
            {"username": "editor", "password": "guess"},
            HTTP_X_REAL_IP=f"203.0.113.{number}",
            REMOTE_ADDR="198.51.100.7",
        )

    response = client.post(
        "/admin/login/",
        {"username": "editor", "password": "the right passphrase 2026"},
        HTTP_X_REAL_IP="203.0.113.99",
        REMOTE_ADDR="198.51.100.7",
    )
    assert response.status_code == 429


@pytest.mark.django_db
@pytest.mark.parametrize("next_url", ["https://attacker.example/", "//attacker.example/", ""])
def test_a_login_whose_next_is_refused_lands_on_the_admin_index(client, next_url):
    UserFactory(username="editor", password="the right passphrase 2026", role="Editor")

    response = client.post(
        f"/admin/login/?next={next_url}",
        {"username": "editor", "password": "the right passphrase 2026", "next": next_url},
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get(response["Location"]).status_code == 200
