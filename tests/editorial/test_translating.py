"""Translating an issue side by side: the source text, locked, beside one language's fields."""

import re

import pytest

from bulletins.models import Bulletin


def form_fields(response) -> dict:
    """What the browser posts back from the translation page: every field as shown."""
    html = response.content.decode()
    data = dict(re.findall(r'<input type="hidden" name="(_loaded)" value="([^"]*)"', html))
    for name, value in re.findall(r'<input type="text" name="([\w-]+)" value="([^"]*)"', html):
        data[name] = value
    for name, value in re.findall(
        r'<textarea name="([\w-]+)"[^>]*>\n?(.*?)</textarea>', html, re.S
    ):
        data[name] = value
    return {
        name: value.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
        for name, value in data.items()
    }


@pytest.fixture
def issue(demo):
    return Bulletin.objects.get(year=2020, number=2)


def url(issue, language="en"):
    return f"/admin/bulletins/bulletin/{issue.pk}/translate/?language={language}"


@pytest.mark.django_db
def test_the_whole_issue_is_on_one_page_with_the_source_locked_beside_each_field(
    translator, client, issue
):
    client.force_login(translator)

    response = client.get(url(issue, "th"))

    page = response.content.decode()
    assert response.status_code == 200
    first, second = issue.articles.all()
    for record in [first, second, *first.viewpoints.all(), *second.viewpoints.all()]:
        assert f'name="{record._meta.model_name}-{record.pk}-' in page
    assert "Simplified Chinese (source, locked)" in page
    assert 'class="locked-source" aria-readonly="true"' in page
    assert "凝聚澜湄共识，加强环境合作" in page  # the source, as text, not in a field
    assert f'name="article-{second.pk}-headline_zh_hans"' not in page
    assert re.search(
        r'aria-current="page" class="current" lang="th">ภาษาไทย.*?0%</span>', page, re.S
    )
    assert re.search(r'lang="en">English.*?100%</span>', page, re.S)


@pytest.mark.django_db
def test_a_translator_saves_an_english_body_and_nothing_else_changes(translator, client, issue):
    client.force_login(translator)
    article = issue.articles.first()
    headline_zh, headline_en = article.headline_zh_hans, article.headline_en
    data = form_fields(client.get(url(issue)))
    body = f"article-{article.pk}-body_en"
    assert body in data

    response = client.post(url(issue), data | {body: "<p>A new English body.</p>"})

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body_en == "<p>A new English body.</p>"
    assert (article.headline_zh_hans, article.headline_en) == (headline_zh, headline_en)
    page = client.get(response["Location"]).content.decode()
    assert "1 texts in English saved." in page


@pytest.mark.django_db
def test_a_text_someone_else_saved_meanwhile_in_another_field_is_kept(editor_client, issue):
    article = issue.articles.first()
    data = form_fields(editor_client.get(url(issue)))
    type(article).objects.filter(pk=article.pk).update(kicker_en="Saved meanwhile:")

    response = editor_client.post(url(issue), data | {f"article-{article.pk}-headline_en": "New"})

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.kicker_en, article.headline_en) == ("Saved meanwhile:", "New")


@pytest.mark.django_db
def test_the_source_language_is_no_target(editor_client, issue):
    assert editor_client.get(url(issue, "zh-hans")).status_code == 404


@pytest.mark.django_db
def test_an_article_alone_can_be_translated_and_its_page_links_there(editor_client, issue):
    article = issue.articles.first()

    change = editor_client.get(f"/admin/bulletins/article/{article.pk}/change/").content.decode()
    page = editor_client.get(f"/admin/bulletins/article/{article.pk}/translate/?language=en")

    assert f'href="/admin/bulletins/article/{article.pk}/translate/"' in change
    assert f'name="article-{article.pk}-headline_en"' in page.content.decode()
    assert "bulletin-" not in page.content.decode()
