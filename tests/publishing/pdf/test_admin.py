"""Staff export PDFs from the admin: a published issue's stored PDFs, anything else
rendered as it is now and marked as a draft; only the editions the issue has."""

import io
import zipfile

from bulletins.models import Bulletin
from publishing.models import EditionPDF
from tests.factories import ArticleFactory, BulletinFactory, ViewpointFactory, publish
from tests.publishing.pdf.reading import pdf_text, reader


def issue(status=Bulletin.Status.DRAFT, number=3) -> Bulletin:
    article = ArticleFactory(bulletin=BulletinFactory(number=number))
    ViewpointFactory(article=article)
    if status == Bulletin.Status.PUBLISHED:
        publish(article.bulletin)
    return article.bulletin


def export_url(bulletin, edition=None):
    url = f"/admin/bulletins/bulletin/{bulletin.pk}/pdf/"
    return f"{url}?edition={edition}" if edition else url


def export_menu(client, bulletin) -> str:
    page = client.get(f"/admin/bulletins/bulletin/{bulletin.pk}/change/").content.decode()
    start = page.index('<form method="get" action=')
    return page[start : page.index("</form>", start)]


def test_the_issue_page_has_an_export_pdf_button(editor_client, db):
    bulletin = issue()
    page = export_menu(editor_client, bulletin)
    assert "Export PDF" in page
    assert f'action="/admin/bulletins/bulletin/{bulletin.pk}/pdf/"' in page
    assert '<option value="bilingual">Chinese and English</option>' in page
    assert '<option value="km">' not in page  # only the editions it has


def test_a_chinese_only_draft_offers_chinese_only(editor_client, db):
    bulletin = BulletinFactory()
    ArticleFactory(bulletin=bulletin, headline_en="")
    page = export_menu(editor_client, bulletin)
    assert '<option value="zh-hans"' in page
    assert '<option value="en"' not in page
    assert '<option value="bilingual"' not in page
    assert editor_client.get(export_url(bulletin, "en")).status_code == 404


def test_staff_export_a_draft_marked_as_a_draft_on_every_page(editor_client, demo):
    draft = Bulletin.objects.get(year=2020, number=5)
    Bulletin.objects.filter(pk=draft.pk).update(status=Bulletin.Status.DRAFT)

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
    assert not EditionPDF.objects.exists()  # drafts are never stored


def test_a_chinese_draft_is_marked_in_chinese(editor_client, db):
    response = editor_client.get(export_url(issue(), "zh-hans"))
    assert "草稿，未发布" in pdf_text(response.content)


def test_staff_export_a_published_issue_unmarked_in_its_languages_only(editor_client, db):
    bulletin = issue(Bulletin.Status.PUBLISHED)

    response = editor_client.get(export_url(bulletin, "en"))

    assert response["Content-Disposition"] == 'attachment; filename="LMEC-Bulletin-2021-03-en.pdf"'
    assert "Draft" not in pdf_text(response.content)
    assert editor_client.get(export_url(bulletin, "th")).status_code == 404


def test_a_published_issue_with_pending_changes_is_exported_as_a_draft(editor_client, db):
    bulletin = issue(Bulletin.Status.PUBLISHED)
    article = bulletin.articles.get()
    article.headline_en = "Pending headline"
    article.save()

    response = editor_client.get(export_url(bulletin, "en"))

    assert response["Content-Disposition"].endswith('-en-DRAFT.pdf"')
    assert "Pending headline" in pdf_text(response.content)


def test_exporting_a_published_issue_uses_and_keeps_the_stored_pdf(editor_client, db):
    bulletin = issue(Bulletin.Status.PUBLISHED)

    first = editor_client.get(export_url(bulletin, "en"))
    stored = EditionPDF.objects.get(edition__bulletin=bulletin, language="en")
    second = editor_client.get(export_url(bulletin, "en"))

    assert first.content == second.content
    assert EditionPDF.objects.get(pk=stored.pk).rendered_at == stored.rendered_at


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


def test_deleting_an_issue_deletes_its_editions_and_their_pdfs_rows(publisher_client, db):
    bulletin = issue(Bulletin.Status.DRAFT)
    publisher_client.post(f"/admin/bulletins/bulletin/{bulletin.pk}/delete/", {"post": "yes"})
    assert not Bulletin.objects.filter(pk=bulletin.pk).exists()
