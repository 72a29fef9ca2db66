"""Editors import a briefing in the admin: upload, check the preview beside the file, save."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from bulletins.models import Bulletin
from publishing.services import publication_state
from tests.bulletins.importing.helpers import SEED_2, SEED_5, model_counts
from tests.bulletins.importing.test_variants import word_document

IMPORT_URL = "/admin/bulletins/bulletin/import/"


def upload(client, path=SEED_5, name=None, data=None):
    file = SimpleUploadedFile(name or path.name, data if data is not None else path.read_bytes())
    return client.post(IMPORT_URL, {"file": file, "language": "zh-hans"})


def save_form(response, **changes):
    """The preview's form as the browser would send it back."""
    html = response.content.decode()
    data = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))
    data.pop("csrfmiddlewaretoken", None)
    for name in ("year", "number"):
        data[name] = re.search(rf'name="{name}" value="(\d+)"', html).group(1)
    return data | changes


@pytest.fixture
def registry_without_issues(demo):
    """The partners, events and contact versions of the demo, but no issue."""
    Bulletin.objects.all().delete()


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.mark.django_db
def test_the_issue_list_offers_the_import(editor_client):
    response = editor_client.get("/admin/bulletins/bulletin/")

    assert f'href="{IMPORT_URL}"' in response.content.decode()
    assert "Import from a file" in text(response)


@pytest.mark.django_db
def test_an_editor_uploads_checks_corrects_the_number_and_saves_a_draft(
    editor_client, registry_without_issues
):
    response = editor_client.get(IMPORT_URL)
    assert response.status_code == 200

    preview = upload(editor_client)

    page = text(preview)
    assert preview.status_code == 200
    # The source, line by line, beside what was read from it.
    assert '<li id="source-28" class="role-viewpoint">' in page
    assert "Kittiphan Taparugssanagorn" in page
    assert "工业环境技术提升处处长" in page
    # The headline in the lines it will be printed in.
    assert "澜湄流域绿色经济发展带：<br>生物多样性与可持续基础设施圆桌对话平行论坛二：<br>" in page
    assert "The existing version “2020-08: fecomee.org.cn e-mail addresses”." in page
    assert "new" not in re.findall(r'class="badge badge-(\w+)"', page)

    response = editor_client.post(IMPORT_URL, save_form(preview, number="6"))

    bulletin = Bulletin.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/bulletins/bulletin/{bulletin.pk}/change/"
    assert (bulletin.year, bulletin.number, bulletin.status) == (2020, 6, "draft")
    assert bulletin.articles.get().viewpoints.count() == 7
    page = text(editor_client.get(response["Location"]))
    assert "Issue No. 6, 2020 was imported from “2020-5.txt” as Draft." in page


@pytest.mark.django_db
def test_the_preview_shows_the_organizations_it_will_create(publisher_client):
    preview = upload(publisher_client)

    page = text(preview)
    assert "New: these are created when you save." in page
    assert '<span class="badge badge-new">new</span> 泰国工业部工业工程司' in page
    assert "No existing version has exactly these details; a new one is made." in page
    assert not Bulletin.objects.exists()


@pytest.mark.django_db
def test_an_editor_cannot_add_a_contact_version_through_the_import(editor_client):
    before = model_counts()
    preview = upload(editor_client)
    assert "It needs the permission to: add about blocks; add contact blocks." in text(preview)
    assert re.search(r'<input type="submit" class="default" value="[^"]*" disabled>', text(preview))

    response = editor_client.post(IMPORT_URL, save_form(preview))

    assert (
        "You may not save this import: it needs the permission to add about blocks; add contact blocks."
        in text(response)
    )
    assert model_counts() == before


@pytest.mark.django_db
def test_a_publisher_imports_into_an_empty_registry(publisher_client):
    preview = upload(publisher_client, SEED_2)

    response = publisher_client.post(IMPORT_URL, save_form(preview))

    assert response.status_code == 302
    bulletin = Bulletin.objects.get()
    assert bulletin.contact_block.email_list() == [
        "tang_huaqing@chinaaseanenv.org",
        "li_xia@chinaaseanenv.org",
    ]


