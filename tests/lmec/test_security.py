"""Security headers, the Content-Security-Policy, and the limit on failed logins."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.test import Client, RequestFactory

from bulletins.models import Article
from lmec.security import client_ip, script_hash
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
    "DJANGO_ALLOWED_HOSTS": "bulletins.example.org",
    "DATABASE_URL": "postgres://lmec:secret@db.example.org:5432/lmec",
    "LMEC_SITE_URL": "https://bulletins.example.org",
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


def browser_that_logged_in_before(username, password):
    """A colleague's browser: it has logged in before, and carries the known-device cookie."""
    browser = Client()
    assert log_in(browser, username, password).status_code == 302
    browser.post("/admin/logout/")
    return browser


@pytest.mark.django_db
def test_logins_are_refused_after_five_failures_for_that_user(client, settings):
    settings.AXES_FAILURE_LIMIT = 5
    UserFactory(username="editor", password="the right passphrase 2026")
    UserFactory(username="colleague", password="another good passphrase")
    colleague = browser_that_logged_in_before("colleague", "another good passphrase")

    for _attempt in range(4):
        assert log_in(client, "editor", "guess").status_code == 200  # the form again
    locked = log_in(client, "editor", "guess")

    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    assert 'href="/admin/password_reset/"' in locked.content.decode()
    # Even the right password waits out the lock-out now...
    assert log_in(client, "editor", "the right passphrase 2026").status_code == 429
    # ...but a colleague logs in from the same address in the browser she used before.
    assert log_in(colleague, "colleague", "another good passphrase").status_code == 302


PROXY = "10.0.0.2"


def attempt(client, username, password, **headers):
    """A login through the reverse proxy, which names the visitor in a header."""
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        **headers,
    )


@pytest.fixture
def behind_a_proxy(settings):
    settings.LMEC_TRUSTED_PROXIES = ["10.0.0.0/8"]
    settings.AXES_FAILURE_LIMIT = 5
    return settings


@pytest.mark.django_db
def test_guessing_from_rotating_addresses_locks_the_name_but_not_its_owner_out(behind_a_proxy):
    UserFactory(username="editor", password="the right passphrase 2026")
    owner = Client()
    assert (
        attempt(
            owner, "editor", "the right passphrase 2026", HTTP_X_REAL_IP="198.51.100.20"
        ).status_code
        == 302
    )
    owner.post("/admin/logout/")
    attacker = Client()

    answers = [
        attempt(attacker, "editor", "guess", HTTP_X_REAL_IP=f"203.0.113.{number}").status_code
        for number in range(12)
    ]

    assert answers[:4] == [200] * 4 and set(answers[4:]) == {429}  # per user, any address
    right = attempt(attacker, "editor", "the right passphrase 2026", HTTP_X_REAL_IP="203.0.113.99")
    assert right.status_code == 429  # the password found, but not from there
    # The editor, from her address and her browser, is not kept out.
    assert (
        attempt(
            owner, "editor", "the right passphrase 2026", HTTP_X_REAL_IP="198.51.100.20"
        ).status_code
        == 302
    )


@pytest.mark.django_db
def test_guessing_many_names_from_one_address_locks_the_address_out(behind_a_proxy):
    UserFactory(username="editor", password="the right passphrase 2026")
    attacker = Client()

    answers = [
        attempt(attacker, f"name{number}", "guess", HTTP_X_REAL_IP="203.0.113.7").status_code
        for number in range(6)
    ]

    assert answers[:4] == [200] * 4 and set(answers[4:]) == {429}
    # From there even a real name and password wait: only known browsers are let in.
    right = attempt(attacker, "editor", "the right passphrase 2026", HTTP_X_REAL_IP="203.0.113.7")
    assert right.status_code == 429


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["not-an-ip", "", "1.2.3.4.5", "::g", "1.2.3.4, 5.6.7.8"])
def test_an_address_header_that_is_no_address_is_ignored(behind_a_proxy, client, value):
    UserFactory(username="editor", password="the right passphrase 2026")

    response = attempt(client, "editor", "guess", HTTP_X_REAL_IP=value)

    assert response.status_code == 200  # the login page again, not a 500
    assert AccessAttempt.objects.get().ip_address == PROXY


@pytest.mark.parametrize(
    ("remote", "forwarded", "client_address"),
    [
        # The visitor is the right-most address our proxies did not add.
        ("10.0.0.2", "198.51.100.20", "198.51.100.20"),
        ("10.0.0.2", "6.6.6.6, 198.51.100.20", "198.51.100.20"),
        ("10.0.0.2", "6.6.6.6, 198.51.100.20, 10.0.0.9", "198.51.100.20"),
        ("10.0.0.2", "[2001:db8::7]:4431, 10.1.2.3", "2001:db8::7"),
        # Forged by the visitor left of a value that is no address: not believed.
        ("10.0.0.2", "6.6.6.6, not-an-ip, 10.0.0.9", "10.0.0.9"),
        ("10.0.0.2", "", "10.0.0.2"),
        # Not from a proxy of ours: the header is the visitor's own writing.
        ("198.51.100.20", "6.6.6.6", "198.51.100.20"),
    ],
)
def test_behind_a_load_balancer_the_visitor_is_the_right_most_untrusted_hop(
    settings, remote, forwarded, client_address
):
    settings.LMEC_TRUSTED_PROXIES = ["10.0.0.0/8"]
    settings.LMEC_CLIENT_IP_HEADER = "X-Forwarded-For"
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip(request) == client_address


@pytest.mark.django_db
def test_a_locked_out_editor_lifts_the_lock_with_the_e_mailed_password_reset(
    behind_a_proxy, client, mailbox
):
    UserFactory(
        username="editor", password="the right passphrase 2026", email="editor@lmec.example"
    )
    for number in range(5):
        attempt(Client(), "editor", "guess", HTTP_X_REAL_IP=f"203.0.113.{number}")
    assert (
        attempt(
            client, "editor", "the right passphrase 2026", HTTP_X_REAL_IP="198.51.100.20"
        ).status_code
        == 429
    )

    login_page = client.get("/admin/login/").content.decode()
    assert 'href="/admin/password_reset/"' in login_page
    response = client.post("/admin/password_reset/", {"email": "editor@lmec.example"})
    assert response.status_code == 302

    (mail,) = mailbox.messages
    assert mail["To"] == "editor@lmec.example"
    link = re.search(r"http://testserver(/admin/reset/\S+/)", mail.get_content()).group(1)
    form = client.get(link, follow=True)
    new_password = "a brand new passphrase 2026"
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    assert (
        attempt(client, "editor", new_password, HTTP_X_REAL_IP="198.51.100.20").status_code == 302
    )


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
