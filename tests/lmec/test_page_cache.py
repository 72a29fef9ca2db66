"""The anonymous page cache: served to visitors, cleared by changes, never for staff."""

import datetime

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.utils import timezone

from lmec import page_cache
from tests.factories import ArticleFactory, BulletinFactory, publish


def published_article(*, at=None, **kwargs):
    """An article of a published issue 2021/1."""
    article = ArticleFactory(bulletin=BulletinFactory(year=2021, number=1), **kwargs)
    publish(article.bulletin, at=at)
    return article


@pytest.mark.django_db
def test_a_page_is_served_from_the_cache_the_second_time(client, django_assert_num_queries):
    article = published_article()

    first = client.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        second = client.get(article.get_absolute_url())

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Language"] == "en"


@pytest.mark.django_db
def test_a_publication_clears_the_cache(client):
    article = published_article(headline_en="Old headline")
    assert b"Old headline" in client.get("/en/bulletins/2021/1/").content

    article.headline_en = "New headline"
    article.save()
    assert b"Old headline" in client.get("/en/bulletins/2021/1/").content  # pending
    publish(article.bulletin)

    response = client.get("/en/bulletins/2021/1/")
    assert b"New headline" in response.content
    assert response["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_deleting_an_issue_in_the_admin_clears_the_cache(client, administrator):
    article = published_article()
    assert b"/2021/1/" in client.get("/en/bulletins/").content

    client.force_login(administrator)
    client.post(f"/admin/bulletins/bulletin/{article.bulletin.pk}/delete/", {"post": "yes"})
    client.logout()

    assert b"/2021/1/" not in client.get("/en/bulletins/").content


@pytest.mark.django_db
def test_a_scheduled_issue_appears_when_its_time_comes(client):
    at = timezone.now() + datetime.timedelta(seconds=90)
    published_article(at=at)

    assert page_cache.lifetime() <= 90
    client.get("/en/bulletins/")  # stored, at most until the issue goes live

    # The cache forgets the page by itself at that time; nothing else needs to happen.
    assert page_cache.lifetime() > 0
    later = at + datetime.timedelta(seconds=1)
    assert page_cache.seconds_until_next_change(now=later) is None


@pytest.mark.django_db
def test_no_page_outlives_the_next_publication(settings):
    settings.PAGE_CACHE_SECONDS = 600
    for number, wait in [(1, datetime.timedelta(seconds=30)), (2, datetime.timedelta(hours=3))]:
        bulletin = BulletinFactory(year=2021, number=number)
        ArticleFactory(bulletin=bulletin)
        publish(bulletin, at=timezone.now() + wait)

    assert 0 < page_cache.lifetime() <= 30


@pytest.mark.django_db
def test_staff_neither_get_nor_fill_cached_pages(client, editor):
    published_article()
    client.get("/en/bulletins/2021/1/")  # stored for visitors

    client.force_login(editor)
    staff = client.get("/en/bulletins/2021/1/")
    client.logout()
    visitor = client.get("/en/bulletins/2021/1/")

    assert "X-Page-Cache" not in staff
    assert visitor["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_pages_stored_for_visitors_are_not_stored_from_staff_requests(client, editor):
    published_article()
    client.force_login(editor)
    client.get("/en/bulletins/2021/1/")
    client.logout()

    assert client.get("/en/bulletins/2021/1/")["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_search_results_and_errors_are_not_cached(client):
    client.get("/en/search/?q=mangrove")
    client.get("/en/no-such-page/")

    assert "X-Page-Cache" not in client.get("/en/search/?q=mangrove")
    assert "X-Page-Cache" not in client.get("/en/no-such-page/")


@pytest.mark.django_db
def test_the_cache_can_be_turned_off(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/en/")

    assert "X-Page-Cache" not in client.get("/en/")


class CountingCache(LocMemCache):
    """Django's memory cache, counting the round trips a shared cache would make."""

    calls: list = []

    def get(self, *args, **kwargs):
        self.calls.append("get")
        return super().get(*args, **kwargs)

    def get_many(self, keys, version=None):
        self.calls.append("get_many")  # one round trip (Redis MGET), not one per key
        missing = object()
        found = {key: LocMemCache.get(self, key, missing, version) for key in keys}
        return {key: value for key, value in found.items() if value is not missing}

    def set(self, *args, **kwargs):
        self.calls.append("set")
        return super().set(*args, **kwargs)


@pytest.fixture
def cache_calls(settings):
    settings.CACHES = {"default": {"BACKEND": f"{__name__}.CountingCache", "LOCATION": "count"}}
    CountingCache.calls.clear()
    return CountingCache.calls


@pytest.mark.django_db
def test_a_cacheable_request_makes_one_round_trip(client, cache_calls):
    published_article()
    client.get("/en/bulletins/2021/1/")  # stored
    cache_calls.clear()

    response = client.get("/en/bulletins/2021/1/")

    assert response["X-Page-Cache"] == "hit"
    assert cache_calls == ["get_many"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/healthz", "/en/search/?q=mangrove", "/en/no-such-page/"])
def test_requests_the_cache_cannot_serve_do_not_ask_it(client, cache_calls, path):
    client.get(path)

    assert cache_calls == []


@pytest.mark.django_db
def test_posts_and_staff_do_not_ask_the_cache(client, cache_calls, editor):
    published_article()
    cache_calls.clear()  # the publication set a new content version

    client.post("/en/bulletins/2021/1/")
    client.force_login(editor)
    client.get("/en/bulletins/2021/1/")

    assert cache_calls == []