@pytest.mark.django_db
def test_an_issue_that_exists_is_replaced_only_when_asked(publisher_client, demo):
    bulletin = Bulletin.objects.get(year=2020, number=2)
    preview = upload(publisher_client, SEED_2)
    assert "Issue No. 2, 2020 already exists (Published)." in text(preview)
    before = model_counts()

    refused = publisher_client.post(IMPORT_URL, save_form(preview))

    assert refused.status_code == 200
    assert "Issue No. 2, 2020 already exists. Import it with “replace”" in text(refused)
    assert model_counts() == before

    response = publisher_client.post(IMPORT_URL, save_form(preview, replace="on"))

    assert response["Location"] == f"/admin/bulletins/bulletin/{bulletin.pk}/change/"
    assert model_counts() == before


@pytest.mark.django_db
def test_an_editor_s_replace_of_a_published_issue_waits_for_a_publisher(editor_client, demo):
    data = SEED_2.read_text().replace("凝聚澜湄共识", "重新导入的标题").encode()
    preview = upload(editor_client, data=data)

    editor_client.post(IMPORT_URL, save_form(preview, replace="on"))

    bulletin = Bulletin.objects.get(year=2020, number=2)
    assert publication_state(bulletin).pending
    assert "重新导入的标题" not in Client().get("/zh-hans/bulletins/2020/2/").content.decode()


@pytest.mark.django_db
def test_a_file_that_cannot_be_understood_is_refused_on_the_upload_form(editor_client):
    data = SEED_2.read_text().replace("2020年3月27日", "2020年2月30日").encode()

    response = upload(editor_client, data=data)

    assert response.status_code == 200
    assert "The file could not be imported." in text(response)
    assert "line 12: expected a date, found 2020-2-30, which does not exist." in text(response)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("issue.pdf", b"%PDF-1.7", "only text (.txt), Markdown (.md) and Word (.docx) files"),
        ("issue.docx", b"not a zip", "is not a Word (.docx) document."),
        ("issue.txt", b"\xff\xfe\xfd\xfc\x80", "Save it as UTF-8 text."),
    ],
)
def test_files_that_are_not_briefings_are_refused(editor_client, name, data, message):
    response = upload(editor_client, name=name, data=data)

    assert message in text(response)


@pytest.mark.django_db
def test_a_file_over_the_limit_is_refused_before_it_is_read(editor_client, settings):
    settings.LMEC_MAX_IMPORT_UPLOAD_BYTES = 1024

    response = upload(editor_client)

    assert "“2020-5.txt” is larger than 1.0 KB; split it into one file per issue." in text(response)


@pytest.mark.django_db
def test_a_text_too_long_to_send_back_from_the_preview_is_refused(editor_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000

    response = upload(editor_client)

    assert "The text of “2020-5.txt” is too long for one issue." in text(response)


@pytest.mark.django_db
def test_a_word_document_is_previewed_by_paragraph(publisher_client):
    data = word_document(SEED_2.read_text())

    preview = upload(publisher_client, name="2020-2.docx", data=data)

    assert '<a class="line-link" href="#source-8">paragraph 8</a>' in text(preview)
    response = publisher_client.post(IMPORT_URL, save_form(preview))
    assert response.status_code == 302
    assert Bulletin.objects.get().articles.count() == 2


@pytest.mark.django_db
def test_an_altered_preview_is_refused(editor_client, registry_without_issues):
    preview = upload(editor_client)
    form = save_form(preview)
    form["payload"] = form["payload"][:-3] + "abc"

    response = editor_client.post(IMPORT_URL, form, follow=True)

    assert "This preview was altered; upload the file again." in text(response)
    assert not Bulletin.objects.exists()


@pytest.mark.django_db
def test_people_without_the_right_to_add_issues_cannot_import(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory(role="Translator"))

    assert client.get(IMPORT_URL).status_code == 403
