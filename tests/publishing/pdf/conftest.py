import pytest
from django.db import connection, transaction

from editorial.demo.loader import load_demo
from publishing.models import Edition
from publishing.pdf import document
from publishing.pdf.composition import compose


@pytest.fixture(autouse=True)
def pdf_storage(settings, tmp_path):
    """Stored PDFs go to a folder of the test's own."""
    settings.STORAGES = {
        **settings.STORAGES,
        "pdfs": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "pdfs")},
        },
    }
    return tmp_path / "pdfs"


@pytest.fixture(scope="session")
def seed_pdfs(django_db_setup, django_db_blocker):
    """Every edition of both seed issues, rendered once per test session.

    {(2020, 2, "zh-hans"): b"%PDF…", …}; the demo content is rolled back afterwards.
    """
    pdfs = {}
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        for edition in Edition.objects.filter(year=2020):
            for language in document.pdf_languages(edition.languages):
                rendered = compose(edition.content, language)
                pdfs[edition.year, edition.number, language] = rendered.content
        transaction.set_rollback(True)
    # Opened here, outside any test, the connection would outlive the session and keep
    # the test database from being dropped; the next test opens its own.
    connection.close()
    return pdfs
