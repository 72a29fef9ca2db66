"""The project's wiring: settings, migrations, the embedded database, the health checks."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from lmec import devdb

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
    "DJANGO_ALLOWED_HOSTS": "bulletins.example.org",
    "DATABASE_URL": "postgres://lmec:secret@db.example.org:5432/lmec",
    "LMEC_SITE_URL": "https://bulletins.example.org",
}


def test_production_settings_pass_the_deployment_checks():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {key: value for key, value in PRODUCTION.items() if key != "DJANGO_SECRET_KEY"}

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_a_database_url():
    env = {key: value for key, value in PRODUCTION.items() if key != "DATABASE_URL"}

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "DATABASE_URL must be set" in result.stderr


def test_production_refuses_to_start_without_the_site_address():
    # PDFs print links and QR codes to it: never to the development default.
    env = {key: value for key, value in PRODUCTION.items() if key != "LMEC_SITE_URL"}

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "LMEC_SITE_URL must be set" in result.stderr


def test_a_database_url_may_name_a_unix_socket_folder():
    url = "postgres://lmec:secret@%2Frun%2Fpostgresql/lmec"
    probe = "from django.conf import settings; print(settings.DATABASES['default']['HOST'])"

    result = manage("shell", "-c", probe, env=PRODUCTION | {"DATABASE_URL": url})

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "/run/postgresql"


@pytest.mark.django_db
def test_every_model_change_has_its_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def dead_pid():
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    return int(finished.stdout)


def test_users_of_the_embedded_server_that_died_are_forgotten(tmp_path, monkeypatch):
    monkeypatch.setattr(devdb, "DATA_DIR", tmp_path)
    (tmp_path / ".lmec-users.json").write_text(json.dumps([os.getppid(), dead_pid()]))

    assert devdb._update_users(add=os.getpid()) == [os.getppid(), os.getpid()]
    assert devdb._update_users(remove=os.getpid()) == [os.getppid()]
    assert json.loads((tmp_path / ".lmec-users.json").read_text()) == [os.getppid()]


def test_a_damaged_list_of_users_is_started_afresh(tmp_path, monkeypatch):
    monkeypatch.setattr(devdb, "DATA_DIR", tmp_path)
    (tmp_path / ".lmec-users.json").write_text("[12")

    assert devdb._update_users(add=os.getpid()) == [os.getpid()]


def test_liveness(client):
    response = client.get("/healthz")

    assert response.status_code == 200


@pytest.mark.django_db
def test_readiness_checks_the_database(client):
    response = client.get("/readyz")

    assert response.json() == {"database": "ok"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "prefix"),
    [("en-GB,en;q=0.9", "/en/"), ("", "/zh-hans/"), ("zh-CN,zh;q=0.9", "/zh-hans/")],
)
def test_the_root_redirects_by_the_browser_language(client, accept, prefix):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)

    assert response.status_code == 302
    assert response["Location"] == prefix


@pytest.mark.django_db
def test_the_home_page_shows_the_latest_published_issue(client, demo):
    response = client.get("/en/")

    assert response.status_code == 200
    assert "No. 5, 2020" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en", "th", "vi", "lo", "km", "my"])
def test_every_language_has_its_prefix(client, language):
    response = client.get(f"/{language}/")

    assert response.status_code == 200
    assert response["Content-Language"] == language
    assert f'<html lang="{language}">' in response.content.decode()


def test_redis_is_the_cache_when_redis_url_is_set():
    script = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    result = manage("shell", "-c", script, env=PRODUCTION | {"REDIS_URL": "unix:///run/redis.sock"})

    assert result.stdout.splitlines()[-1] == "django.core.cache.backends.redis.RedisCache"


def test_production_without_redis_shares_its_cache_through_postgresql():
    script = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    result = manage("shell", "-c", script, env=PRODUCTION)

    assert result.stdout.splitlines()[-1] == "django.core.cache.backends.db.DatabaseCache"


@pytest.mark.django_db(transaction=True)
def test_migrate_creates_the_cache_table_production_uses_without_redis(settings):
    from django.db import connection

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "lmec_cache_test",
        }
    }
    call_command("migrate", "lmec", "zero", verbosity=0)
    try:
        call_command("migrate", "lmec", verbosity=0)

        assert "lmec_cache_test" in connection.introspection.table_names()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS lmec_cache_test")
