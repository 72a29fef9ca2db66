"""Translators change translations only, whatever their browser sends."""

import pytest

from tests.admin_pages import form_data
from tests.factories import ArticleFactory, BulletinFactory, OrganizationFactory, ViewpointFactory


@pytest.fixture
def translator_client(client, translator):
    client.force_login(translator)
    return client


@pytest.fixture
def article(db):
    article = ArticleFactory(
        headline_zh_hans="澜湄环境合作圆桌会议顺利举行",
        headline_en="Round table held",
        slug="round-table",
    )
    ViewpointFactory(article=article, statement_zh_hans="应加强合作。", statement_en="")
    return article


@pytest.mark.django_db
def test_a_translator_sees_only_the_translations_open(translator_client, article):
    response = translator_client.get(f"/admin/bulletins/article/{article.pk}/change/")

    assert "You may change the translations only: every language but Simplified Chinese" in (
        response.content.decode()
    )
    fields = response.context["adminform"].form.fields
    assert not fields["headline_en"].disabled
    assert not fields["headline_th"].disabled
    assert fields["headline_zh_hans"].disabled
    assert fields["slug"].disabled
    assert fields["position"].disabled
    assert fields["topics"].disabled
    viewpoints = response.context["inline_admin_formsets"][0].formset
    assert not viewpoints.forms[0].fields["statement_en"].disabled
    assert viewpoints.forms[0].fields["statement_zh_hans"].disabled
    assert viewpoints.forms[0].fields["organization"].disabled


@pytest.mark.django_db
def test_what_a_translator_posts_beyond_translations_is_ignored(translator_client, article):
    url = f"/admin/bulletins/article/{article.pk}/change/"
    position = article.position
    data = form_data(
        translator_client.get(url),
        headline_zh_hans="被篡改的标题",
        headline_th="การประชุมโต๊ะกลม",
        slug="tampered",
        position="99",
        **{
            "viewpoints-0-statement_zh_hans": "被篡改的观点",
            "viewpoints-0-statement_en": "Cooperation should be strengthened.",
        },
    )

    response = translator_client.post(url, data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline_th == "การประชุมโต๊ะกลม"
    assert article.headline_zh_hans == "澜湄环境合作圆桌会议顺利举行"
    assert (article.slug, article.position) == ("round-table", position)
    viewpoint = article.viewpoints.get()
    assert viewpoint.statement_en == "Cooperation should be strengthened."
    assert viewpoint.statement_zh_hans == "应加强合作。"


@pytest.mark.django_db
def test_the_source_language_is_the_issue_s_own(translator_client):
    bulletin = BulletinFactory(source_language="en", title_en="Written in English")
    url = f"/admin/bulletins/bulletin/{bulletin.pk}/change/"

    fields = translator_client.get(url).context["adminform"].form.fields

    assert fields["title_en"].disabled
    assert not fields["title_zh_hans"].disabled
    assert fields["year"].disabled


@pytest.mark.django_db
def test_a_translator_cannot_add_or_delete_articles(translator_client, article):
    response = translator_client.get(f"/admin/bulletins/bulletin/{article.bulletin.pk}/change/")

    articles = response.context["inline_admin_formsets"][0]
    assert not articles.has_add_permission
    assert not articles.has_delete_permission
    assert translator_client.get("/admin/bulletins/article/add/").status_code == 403


@pytest.mark.django_db
def test_a_translator_translates_a_partner(translator_client):
    organization = OrganizationFactory(name_zh_hans="乐施会", name_en="", slug="oxfam")
    url = f"/admin/partners/organization/{organization.pk}/change/"

    response = translator_client.post(
        url, form_data(translator_client.get(url), name_en="Oxfam", slug="changed")
    )

    assert response.status_code == 302
    organization.refresh_from_db()
    assert (organization.name_en, organization.slug) == ("Oxfam", "oxfam")
