"""Two editors on the same record: changes to different fields and rows are merged; the
same field changed by both is shown side by side for the editor to choose."""

import re

import pytest
from django.test import Client

from bulletins.models import Bulletin
from tests.admin_pages import form_data
from tests.factories import (
    ArticleFactory,
    BulletinFactory,
    OrganizationFactory,
    UserFactory,
    ViewpointFactory,
)


@pytest.fixture
def two_editors(db):
    first, second = Client(HTTP_ACCEPT_LANGUAGE="en"), Client(HTTP_ACCEPT_LANGUAGE="en")
    first.force_login(UserFactory(username="wang", role="Editor"))
    second.force_login(UserFactory(username="li", role="Editor"))
    return first, second


@pytest.fixture
def bulletin(db):
    bulletin = BulletinFactory(title_en="The title both opened", summary_en="")
    ArticleFactory(bulletin=bulletin, position=1, headline_en="Headline both opened")
    return bulletin


def change_url(bulletin):
    return f"/admin/bulletins/bulletin/{bulletin.pk}/change/"


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.mark.django_db
def test_two_editors_changing_different_fields_both_save(two_editors, bulletin):
    wang, li = two_editors
    wang_form = form_data(wang.get(change_url(bulletin)))
    li_form = form_data(li.get(change_url(bulletin)))

    assert li.post(change_url(bulletin), li_form | {"title_en": "Li's title"}).status_code == 302
    response = wang.post(change_url(bulletin), wang_form | {"summary_en": "Wang's summary"})

    assert response.status_code == 302
    bulletin.refresh_from_db()
    assert (bulletin.title_en, bulletin.summary_en) == ("Li's title", "Wang's summary")
    page = text(wang.get(response["Location"]))
    assert "Saved together with what li saved meanwhile: Title [en]." in page


def both_change_the_title(two_editors, bulletin):
    """Li saves a title; Wang, who opened the issue before, saves another and a summary."""
    wang, li = two_editors
    wang_form = form_data(wang.get(change_url(bulletin)))
    li.post(change_url(bulletin), form_data(li.get(change_url(bulletin)), title_en="Li's title"))
    return wang.post(
        change_url(bulletin), wang_form | {"title_en": "Wang's title", "summary_en": "Wang's"}
    )


@pytest.mark.django_db
def test_the_same_field_changed_by_both_shows_both_and_the_editor_chooses(two_editors, bulletin):
    wang, _li = two_editors

    response = both_change_the_title(two_editors, bulletin)

    assert response.status_code == 200
    page = text(response)
    assert "Someone else changed the same fields after you opened this page." in page
    assert "Saved by: li." in page
    row = re.search(
        r"<tr>\s*<th scope=\"row\">Title \[en\]</th>(.*?)</tr>", response.content.decode(), re.S
    )
    assert "Wang&#x27;s title" in row.group(1) and "Li&#x27;s title" in row.group(1)
    bulletin.refresh_from_db()
    assert (bulletin.title_en, bulletin.summary_en) == ("Li's title", "")

    # Keeping Wang's: the page, saved again with that choice, saves.
    response = wang.post(change_url(bulletin), form_data(response) | {"_keeptitle_en": "mine"})
    assert response.status_code == 302
    bulletin.refresh_from_db()
    assert (bulletin.title_en, bulletin.summary_en) == ("Wang's title", "Wang's")


@pytest.mark.django_db
def test_taking_theirs_keeps_the_other_editors_value_and_the_rest_of_mine(two_editors, bulletin):
    wang, _li = two_editors
    refused = both_change_the_title(two_editors, bulletin)

    response = wang.post(change_url(bulletin), form_data(refused) | {"_keeptitle_en": "theirs"})

    assert response.status_code == 302
    bulletin.refresh_from_db()
    assert (bulletin.title_en, bulletin.summary_en) == ("Li's title", "Wang's")


