"""The site survives its cache: with Redis stopped, pages, health checks and the admin work.

"Stopped" is what a client meets when Redis is not running: nothing listens on its
socket. The settings name the project's own Redis backend (lmec/cache.py) there.
"""

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from lmec import cache as lmec_cache
from lmec import page_cache
from partners.models import Organization
from tests.admin_pages import form_data

PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's

PAGES = [
    "/en/",
    "/zh-hans/bulletins/",
    "/en/bulletins/2020/2/",
    "/en/bulletins/2020/2/building-consensus/",
    "/en/partners/",
    "/en/partners/wwf/",
    "/en/events/",
    "/en/topics/",
    "/en/search/?q=mangrove",
    "/sitemap.xml",
]


@pytest.fixture
def redis_stopped(settings, tmp_path):
    settings.CACHES = {
        "default": {
            "BACKEND": "lmec.cache.RedisCache",
            "LOCATION": f"unix://{tmp_path}/redis.sock",
            "KEY_PREFIX": "lmec",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.PAGE_CACHE_SECONDS = 600


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_pages_are_served_while_redis_is_stopped(client, demo, redis_stopped, path):
    response = client.get(path)

    assert response.status_code == 200


@pytest.mark.django_db
def test_a_failed_cache_is_left_alone_for_a_moment(client, demo, redis_stopped, caplog):
    for _ in range(3):
        assert client.get("/en/bulletins/2020/2/").status_code == 200

    assert caplog.text.count("The cache failed (ConnectionError") == 1


def test_the_health_check_touches_neither_the_cache_nor_the_database(client, redis_stopped, caplog):
    response = client.get("/healthz")  # no django_db mark: a query would fail the test

    assert response.status_code == 200
    assert "The cache failed" not in caplog.text


@pytest.mark.django_db
def test_readiness_reports_each_dependency(client, redis_stopped):
    response = client.get("/readyz")

    assert response.status_code == 200  # the site serves without its cache, only slower
    assert response.json() == {
        "database": "ok",
        "cache": "unavailable",
        "task_queue": {"waiting": 0, "oldest_waiting_seconds": 0},
    }


@pytest.mark.django_db
def test_the_admin_works_while_redis_is_stopped(client, demo, redis_stopped, editor):
    logged_in = client.post(
        "/admin/login/?next=/admin/", {"username": "editor", "password": PASSWORD}, follow=True
    )
    assert logged_in.status_code == 200
    assert logged_in.context["user"] == editor
    wwf = Organization.objects.get(slug="wwf")
    page = f"/admin/partners/organization/{wwf.pk}/change/"
    saved = client.post(page, form_data(client.get(page), website="https://wwf.example.org/"))

    assert saved.status_code == 302
    wwf.refresh_from_db()
    assert wwf.website == "https://wwf.example.org/"


@pytest.mark.django_db
def test_a_cache_table_that_is_missing_is_a_miss(client, demo, settings, caplog):
    settings.CACHES = {
        "default": {"BACKEND": "lmec.cache.DatabaseCache", "LOCATION": "no_such_table"}
    }

    assert client.get("/en/bulletins/2020/2/").status_code == 200
    assert "The cache failed (ProgrammingError" in caplog.text


@pytest.mark.django_db
def test_content_changes_inside_a_transaction_survive_a_missing_cache_table(settings, caplog):
    settings.CACHES = {
        "default": {"BACKEND": "lmec.cache.DatabaseCache", "LOCATION": "no_such_table"}
    }
    with transaction.atomic():
        page_cache.content_changed()
        assert Organization.objects.count() == 0  # the transaction is still usable

    assert "The cache failed" in caplog.text


@pytest.mark.django_db
def test_every_migrate_makes_the_cache_tables_the_settings_name(settings):
    settings.CACHES = {
        "default": {"BACKEND": "lmec.cache.DatabaseCache", "LOCATION": "lmec_other_cache"}
    }
    call_command("migrate", "lmec", verbosity=0)  # nothing to apply

    assert "lmec_other_cache" in connection.introspection.table_names()


@pytest.mark.django_db
def test_the_production_cache_table_exists_whatever_settings_migrated(settings):
    # The test database was migrated with the cache in memory, as a development one.
    assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")
    assert lmec_cache.PRODUCTION_TABLE in connection.introspection.table_names()
