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


@pytest.mark.django_db
def test_every_model_change_has_its_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_registrations_of_dead_processes_are_forgotten(tmp_path, monkeypatch):
    monkeypatch.setattr(devdb, "DATA_DIR", tmp_path)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    ).stdout.strip()
    (tmp_path / ".handle_pids.json").write_text(json.dumps([os.getpid(), int(dead)]))

    devdb._forget_dead_processes()

    assert json.loads((tmp_path / ".handle_pids.json").read_text()) == [os.getpid()]


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
