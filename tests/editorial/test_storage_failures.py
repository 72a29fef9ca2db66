"""A full media disk while an editor uploads an image: a message on the form, nothing saved."""

import errno
import io

import pytest
from botocore.exceptions import ClientError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from reversion.models import Revision

from audit.models import AuditEntry
from bulletins.models import ArticleImage, Bulletin
from partners.models import Organization
from tests.admin_pages import form_data
from tests.factories import ArticleFactory, BulletinFactory, OrganizationFactory
from tests.storages import FailingStorage, failing_storage


@pytest.fixture
def media(settings, tmp_path):
    """The media storage, in a folder of the test's own, that fails when told."""
    failing_storage(settings, "default", tmp_path)
    return tmp_path


def stored_files(folder):
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())


def image(name="photo.png", size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


FULL_MESSAGE = "The image could not be stored: the disk for uploaded files is full."


def assert_article_images_refused(response, article, media):
    """The message, the article as it was, no image row and no file left behind."""
    assert FULL_MESSAGE in response.content.decode()
    article.refresh_from_db()
    assert article.headline_en == "The headline before"
    assert not ArticleImage.objects.exists()
    assert stored_files(media) == []


@pytest.mark.django_db
def test_a_cover_image_on_a_full_disk_is_a_message_and_the_issue_is_intact(editor_client, media):
    bulletin = BulletinFactory(title_en="The title before")
    ArticleFactory(bulletin=bulletin, headline_en="The headline before")
    url = f"/admin/bulletins/bulletin/{bulletin.pk}/change/"
    revisions = Revision.objects.count()

    response = editor_client.post(
        url,
        form_data(
            editor_client.get(url),
            title_en="The title typed",
            cover_image=image(),
            cover_image_alt_en="Mangroves",
            **{"articles-0-headline_en": "The headline typed"},
        ),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert FULL_MESSAGE in page
    assert "Nothing was saved." in page
    assert page.count('class="errorlist') == 1  # that message only, not "not an image" too
    assert 'value="The title typed"' in page  # the editor's changes are still in the form
    assert 'value="The headline typed"' in page
    bulletin.refresh_from_db()
    assert bulletin.title_en == "The title before"
    assert not bulletin.cover_image
    assert bulletin.articles.get().headline_en == "The headline before"
    assert Revision.objects.count() == revisions + 1  # the state before the change, only
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.EDITED).exists()
    assert stored_files(media) == []


@pytest.mark.django_db
def test_article_images_already_stored_are_removed_when_a_later_one_fails(editor_client, media):
    article = ArticleFactory(headline_en="The headline before")
    url = f"/admin/bulletins/article/{article.pk}/change/"
    FailingStorage.accepted = 1  # the first image fits, the second does not
    rows = {
        "images-TOTAL_FORMS": "2",
        "images-0-position": "1",
        "images-0-image": image("first.png"),
        "images-0-alt_text_zh_hans": "第一",
        "images-1-position": "2",
        "images-1-image": image("second.png"),
        "images-1-alt_text_zh_hans": "第二",
    }

    response = editor_client.post(
        url, form_data(editor_client.get(url), headline_en="The headline typed", **rows)
    )

    assert_article_images_refused(response, article, media)


@pytest.mark.django_db
def test_a_photo_whose_smaller_copies_do_not_fit_is_not_saved_at_all(editor_client, media):
    article = ArticleFactory(headline_en="The headline before")
    url = f"/admin/bulletins/article/{article.pk}/change/"
    FailingStorage.accepted = 2  # the photo and its first smaller copy fit, the next does not
    rows = {
        "images-TOTAL_FORMS": "1",
        "images-0-position": "1",
        "images-0-image": image("large.png", size=(2000, 1000)),
        "images-0-alt_text_zh_hans": "大图",
    }

    response = editor_client.post(
        url, form_data(editor_client.get(url), headline_en="The headline typed", **rows)
    )

    assert_article_images_refused(response, article, media)


@pytest.mark.django_db
def test_a_new_partner_with_a_logo_on_a_full_disk_is_not_created(editor_client, media):
    response = editor_client.post(
        "/admin/partners/organization/add/",
        {
            "name_zh_hans": "世界自然基金会",
            "name_en": "WWF",
            "kind": Organization.Kind.NGO,
            "slug": "wwf",
            "logo": image("logo.png"),
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert FULL_MESSAGE in response.content.decode()
    assert not Organization.objects.exists()


@pytest.mark.django_db
def test_another_storage_failure_says_what_it_was(editor_client, media):
    FailingStorage.error = errno.EROFS
    bulletin = BulletinFactory(status=Bulletin.Status.DRAFT)
    url = f"/admin/bulletins/bulletin/{bulletin.pk}/change/"

    response = editor_client.post(url, form_data(editor_client.get(url), cover_image=image()))

    page = response.content.decode()
    assert "The image could not be stored (Read-only file system). Nothing was saved." in page
    bulletin.refresh_from_db()
    assert not bulletin.cover_image


@pytest.mark.django_db
def test_an_s3_refusal_is_a_message_too(editor_client, media):
    FailingStorage.error = ClientError(
        {"Error": {"Code": "QuotaExceeded", "Message": "Bucket quota exceeded"}}, "PutObject"
    )
    bulletin = BulletinFactory(status=Bulletin.Status.DRAFT)
    url = f"/admin/bulletins/bulletin/{bulletin.pk}/change/"

    response = editor_client.post(url, form_data(editor_client.get(url), cover_image=image()))

    assert response.status_code == 200
    assert "Bucket quota exceeded" in response.content.decode()
    bulletin.refresh_from_db()
    assert not bulletin.cover_image


@pytest.mark.django_db
def test_the_same_upload_saves_once_there_is_space_again(editor_client, media):
    bulletin = BulletinFactory()
    url = f"/admin/bulletins/bulletin/{bulletin.pk}/change/"
    refused = editor_client.post(url, form_data(editor_client.get(url), cover_image=image()))

    FailingStorage.accepted = 4  # the image and its three copies
    response = editor_client.post(url, form_data(refused, cover_image=image()))

    assert response.status_code == 302
    bulletin.refresh_from_db()
    name = bulletin.cover_image.name
    assert name.endswith(".png")
    assert stored_files(media) == [name, *(f"renditions/{name}.{w}.webp" for w in (1600, 480, 960))]


@pytest.mark.django_db
def test_an_article_whose_image_file_is_missing_says_so_and_still_saves(editor_client, media):
    FailingStorage.accepted = 4
    article = ArticleFactory(headline_en="The headline before")
    ArticleImage.objects.create(article=article, image=image("lost.png"), alt_text_zh_hans="红树林")
    name = ArticleImage.objects.get().image.name
    (media / name).unlink()  # a restore without the media, a disk replaced
    url = f"/admin/bulletins/article/{article.pk}/change/"

    page = editor_client.get(url)
    response = editor_client.post(url, form_data(page, headline_en="The headline typed"))

    assert "These files are missing from the storage" in page.content.decode()
    assert f"image “{name}”" in page.content.decode()
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline_en == "The headline typed"
    listed = editor_client.get("/admin/bulletins/article/").content.decode()
    assert f"“The headline typed”: image “{name}”" in listed


@pytest.mark.django_db
def test_a_partner_whose_logo_file_is_missing_says_so_in_the_list(editor_client, media):
    FailingStorage.accepted = 4
    organization = OrganizationFactory(name_en="WWF")
    organization.logo.save("wwf.png", image("wwf.png"))
    (media / organization.logo.name).unlink()

    listed = editor_client.get("/admin/partners/organization/")

    assert listed.status_code == 200
    assert f"logo “{organization.logo.name}”" in listed.content.decode()
