import pytest
from django.core.cache import cache
from django.utils import translation

from editorial.demo.loader import load_demo
from tests.factories import UserFactory, run_background_work
from tests.mail import mailbox  # noqa: F401 (a fixture for every test)


@pytest.fixture(autouse=True)
def english():
    """Tests read messages in English unless they choose a language themselves."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Accounts made by the tests need no strong hash; the default costs 0.3 s per user."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: no page stored by one test reaches another."""
    cache.clear()


@pytest.fixture
def demo(db):
    """The demo content: both seed briefings with their partners, events and topics,
    published and indexed for search (their PDFs are left to the tests that need them)."""
    load_demo()
    run_background_work(pdfs=False)


@pytest.fixture
def client(client):
    """A browser that prefers English, so that assertions read the English interface."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def editor(db):
    return UserFactory(username="editor", role="Editor")


@pytest.fixture
def publisher(db):
    return UserFactory(username="publisher", role="Publisher")


@pytest.fixture
def translator(db):
    return UserFactory(username="translator", role="Translator")


@pytest.fixture
def administrator(db):
    return UserFactory(username="administrator", role="Administrator")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def publisher_client(client, publisher):
    client.force_login(publisher)
    return client
