"""Translation completeness: per issue and language, which texts are filled."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bulletins.completeness import translation_matrix
from tests.factories import ArticleFactory, BulletinFactory, ViewpointFactory


@pytest.fixture
def bulletin(db):
    bulletin = BulletinFactory(title_zh_hans="简报", title_en="Bulletin", summary_zh_hans="")
    article = ArticleFactory(
        bulletin=bulletin,
        kicker_zh_hans="",
        headline_zh_hans="标题",
        headline_en="Headline",
        headline_th="หัวข้อ",
        body_zh_hans="<p>正文</p>",
        body_en="<p></p>",
    )
    ViewpointFactory(article=article, statement_zh_hans="观点一", statement_en="View one")
    ViewpointFactory(article=article, statement_zh_hans="观点二", statement_en="")
    return bulletin


def cells(matrix, item, field):
    row = next(row for row in matrix.rows if (row.item, row.field) == (item, field))
    return {
        cell.language: cell.symbol for cell in row.cells if cell.language in ("zh-hans", "en", "th")
    }


@pytest.mark.django_db
def test_the_matrix_counts_the_texts_written_in_the_source_language(bulletin):
    matrix = translation_matrix(bulletin)

    assert cells(matrix, "Issue", "Title") == {"zh-hans": "✓", "en": "✓", "th": "✗"}
    assert cells(matrix, "Article 1", "Headline") == {"zh-hans": "✓", "en": "✓", "th": "✓"}
    # An empty paragraph is no translation.
    assert cells(matrix, "Article 1", "Body") == {"zh-hans": "✓", "en": "✗", "th": "✗"}
    assert cells(matrix, "Article 1, viewpoints", "Statement") == {
        "zh-hans": "✓",
        "en": "1/2",
        "th": "0/2",
    }
    # Nothing to translate where the source is empty.
    assert ("Issue", "Summary") not in {(row.item, row.field) for row in matrix.rows}
    assert ("Article 1", "Kicker") not in {(row.item, row.field) for row in matrix.rows}
    assert matrix.complete_languages() == ["zh-hans"]


@pytest.mark.django_db
def test_the_issue_list_and_page_show_the_translations(editor_client, bulletin):
    listing = editor_client.get("/admin/bulletins/bulletin/").content.decode()
    page = editor_client.get(f"/admin/bulletins/bulletin/{bulletin.pk}/change/").content.decode()

    badges = re.findall(r'<span class="translation-badge[^>]*>([^<]*)</span>', listing)
    assert badges == ["zh-hans ✓", "en 71%", "th 14%"]  # of 7 texts; no Vietnamese yet
    assert "Article 1, viewpoints · Statement" in page


@pytest.mark.django_db
def test_the_issue_list_reads_translations_in_a_fixed_number_of_queries(editor_client):
    def queries_for_the_list():
        with CaptureQueriesContext(connection) as queries:
            editor_client.get("/admin/bulletins/bulletin/")
        return len(queries)

    ViewpointFactory(article__bulletin__year=2022)
    few = queries_for_the_list()
    for _ in range(5):
        ViewpointFactory(article__bulletin__year=2022)

    assert queries_for_the_list() == few