@pytest.mark.django_db
def test_changes_to_different_inline_rows_are_merged(two_editors, bulletin):
    wang, li = two_editors
    article = bulletin.articles.get()
    second = ArticleFactory(bulletin=bulletin, position=2, headline_en="Second")
    wang_form = form_data(wang.get(change_url(bulletin)))
    article_url = f"/admin/bulletins/article/{article.pk}/change/"
    li.post(article_url, form_data(li.get(article_url), headline_en="Li's headline"))

    response = wang.post(
        change_url(bulletin), wang_form | {"articles-1-headline_en": "Wang's second"}
    )

    assert response.status_code == 302
    article.refresh_from_db()
    second.refresh_from_db()
    assert (article.headline_en, second.headline_en) == ("Li's headline", "Wang's second")


@pytest.mark.django_db
def test_a_row_deleted_meanwhile_is_dropped_unless_changed_and_then_the_editor_chooses(two_editors):
    wang, li = two_editors
    article = ArticleFactory()
    kept, gone = (
        ViewpointFactory(article=article, position=1),
        ViewpointFactory(article=article, position=2),
    )
    url = f"/admin/bulletins/article/{article.pk}/change/"
    wang_form = form_data(wang.get(url))
    li_form = form_data(li.get(url))
    li.post(url, li_form | {"viewpoints-1-DELETE": "on"})

    # Wang changed the deleted viewpoint: he is asked.
    refused = wang.post(url, wang_form | {"viewpoints-1-statement_zh_hans": "王的修改。"})
    assert refused.status_code == 200
    assert "Viewpoint 2, deleted by someone else" in text(refused)

    response = wang.post(url, form_data(refused) | {"_keepviewpoints-1-": "mine"})
    assert response.status_code == 302
    assert [v.statement_zh_hans for v in article.viewpoints.all()] == [
        kept.statement_zh_hans,
        "王的修改。",
    ]
    assert not article.viewpoints.filter(pk=gone.pk).exists()


@pytest.mark.django_db
def test_a_row_deleted_meanwhile_that_the_editor_did_not_touch_is_no_conflict(two_editors):
    wang, li = two_editors
    article = ArticleFactory()
    ViewpointFactory(article=article, position=1)
    ViewpointFactory(article=article, position=2)
    url = f"/admin/bulletins/article/{article.pk}/change/"
    wang_form = form_data(wang.get(url))
    li.post(url, form_data(li.get(url)) | {"viewpoints-0-DELETE": "on"})

    response = wang.post(url, wang_form | {"kicker_zh_hans": "王的引题："})

    assert response.status_code == 302
    assert article.viewpoints.count() == 1
    article.refresh_from_db()
    assert article.kicker_zh_hans == "王的引题："


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
def test_partners_are_merged_the_same_way(two_editors):
    wang, li = two_editors
    organization = OrganizationFactory(name_en="Oxfam")
    url = f"/admin/partners/organization/{organization.pk}/change/"
    wang_form = form_data(wang.get(url))
    li.post(url, form_data(li.get(url), name_en="Oxfam International"))

    response = wang.post(url, wang_form | {"website": "https://www.oxfam.org/"})

    assert response.status_code == 302
    organization.refresh_from_db()
    assert (organization.name_en, organization.website) == (
        "Oxfam International",
        "https://www.oxfam.org/",
    )


@pytest.mark.django_db
def test_opening_a_record_someone_else_has_open_says_who_and_since_when(two_editors, bulletin):
    wang, li = two_editors
    wang.get(change_url(bulletin))

    page = li.get(change_url(bulletin)).content.decode()

    since = re.search(r'<p class="editing-now"[^>]*>(.*?)</p>', page).group(1)
    assert re.fullmatch(r"wang has been editing this since \d\d:\d\d\.", since)
    # Wang's page says goodbye when he leaves; Li's next refresh says nobody is there.
    presence_url = f"/admin/bulletins/bulletin/{bulletin.pk}/presence/"
    assert wang.post(presence_url, {"leave": "1"}).json() == {"others": ""}
    assert li.post(presence_url).json() == {"others": ""}
