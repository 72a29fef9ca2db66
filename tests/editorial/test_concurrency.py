"""Two editors on the same record: the second save is refused, showing what changed."""

import pytest
from django.test import Client

from bulletins.models import Bulletin
from tests.admin_pages import form_data
from tests.factories import ArticleFactory, BulletinFactory, OrganizationFactory, UserFactory


@pytest.fixture
def two_editors(db):
    first, second = Client(HTTP_ACCEPT_LANGUAGE="en"), Client(HTTP_ACCEPT_LANGUAGE="en")
    first.force_login(UserFactory(username="wang", role="Editor"))
    second.force_login(UserFactory(username="li", role="Editor"))
    return first, second


@pytest.fixture
def bulletin(db):
    bulletin = BulletinFactory(title_en="The title both opened")
    ArticleFactory(bulletin=bulletin, position=1, headline_en="Headline both opened")
    return bulletin


def change_url(bulletin):
    return f"/admin/bulletins/bulletin/{bulletin.pk}/change/"


@pytest.mark.django_db
def test_the_second_save_is_refused_and_shows_what_changed(two_editors, bulletin):
    wang, li = two_editors
    wang_form = form_data(wang.get(change_url(bulletin)))
    li_form = form_data(li.get(change_url(bulletin)))

    assert li.post(change_url(bulletin), li_form | {"title_en": "Li's title"}).status_code == 302
    response = wang.post(change_url(bulletin), wang_form | {"title_en": "Wang's title"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this record after you opened it" in page
    assert "Saved by: li." in page
    assert "Title [en]" in page
    assert "<ins>Li&#x27;s</ins>" in page
    bulletin.refresh_from_db()
    assert bulletin.title_en == "Li's title"

    # Posting the same page again is still refused: never a silent overwrite.
    response = wang.post(change_url(bulletin), form_data(response, title_en="Wang's title"))
    assert "Someone else saved this record" in response.content.decode()
    bulletin.refresh_from_db()
    assert bulletin.title_en == "Li's title"

    # Opened again, the page saves.
    response = wang.post(
        change_url(bulletin), form_data(wang.get(change_url(bulletin)), title_en="Wang's title")
    )
    assert response.status_code == 302
    bulletin.refresh_from_db()
    assert bulletin.title_en == "Wang's title"


@pytest.mark.django_db
def test_a_change_to_an_inline_row_is_a_conflict_too(two_editors, bulletin):
    wang, li = two_editors
    wang_form = form_data(wang.get(change_url(bulletin)))
    article = bulletin.articles.get()
    article_url = f"/admin/bulletins/article/{article.pk}/change/"
    li.post(article_url, form_data(li.get(article_url), headline_en="Li's headline"))

    response = wang.post(change_url(bulletin), wang_form | {"title_en": "Wang's title"})

    page = response.content.decode()
    assert "Someone else saved this record" in page
    assert "Headline [en]" in page
    article.refresh_from_db()
    assert article.headline_en == "Li's headline"


@pytest.mark.django_db
def test_a_change_to_a_field_the_page_does_not_edit_is_no_conflict(two_editors, bulletin):
    wang, li = two_editors
    wang_form = form_data(wang.get(change_url(bulletin)))
    article = bulletin.articles.get()
    article_url = f"/admin/bulletins/article/{article.pk}/change/"
    li.post(article_url, form_data(li.get(article_url), body_en="<p>Li's body.</p>"))

    response = wang.post(change_url(bulletin), wang_form | {"title_en": "Wang's title"})

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body_en == "<p>Li's body.</p>"  # the issue page saved the article row too


@pytest.mark.django_db
def test_a_workflow_step_in_between_is_no_conflict(two_editors, bulletin, publisher):
    from publishing import services

    wang, _li = two_editors
    wang_form = form_data(wang.get(change_url(bulletin)))
    services.bulletin_submit_for_review(bulletin=bulletin, user=publisher)

    response = wang.post(change_url(bulletin), wang_form | {"title_en": "Wang's title"})

    assert response.status_code == 302
    bulletin.refresh_from_db()
    assert (bulletin.title_en, bulletin.status) == ("Wang's title", Bulletin.Status.IN_REVIEW)


@pytest.mark.django_db
def test_a_tampered_state_is_refused(editor_client, bulletin):
    data = form_data(editor_client.get(change_url(bulletin)), title_en="Changed")
    data["_loaded_state"] = data["_loaded_state"][:-2] + "xx"

    response = editor_client.post(change_url(bulletin), data)

    assert "could not be checked against the stored record" in response.content.decode()
    bulletin.refresh_from_db()
    assert bulletin.title_en == "The title both opened"


@pytest.mark.django_db
def test_partners_are_protected_the_same_way(two_editors):
    wang, li = two_editors
    organization = OrganizationFactory(name_en="Oxfam")
    url = f"/admin/partners/organization/{organization.pk}/change/"
    wang_form = form_data(wang.get(url))
    li.post(url, form_data(li.get(url), name_en="Oxfam International"))

    response = wang.post(url, wang_form | {"website": "https://www.oxfam.org/"})

    assert "Someone else saved this record" in response.content.decode()
    organization.refresh_from_db()
    assert (organization.name_en, organization.website) == ("Oxfam International", "")
