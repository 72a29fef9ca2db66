"""History: every change recorded; compare, restore exactly, delete and recover."""

import datetime

import pytest
from django.forms.models import model_to_dict
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from audit.models import AuditEntry
from bulletins.models import Article, ArticleImage, Bulletin, Viewpoint
from publishing import services
from tests.admin_pages import form_data
from tests.factories import (
    ArticleFactory,
    BulletinFactory,
    EventFactory,
    OrganizationFactory,
    PersonFactory,
    TopicFactory,
    ViewpointFactory,
    publish,
)


def issue_with_articles(**kwargs):
    """An issue with two articles of two viewpoints each, with topics, in three languages."""
    bulletin = BulletinFactory(title_zh_hans="原标题", title_en="Original title", **kwargs)
    topics = [TopicFactory(), TopicFactory()]
    for position in (1, 2):
        article = ArticleFactory(
            bulletin=bulletin,
            position=position,
            headline_zh_hans=f"第{position}篇",
            headline_en=f"Article {position}",
            headline_th=f"บทความ {position}",
            body_en=f"<p>Body of article {position}.</p>",
        )
        article.topics.set(topics[:position])
        ViewpointFactory(article=article, position=1, statement_en=f"First view {position}")
        ViewpointFactory(
            article=article,
            position=2,
            person=PersonFactory(),
            speaker_title_en="Technical Adviser",
            statement_en=f"Second view {position}",
        )
    return bulletin


def snapshot(bulletin):
    """Every stored value of the issue, its articles, viewpoints and images, ids included."""

    def values(record, exclude=()):
        return {
            key: value for key, value in model_to_dict(record).items() if key not in exclude
        } | {"id": record.pk}

    articles = Article.objects.filter(bulletin=bulletin).order_by("pk")
    return {
        "issue": values(Bulletin.objects.get(pk=bulletin.pk), exclude=["cover_image"]),
        "articles": [values(article) for article in articles],
        "topics": [sorted(a.topics.values_list("pk", flat=True)) for a in articles],
        "viewpoints": [
            values(v) for v in Viewpoint.objects.filter(article__bulletin=bulletin).order_by("pk")
        ],
        "images": [
            values(i, exclude=["image"])
            for i in ArticleImage.objects.filter(article__bulletin=bulletin).order_by("pk")
        ],
    }


def history_url(bulletin):
    return f"/admin/bulletins/bulletin/{bulletin.pk}/history/"


