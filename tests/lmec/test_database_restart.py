"""A PostgreSQL restart: connections wait for the server, readers' GETs are answered again,
what still fails says "try again" (lmec/postgresql/, lmec.views.server_error)."""

import threading

import psycopg2
import pytest
from django.db import OperationalError, connection, connections
from django.test import Client

from lmec.postgresql import base as backend
from reading.views import search as search_views


class Clock:
    """Stands in for the time module: sleeping moves the clock on at once."""

    def __init__(self):
        self.now = 0.0

    def monotonic(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(backend, "time", clock)
    yield clock
    backend._server_away.clear()


@pytest.fixture
def refusals(monkeypatch):
    """The server refuses the next ``refusals.count`` connections (-1: all of them)."""

    class Refusals:
        count = 0
        attempts = 0

    real_connect = psycopg2.connect

    def connect(*args, **kwargs):
        Refusals.attempts += 1
        if Refusals.count:
            Refusals.count -= 1
            raise psycopg2.OperationalError("FATAL:  the database system is starting up")
        return real_connect(*args, **kwargs)

    monkeypatch.setattr(psycopg2, "connect", connect)
    return Refusals


def new_connection():
    return connections.create_connection("default")


@pytest.mark.django_db
def test_a_server_that_refuses_connections_for_a_moment_is_waited_for(clock, refusals):
    refusals.count = 2
    wrapper = new_connection()
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("SELECT 1")
            assert cursor.fetchone() == (1,)
    finally:
        wrapper.close()

    assert refusals.attempts == 3


@pytest.mark.django_db
def test_after_waiting_in_vain_the_process_fails_at_once_until_the_server_is_back(
    clock, refusals, settings
):
    settings.LMEC_DB_CONNECT_WAIT = 3
    refusals.count = -1

    with pytest.raises(OperationalError):
        new_connection().ensure_connection()
    waited = clock.now
    assert 2.5 < waited <= 3  # about 30 attempts, a tenth of a second apart

    refusals.attempts = 0
    with pytest.raises(OperationalError):
        new_connection().ensure_connection()
    assert refusals.attempts == 1  # no waiting while the server is known to be away
    assert clock.now == waited

    refusals.count = 0
    wrapper = new_connection()
    wrapper.ensure_connection()  # the server is back
    wrapper.close()
    refusals.count = 2
    wrapper = new_connection()
    wrapper.ensure_connection()  # and a later refusal is waited for again
    wrapper.close()


def in_a_thread(function):
    """Call ``function`` in a thread of its own: with a database connection of its own,
    outside the test's transaction, as a request in a server process is."""
    results = []

    def run():
        try:
            results.append(function())
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return results[0]


@pytest.mark.django_db
def test_readiness_says_not_ready_at_once_when_the_database_is_unreachable(refusals):
    refusals.count = -1

    response = in_a_thread(lambda: Client().get("/readyz"))

    assert response.status_code == 503
    assert response.json() == {
        "database": "unavailable",
        "error": "OperationalError",
        "cache": "ok",  # reported, not required
    }
    assert refusals.attempts == 1  # a probe does not wait


@pytest.mark.django_db
def test_a_reader_whose_connection_the_restart_cut_is_answered_again(monkeypatch):
    calls = []
    real_search = search_views.search_index.search

    def search_cut_off_once(*args, **kwargs):
        calls.append(True)
        if len(calls) == 1:
            # What a restart does to every open connection: the server ends it.
            pid = connection.connection.get_backend_pid()
            other = new_connection()
            with other.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            other.close()
        return real_search(*args, **kwargs)

    monkeypatch.setattr(search_views.search_index, "search", search_cut_off_once)

    response = in_a_thread(lambda: Client().get("/en/search/?q=mangrove"))

    assert response.status_code == 200
    assert "Search: mangrove" in response.content.decode()
    assert len(calls) == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("error", "status", "text"),
    [
        (OperationalError("the database system is shutting down"), 503, "Temporarily unavailable"),
        (ValueError("a bug"), 500, "Server error"),
    ],
)
def test_a_database_failure_is_a_page_that_says_try_again(monkeypatch, error, status, text):
    def failing_search(*args, **kwargs):
        raise error

    monkeypatch.setattr(search_views.search_index, "search", failing_search)
    client = Client(raise_request_exception=False)

    response = client.get("/en/search/?q=mangrove")

    assert response.status_code == status
    assert text in response.content.decode()
    if status == 503:  # a proxy or a reader may try again; nothing may keep this page
        assert response["Retry-After"] == "5"
        assert "no-store" in response["Cache-Control"]
        assert "Please reload this page in a few seconds" in response.content.decode()
