"""Staff export PDFs from the admin; saving a published issue queues its render."""

import io
import zipfile

import pytest

from bulletins.models import Bulletin, BulletinPDF, PDFRenderRequest
from publishing.pdf import services
from tests.factories import ArticleFactory, BulletinFactory, ViewpointFactory
from tests.publishing.pdf.reading import pdf_text, reader


def issue(status=Bulletin.Status.DRAFT, number=3) -> Bulletin:
    article = ArticleFactory(bulletin=BulletinFactory(number=number, status=status))
    ViewpointFactory(article=article)
    return article.bulletin


def export_url(bulletin, edition=None):
    url = f"/admin/bulletins/bulletin/{bulletin.pk}/pdf/"
    return f"{url}?edition={edition}" if edition else url


def test_the_issue_page_has_an_export_pdf_button(editor_client, db):
    bulletin = issue()
    page = editor_client.get(f"/admin/bulletins/bulletin/{bulletin.pk}/change/").content.decode()
    assert "Export PDF" in page
    assert f'action="/admin/bulletins/bulletin/{bulletin.pk}/pdf/"' in page
    assert '<option value="bilingual">Chinese and English</option>' in page
    assert '<option value="km">Khmer</option>' in page


def test_staff_export_a_draft_marked_as_a_draft_on_every_page(editor_client, demo):
    draft = Bulletin.objects.get(year=2020, number=5)
    draft.status = Bulletin.Status.DRAFT
    draft.save()

    response = editor_client.get(export_url(draft, "en"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="LMEC-Bulletin-2020-05-en-DRAFT.pdf"'
    )
    pages = len(reader(response.content).pages)
    assert pages >= 2
    for page in range(1, pages + 1):
        assert "Draft, not published" in pdf_text(response.content, page=page)
    assert not BulletinPDF.objects.exists()  # drafts are never stored


def test_a_chinese_draft_is_marked_in_chinese(editor_client, db):
    response = editor_client.get(export_url(issue(), "zh-hans"))
    assert "草稿，未发布" in pdf_text(response.content)


def test_staff_export_a_published_issue_in_any_language_unmarked(editor_client, db):
    bulletin = issue(Bulletin.Status.PUBLISHED)

    response = editor_client.get(export_url(bulletin, "th"))  # no Thai: printed from Chinese

    assert response["Content-Disposition"] == 'attachment; filename="LMEC-Bulletin-2021-03-th.pdf"'
    assert "Draft" not in pdf_text(response.content)


def test_exporting_a_published_issue_uses_and_keeps_the_stored_pdf(editor_client, db):
    bulletin = issue(Bulletin.Status.PUBLISHED)

    first = editor_client.get(export_url(bulletin, "en"))
    stored = BulletinPDF.objects.get(bulletin=bulletin, edition="en")
    second = editor_client.get(export_url(bulletin, "en"))

    assert first.content == second.content
    assert BulletinPDF.objects.get(bulletin=bulletin, edition="en").rendered_at == (
        stored.rendered_at
    )


def test_an_unknown_edition_is_a_404(editor_client, db):
    assert editor_client.get(export_url(issue(), "xx")).status_code == 404


def test_the_public_cannot_export(client, db):
    response = client.get(export_url(issue(), "en"))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_bulk_action_downloads_the_pdfs_of_the_selected_issues_as_a_zip(editor_client, db):
    published, draft = issue(Bulletin.Status.PUBLISHED, 3), issue(Bulletin.Status.DRAFT, 4)

    response = editor_client.post(
        "/admin/bulletins/bulletin/",
        {"action": "download_pdfs_zip", "_selected_action": [published.pk, draft.pk]},
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = sorted(archive.namelist())
        assert names == [
            "LMEC-Bulletin-2021-03-en.pdf",
            "LMEC-Bulletin-2021-03-zh-hans-en.pdf",
            "LMEC-Bulletin-2021-03-zh-hans.pdf",
            "LMEC-Bulletin-2021-04-en-DRAFT.pdf",
            "LMEC-Bulletin-2021-04-zh-hans-DRAFT.pdf",
            "LMEC-Bulletin-2021-04-zh-hans-en-DRAFT.pdf",
        ]
        assert "草稿，未发布" in pdf_text(archive.read("LMEC-Bulletin-2021-04-zh-hans-DRAFT.pdf"))


def test_the_zip_refuses_to_render_too_many_pdfs_at_once(editor_client, db, monkeypatch):
    monkeypatch.setattr("editorial.admin.pdfs.ZIP_RENDER_LIMIT", 2)
    drafts = [issue(number=number) for number in (3, 4)]

    response = editor_client.post(
        "/admin/bulletins/bulletin/",
        {"action": "download_pdfs_zip", "_selected_action": [d.pk for d in drafts]},
        follow=True,
    )

    assert "would have to be rendered now" in response.content.decode()


def test_saving_a_published_issue_queues_its_render(
    publisher_client, db, django_capture_on_commit_callbacks, monkeypatch
):
    started = []
    monkeypatch.setattr(services, "start_renderer", lambda: started.append(True))
    bulletin = issue(Bulletin.Status.PUBLISHED)
    article = bulletin.articles.get()

    with django_capture_on_commit_callbacks(execute=True):
        response = publisher_client.post(
            f"/admin/bulletins/article/{article.pk}/change/",
            {
                "bulletin": bulletin.pk,
                "position": 1,
                "headline_zh_hans": "新标题",
                "headline_en": "New headline",
                "slug": article.slug,
                "viewpoints-TOTAL_FORMS": 0,
                "viewpoints-INITIAL_FORMS": 0,
                "images-TOTAL_FORMS": 0,
                "images-INITIAL_FORMS": 0,
            },
        )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert PDFRenderRequest.objects.filter(bulletin=bulletin).exists()
    assert started == [True]
    assert not BulletinPDF.objects.exists()  # the editor does not wait for the render


def test_saving_a_draft_queues_nothing(publisher_client, db):
    bulletin = issue(Bulletin.Status.DRAFT)
    viewpoint = bulletin.articles.get().viewpoints.get()

    publisher_client.post(f"/admin/bulletins/viewpoint/{viewpoint.pk}/delete/", {"post": "yes"})

    assert not PDFRenderRequest.objects.exists()


def test_deleting_a_viewpoint_of_a_published_issue_queues_its_render(publisher_client, db):
    bulletin = issue(Bulletin.Status.PUBLISHED)
    viewpoint = bulletin.articles.get().viewpoints.get()

    response = publisher_client.post(
        f"/admin/bulletins/viewpoint/{viewpoint.pk}/delete/", {"post": "yes"}
    )

    assert response.status_code == 302
    assert PDFRenderRequest.objects.filter(bulletin=bulletin).exists()


@pytest.mark.parametrize("renderer", ["spawn", "queue"])
def test_the_renderer_is_started_only_in_spawn_mode(settings, monkeypatch, renderer):
    settings.LMEC_PDF_RENDERER = renderer
    commands = []

    class FakeProcess:
        def __init__(self, command, **kwargs):
            commands.append(command)

        def wait(self):
            return 0

    monkeypatch.setattr(services.subprocess, "Popen", FakeProcess)
    services.start_renderer()

    if renderer == "spawn":
        assert commands[0][-2:] == [str(settings.BASE_DIR / "manage.py"), "render_pdfs"]
    else:
        assert commands == []


def test_deleting_an_issue_deletes_its_stored_pdfs(publisher_client, db, pdf_storage):
    bulletin = issue(Bulletin.Status.PUBLISHED)
    services.render_pdfs(bulletin, only=["en"])
    path = pdf_storage / BulletinPDF.objects.get().path
    assert path.exists()

    response = publisher_client.post(
        f"/admin/bulletins/bulletin/{bulletin.pk}/delete/", {"post": "yes"}
    )

    assert response.status_code == 302
    assert not path.exists()
    assert not BulletinPDF.objects.exists()