def save_change_page(client, url, **changes):
    response = client.post(url, form_data(client.get(url), **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


@pytest.mark.django_db
def test_restoring_a_version_brings_back_articles_and_viewpoints_exactly(editor_client):
    bulletin = issue_with_articles()
    change_url = f"/admin/bulletins/bulletin/{bulletin.pk}/change/"
    save_change_page(editor_client, change_url, title_en="Title we will come back to")
    before = snapshot(bulletin)
    version = Version.objects.get_for_object(bulletin).order_by("-pk").first()

    # Later changes, through every editing page: the issue, an article, the viewpoints.
    first, second = bulletin.articles.all()
    save_change_page(
        editor_client,
        change_url,
        title_en="A later title",
        **{"articles-0-headline_en": "A later headline", "articles-1-DELETE": "on"},
    )
    article_url = f"/admin/bulletins/article/{first.pk}/change/"
    kept, dropped = first.viewpoints.all()
    save_change_page(
        editor_client,
        article_url,
        **{
            "viewpoints-0-statement_en": "A later statement",
            "viewpoints-1-DELETE": "on",
        },
    )
    ArticleFactory(bulletin=bulletin, position=3, headline_en="An article added later")
    first.topics.clear()
    assert snapshot(bulletin) != before

    response = editor_client.get(f"{history_url(bulletin)}{version.pk}/")
    page = response.content.decode()
    assert "Restoring this version makes these changes" in page
    assert "An article added later" in page

    response = editor_client.post(f"{history_url(bulletin)}{version.pk}/", follow=True)

    assert "was restored to the version of" in response.content.decode()
    assert snapshot(bulletin) == before
    assert not Article.objects.filter(headline_en="An article added later").exists()
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.RESTORED).get()
    assert entry.object_id == str(bulletin.pk)


@pytest.mark.django_db
def test_restoring_keeps_the_issue_status(publisher, editor_client):
    bulletin = issue_with_articles()
    change_url = f"/admin/bulletins/bulletin/{bulletin.pk}/change/"
    save_change_page(editor_client, change_url, title_en="Draft-time title")
    draft_version = Version.objects.get_for_object(bulletin).order_by("-pk").first()
    Bulletin.objects.filter(pk=bulletin.pk).update(title_en="Published title")
    publish(bulletin)

    page = editor_client.get(f"{history_url(bulletin)}{draft_version.pk}/").content.decode()
    assert "A restore leaves these as they are: Status, Submitted for review." in page
    assert '<th scope="row">Status</th>' not in page
    assert '<th scope="row">Title [en]</th>' in page

    editor_client.post(f"{history_url(bulletin)}{draft_version.pk}/")

    bulletin.refresh_from_db()
    assert bulletin.title_en == "Draft-time title"
    assert bulletin.status == Bulletin.Status.PUBLISHED
    # Restored content is a pending change: readers still see the published title.
    assert services.publication_state(bulletin).pending
    assert "Published title" in Client().get(bulletin.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_the_issue_history_records_changes_made_on_an_article_page(editor_client, editor):
    bulletin = issue_with_articles()
    article = bulletin.articles.first()

    save_change_page(
        editor_client,
        f"/admin/bulletins/article/{article.pk}/change/",
        headline_en="Headline changed on the article page",
    )

    versions = Version.objects.get_for_object(bulletin)
    assert versions.count() == 2  # the state before the first change, and after it
    assert versions.order_by("-pk").first().revision.user == editor
    page = editor_client.get(history_url(bulletin)).content.decode()
    assert "editor" in page
    assert "Compare the chosen versions" in page


@pytest.mark.django_db
def test_compare_shows_what_changed_field_by_field(editor_client):
    bulletin = issue_with_articles()
    article = bulletin.articles.first()
    save_change_page(
        editor_client,
        f"/admin/bulletins/article/{article.pk}/change/",
        headline_en="Article one, rewritten",
    )
    older, newer = Version.objects.get_for_object(bulletin).order_by("pk")

    response = editor_client.get(
        f"{history_url(bulletin)}compare/", {"from": older.pk, "to": newer.pk}
    )

    page = response.content.decode()
    assert "Headline [en]" in page
    assert "Article <del>1</del>" in page
    assert "Article <ins>one, rewritten</ins>" in page
    assert "Second view 1" not in page  # unchanged viewpoints are not listed


@pytest.mark.django_db
def test_an_article_version_restores_that_article_only(editor_client):
    bulletin = issue_with_articles()
    first, second = bulletin.articles.all()
    save_change_page(editor_client, f"/admin/bulletins/article/{first.pk}/change/")
    version = Version.objects.get_for_object(first).order_by("-pk").first()
    first.viewpoints.update(statement_en="changed later")
    second.viewpoints.update(statement_en="also changed later")

    editor_client.post(f"/admin/bulletins/article/{first.pk}/history/{version.pk}/")

    assert sorted(first.viewpoints.values_list("statement_en", flat=True)) == [
        "First view 1",
        "Second view 1",
    ]
    assert set(second.viewpoints.values_list("statement_en", flat=True)) == {"also changed later"}


@pytest.mark.django_db
def test_a_translator_cannot_restore(client, translator):
    bulletin = issue_with_articles()
    client.force_login(translator)
    save_change_page(client, f"/admin/bulletins/bulletin/{bulletin.pk}/change/", title_th="ชื่อเรื่อง")
    version = Version.objects.get_for_object(bulletin).order_by("pk").first()

    page = client.get(f"{history_url(bulletin)}{version.pk}/").content.decode()
    response = client.post(f"{history_url(bulletin)}{version.pk}/")

    assert "You may look at this version but not restore it." in page
    assert response.status_code == 403


# Deleting and recovering.


def published_issue():
    bulletin = issue_with_articles()
    publish(bulletin, at=timezone.now() - datetime.timedelta(days=1))
    return bulletin


@pytest.mark.django_db
def test_an_editor_may_delete_a_draft_but_not_a_published_issue(editor_client):
    draft = issue_with_articles()
    published = published_issue()

    assert editor_client.get(f"/admin/bulletins/bulletin/{published.pk}/delete/").status_code == 403
    assert (
        editor_client.post(f"/admin/bulletins/bulletin/{published.pk}/delete/").status_code == 403
    )
    assert Bulletin.objects.filter(pk=published.pk).exists()

    response = editor_client.post(
        "/admin/bulletins/bulletin/",
        {"action": "delete_selected", "_selected_action": [published.pk], "post": "yes"},
    )
    assert response.status_code == 403
    assert Bulletin.objects.filter(pk=published.pk).exists()

    editor_client.post(f"/admin/bulletins/bulletin/{draft.pk}/delete/", {"post": "yes"})
    assert not Bulletin.objects.filter(pk=draft.pk).exists()


@pytest.mark.django_db
def test_deleting_a_published_issue_is_confirmed_and_can_be_undone(publisher_client, publisher):
    bulletin = published_issue()
    before = snapshot(bulletin)
    delete_url = f"/admin/bulletins/bulletin/{bulletin.pk}/delete/"

    confirmation = publisher_client.get(delete_url).content.decode()
    assert "It can be recovered from" in confirmation
    assert Bulletin.objects.filter(pk=bulletin.pk).exists()

    publisher_client.post(delete_url, {"post": "yes"})

    assert not Bulletin.objects.filter(pk=bulletin.pk).exists()
    assert not Viewpoint.objects.filter(article__bulletin_id=bulletin.pk).exists()
    recover_list = publisher_client.get("/admin/bulletins/bulletin/recover/").content.decode()
    version = Version.objects.get_deleted(Bulletin).get()
    assert f"/admin/bulletins/bulletin/recover/{version.pk}/" in recover_list
    assert (
        "Recovering creates these records again"
        in publisher_client.get(f"/admin/bulletins/bulletin/recover/{version.pk}/").content.decode()
    )

    publisher_client.post(f"/admin/bulletins/bulletin/recover/{version.pk}/")

    # Its content comes back as it was; its editions went with it: it is a draft again.
    recovered = snapshot(bulletin)
    assert recovered["issue"].pop("status") == Bulletin.Status.DRAFT
    before["issue"].pop("status")
    assert recovered == before
    assert list(
        AuditEntry.objects.filter(object_id=str(bulletin.pk)).values_list("action", flat=True)
    ) == [AuditEntry.Action.RECOVERED, AuditEntry.Action.DELETED, AuditEntry.Action.PUBLISHED]


@pytest.mark.django_db
def test_only_a_publisher_recovers_a_published_issue(publisher, editor_client):
    from audit import revisions

    bulletin = published_issue()
    revisions.record_revision(bulletin, user=publisher, comment="Deleted")
    bulletin.delete()
    version = Version.objects.get_deleted(Bulletin).get()

    page = editor_client.get(f"/admin/bulletins/bulletin/recover/{version.pk}/")
    response = editor_client.post(f"/admin/bulletins/bulletin/recover/{version.pk}/")

    assert "You may look at this version but not restore it." in page.content.decode()
    assert response.status_code == 403
    assert not Bulletin.objects.exists()


@pytest.mark.django_db
def test_a_deleted_partner_can_be_recovered(publisher_client):
    organization = OrganizationFactory(name_en="Ellen MacArthur Foundation")

    publisher_client.post(
        f"/admin/partners/organization/{organization.pk}/delete/", {"post": "yes"}
    )
    version = Version.objects.get_deleted(type(organization)).get()
    publisher_client.post(f"/admin/partners/organization/recover/{version.pk}/")

    organization.refresh_from_db()
    assert organization.name_en == "Ellen MacArthur Foundation"


@pytest.mark.django_db
def test_history_comments_are_shown_in_the_reader_s_language(editor_client, editor):
    from publishing import services

    bulletin = issue_with_articles()
    services.bulletin_submit_for_review(bulletin=bulletin, user=editor)

    english = editor_client.get(history_url(bulletin)).content.decode()
    chinese = editor_client.get(history_url(bulletin), HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert "Submitted for review" in english
    assert "State before the first recorded change" in english
    assert "提交审核" in chinese.content.decode()
    assert "首次记录修改前的状态" in chinese.content.decode()


@pytest.mark.django_db
def test_a_version_linking_to_an_event_deleted_since_is_restored_without_the_link(
    editor_client,
):
    bulletin = issue_with_articles()
    article = bulletin.articles.first()
    article.event = EventFactory(title_en="Lancang-Mekong Week")
    article.save()
    kept_topic, deleted_topic = TopicFactory(), TopicFactory()
    article.topics.set([kept_topic, deleted_topic])
    save_change_page(editor_client, f"/admin/bulletins/bulletin/{bulletin.pk}/change/")
    version = Version.objects.get_for_object(bulletin).order_by("-pk").first()
    article.event.delete()
    deleted_topic.delete()
    Article.objects.filter(pk=article.pk).update(headline_en="Changed since")

    response = editor_client.post(f"{history_url(bulletin)}{version.pk}/", follow=True)

    page = response.content.decode()
    assert "was restored to the version of" in page
    assert "no longer links to" in page
    article.refresh_from_db()
    assert article.headline_en == "Article 1"
    assert article.event is None
    assert list(article.topics.all()) == [kept_topic]
