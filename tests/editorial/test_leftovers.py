"""The Chinese admin speaks Chinese everywhere, and shows editors their records only."""

import re

import pytest

from bulletins.models import Bulletin
from publishing.models import SearchEntry
from tests.admin_pages import form_data


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def chinese(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    return client


@pytest.mark.django_db
def test_a_change_to_a_translation_reads_in_chinese_in_the_history(editor_client, demo):
    article = Bulletin.objects.get(year=2020, number=5).articles.get()
    url = f"/admin/bulletins/article/{article.pk}/change/"
    # Saved from the English admin.
    editor_client.post(url, form_data(editor_client.get(url), headline_th="หัวข้อข่าว"))

    editor_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    history = text(editor_client.get(f"/admin/bulletins/article/{article.pk}/history/"))

    assert "已修改标题 [th]。" in history
    assert "Headline" not in history


@pytest.mark.django_db
def test_the_viewpoint_list_names_its_speaker_column_in_chinese(editor_client, demo):
    editor_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"

    page = editor_client.get("/admin/bulletins/viewpoint/").content.decode()

    header = re.search(
        r'<th scope="col" class="[^"]*column-speaker_line[^"]*">(.*?)</th>', page, re.S
    )
    assert "发言人" in header.group(1)


@pytest.mark.django_db
def test_deleting_an_issue_lists_its_articles_and_viewpoints_not_internal_records(
    publisher_client, demo
):
    bulletin = Bulletin.objects.get(year=2020, number=2)
    assert SearchEntry.objects.filter(edition__bulletin=bulletin).exists()

    page = text(publisher_client.get(f"/admin/bulletins/bulletin/{bulletin.pk}/delete/"))

    assert "Viewpoints: 8" in page and "Articles: 2" in page
    assert "search entr" not in page.lower()
    assert "Article-topic" not in page and "Article_topics object" not in page
