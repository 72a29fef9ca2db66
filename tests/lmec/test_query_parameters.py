"""Whatever a query string holds, pages answer with a page, a 400 or an empty result, never a 500.

A fuzz corpus (NUL bytes, numbers too large for any column, invalid UTF-8, SQL and template
metacharacters) goes to every parameter of every admin list (each registered model, as an
administrator) and of every public page that reads one.
"""

from urllib.parse import quote

import pytest
from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.db.models import DateField, ForeignKey, IntegerField
from django.test import RequestFactory
from django.test import client as client_module

from tests.factories import (
    ArticleFactory,
    BulletinFactory,
    EventFactory,
    OrganizationFactory,
    UserFactory,
    ViewpointFactory,
    publish,
)

# Each already escaped for a query string, as an attacker would type it.
CORPUS = [
    "%00",
    "1%00",
    "99999999999999999999",
    "-99999999999999999999",
    "9" * 400,
    "1e309",
    "%FF%FE",
    "%C3%28",
    "%ED%A0%80",
    quote("' OR '1'='1"),
    quote("1); DROP TABLE auth_user;--"),
    quote("{{ 7|add:7 }}{% debug %}"),
    quote("<script>alert(1)</script>"),
    quote("__all__"),
    "",
]
# Too large for any column or date: tried in each parameter alone too.
NUMBERS = ["99999999999999999999"]

# Parameters every admin list reads besides its filters: page, search, ordering, all. Not
# _to_field: any value but a field's name is a 400 at once, which would hide the others.
ADMIN_LIST_PARAMETERS = ["p", "q", "o", "all", "_popup"]

PUBLIC_PAGES = {
    "/en/search/": ["q", "type", "year", "language", "page"],
    "/en/bulletins/": ["page", "year"],
    "/en/events/": ["year", "kind", "format", "topic", "page"],
    "/en/partners/": ["kind", "country", "page"],
    "/en/topics/": ["page"],
    "/en/": ["page"],
}


@pytest.fixture(autouse=True)
def no_template_contexts(monkeypatch):
    """Only the status counts here: the test client need not copy every template's
    context (a third of the time of an admin list)."""
    monkeypatch.setattr(client_module, "store_rendered_templates", lambda *args, **kwargs: None)


@pytest.fixture
def content(db):
    article = ArticleFactory(bulletin=BulletinFactory(), event=EventFactory())
    ViewpointFactory(article=article, organization=OrganizationFactory())
    publish(article.bulletin)  # with its partner and event


def compares_numbers(model, parameter) -> bool:
    """Whether a filter parameter compares a number or a date (``year__exact``,
    ``publication_date__year``, ``articles__topics__id__exact``): where numbers overflow."""
    options, field = model._meta, None
    for part in parameter.split("__"):
        try:
            field = options.get_field(part)
        except FieldDoesNotExist:
            break  # a lookup: exact, year, gte, …
        if field.related_model is not None:
            options = field.related_model._meta
    return isinstance(field, IntegerField | DateField | ForeignKey)


def admin_list_parameters(administrator):
    """Every registered model's list address, model and the parameters its filters read."""
    request = RequestFactory().get("/")
    request.user = administrator
    for model, model_admin in admin.site._registry.items():
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        changelist = model_admin.get_changelist_instance(request)
        parameters = {
            parameter
            for spec in changelist.filter_specs
            for parameter in spec.expected_parameters()
        }
        if model_admin.date_hierarchy:
            parameters |= {
                f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")
            }
        yield url, model, sorted(parameters)


def answers(client, url, queries):
    """(query string, status) of each query string."""
    client.raise_request_exception = False  # a 500 is an answer to count, not to stop at
    for query in queries:
        yield query, client.get(f"{url}?{query}").status_code


def one_by_one(parameters, corpus=CORPUS):
    """Each value of the corpus in each parameter alone."""
    return [f"{parameter}={value}" for parameter in parameters for value in corpus]


def all_at_once(parameters):
    """Each value of the corpus in every parameter at once (an admin list takes some 50 ms
    to draw: one parameter at a time, the whole corpus would take a minute)."""
    return ["&".join(f"{parameter}={value}" for parameter in parameters) for value in CORPUS]


@pytest.mark.django_db
def test_no_admin_list_fails_on_any_parameter(client, content):
    administrator = UserFactory(username="administrator", role="Administrator", is_superuser=True)
    client.force_login(administrator)
    failures = [
        f"{url}?{query}: {status}"
        for url, model, filters in admin_list_parameters(administrator)
        for query, status in answers(
            client,
            url,
            all_at_once(filters + ADMIN_LIST_PARAMETERS)
            + one_by_one([name for name in filters if compares_numbers(model, name)], NUMBERS)
            + one_by_one(["p"], NUMBERS),
        )
        if status >= 500
    ]

    assert failures == []


@pytest.mark.django_db
def test_no_public_page_fails_on_any_parameter(client, content):
    failures = [
        f"{url}?{query}: {status}"
        for url, parameters in PUBLIC_PAGES.items()
        for query, status in answers(
            client, url, all_at_once(parameters) + one_by_one(parameters, NUMBERS)
        )
        if status >= 500
    ]

    assert failures == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/admin/bulletins/bulletin/?status__exact=%00",
        "/admin/bulletins/bulletin/?publication_date__year=99999999999999999999",
        "/en/search/?q=%00",
    ],
)
def test_the_reported_parameters_are_refused(client, url):
    client.force_login(UserFactory(username="administrator", role="Administrator"))

    response = client.get(url)

    assert response.status_code in (302, 400)
