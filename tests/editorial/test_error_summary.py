"""A refused form lists its errors at the top, each named and linked to its field."""

import re

import pytest
from django.utils import translation

from bulletins.models import Bulletin
from tests.admin_pages import form_data
from tests.editorial.test_admin import management_form


def summary(response) -> list[str]:
    html = response.content.decode()
    block = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", item)).strip()
        for item in re.findall(r"<li>(.*?)</li>", block, re.S)
    ]


@pytest.fixture
def article(demo):
    return Bulletin.objects.get(year=2020, number=5).articles.get()


@pytest.mark.django_db
def test_a_viewpoint_without_organization_is_named_by_its_row_and_linked(editor_client, article):
    url = f"/admin/bulletins/article/{article.pk}/change/"

    response = editor_client.post(
        url, form_data(editor_client.get(url), **{"viewpoints-1-organization": ""})
    )

    assert response.status_code == 200
    assert summary(response) == ["Viewpoint 2: organization — This field is required."]
    assert (
        '<a href="#id_viewpoints-1-organization" data-field="id_viewpoints-1-organization">'
        in response.content.decode()
    )


@pytest.mark.django_db
def test_the_summary_speaks_chinese_in_the_chinese_admin(editor_client, article):
    url = f"/admin/bulletins/article/{article.pk}/change/"
    editor_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"

    with translation.override("zh-hans"):
        data = form_data(editor_client.get(url), **{"viewpoints-1-organization": ""})
        response = editor_client.post(url, data)

    assert summary(response) == ["专家观点 2: 机构 — 这个字段是必填项。"]


@pytest.mark.django_db
def test_an_end_date_before_the_start_is_said_beside_the_end_date(editor_client):
    response = editor_client.post(
        "/admin/events/event/add/",
        {
            "title_zh_hans": "圆桌对话",
            "kind": "round_table",
            "format": "online",
            "start_date": "2020-07-30",
            "end_date": "2020-07-29",
            **management_form("organizer_roles", 0),
        },
    )

    html = response.content.decode()
    row = re.search(
        r'<div class="form-row[^"]*field-start_date.*?(?=<div class="form-row|</fieldset>)',
        html,
        re.S,
    ).group(0)
    assert "The end date cannot be before the start date." in row.split("field-end_date", 1)[1]
    assert summary(response) == ["End date — The end date cannot be before the start date."]
