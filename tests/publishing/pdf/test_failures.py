"""A PDF render that fails: staff get a message, the issue is intact, and a failed
background render is visible on the issue's page, the dashboard and the render requests."""

import errno
import subprocess

import pytest
from django.test import Client

from bulletins.models import Bulletin, BulletinPDF, PDFRenderRequest
from publishing.pdf import services
from tests.admin_pages import form_data
from tests.factories import ArticleFactory, BulletinFactory
from tests.storages import FailingStorage, failing_storage


def issue(status=Bulletin.Status.PUBLISHED) -> Bulletin:
    return ArticleFactory(
        bulletin=BulletinFactory(number=3, status=status), headline_en="The headline"
    ).bulletin


def change_url(bulletin):
    return f"/admin/bulletins/bulletin/{bulletin.pk}/change/"


@pytest.fixture
def weasyprint_fails(monkeypatch):
    def render_pdf(html):
        raise ValueError("Pango could not lay out the page")

    monkeypatch.setattr("publishing.pdf.render.render_pdf", render_pdf)


@pytest.fixture
def full_pdf_disk(settings, tmp_path):
    return failing_storage(settings, "pdfs", tmp_path / "pdfs")


def snapshot(bulletin):
    bulletin = Bulletin.objects.get(pk=bulletin.pk)
    return bulletin.updated_at, bulletin.status, list(bulletin.articles.values())


def test_an_export_that_fails_is_a_message_and_the_issue_is_intact(
    editor_client, db, weasyprint_fails
):
    bulletin = issue(Bulletin.Status.DRAFT)
    before = snapshot(bulletin)

    response = editor_client.get(
        f"/admin/bulletins/bulletin/{bulletin.pk}/pdf/?edition=en", follow=True
    )

    assert response.redirect_chain == [(change_url(bulletin), 302)]
    page = response.content.decode()
    assert "The PDF of No. 3, 2021 could not be rendered." in page
    assert "WeasyPrint could not print the issue" in page
    assert "The issue is unchanged." in page
    assert snapshot(bulletin) == before


def test_a_zip_with_a_render_that_fails_is_a_message(editor_client, db, weasyprint_fails):
    bulletin = issue(Bulletin.Status.DRAFT)

    response = editor_client.post(
        "/admin/bulletins/bulletin/",
        {"action": "download_pdfs_zip", "_selected_action": [bulletin.pk]},
        follow=True,
    )

    assert "The PDF of No. 3, 2021 could not be rendered." in response.content.decode()


def test_staff_get_the_pdf_of_a_published_issue_even_when_it_cannot_be_stored(
    editor_client, db, full_pdf_disk
):
    bulletin = issue()

    response = editor_client.get(f"/admin/bulletins/bulletin/{bulletin.pk}/pdf/?edition=en")

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert not BulletinPDF.objects.exists()


def test_a_background_render_on_a_full_disk_is_shown_to_staff_and_can_be_run_again(
    publisher_client, db, full_pdf_disk
):
    bulletin = issue()
    article = bulletin.articles.get()
    article_url = f"/admin/bulletins/article/{article.pk}/change/"

    # The editor's save succeeds; the render comes after, in the background.
    response = publisher_client.post(
        article_url, form_data(publisher_client.get(article_url), headline_en="New headline")
    )
    assert response.status_code == 302
    assert services.run_queue() == 3  # three attempts, then it gives up

    request = PDFRenderRequest.objects.get(bulletin=bulletin)
    assert (request.attempts, request.failure) == (3, "storage-full")
    assert "No space left on device" in request.last_error
    article.refresh_from_db()
    assert article.headline_en == "New headline"

    page = publisher_client.get(change_url(bulletin)).content.decode()
    assert "The PDFs could not be rendered." in page
    assert "The disk where PDFs are stored is full." in page
    assert "Render the PDFs again" in page
    dashboard = publisher_client.get("/admin/").content.decode()
    assert "PDFs that could not be rendered" in dashboard
    assert "The disk where PDFs are stored is full." in dashboard
    listing = publisher_client.get("/admin/bulletins/pdfrenderrequest/").content.decode()
    assert "The disk where PDFs are stored is full." in listing
    # Readers are told the PDF is not ready, not shown an error.
    assert Client().get("/en/bulletins/2021/3/pdf/").status_code == 503

    # Space was freed: "Render the PDFs again".
    FailingStorage.accepted = 10
    render_again = f"/admin/bulletins/bulletin/{bulletin.pk}/pdf/render/"
    response = publisher_client.post(render_again, follow=True)
    assert "will be rendered again in the background" in response.content.decode()
    request.refresh_from_db()
    assert (request.attempts, request.failure, request.last_error) == (0, "", "")
    assert services.run_queue() == 1
    assert BulletinPDF.objects.filter(bulletin=bulletin).count() == 3
    assert "The PDFs could not be rendered." not in (
        publisher_client.get(change_url(bulletin)).content.decode()
    )
    assert "PDFs that could not be rendered" not in publisher_client.get("/admin/").content.decode()


def test_a_renderer_ended_mid_render_leaves_its_attempt_counted(publisher_client, db, monkeypatch):
    bulletin = issue()
    services.schedule_render(bulletin)

    def killed(bulletin, **kwargs):
        raise KeyboardInterrupt  # stands for a SIGKILL: nothing in the renderer runs after it

    monkeypatch.setattr(services, "render_pdfs", killed)
    with pytest.raises(KeyboardInterrupt):
        services.run_queue()

    request = PDFRenderRequest.objects.get(bulletin=bulletin)
    assert (request.attempts, request.failure) == (1, "unfinished")
    page = publisher_client.get(change_url(bulletin)).content.decode()
    assert "Rendering the PDFs failed (attempt 1 of 3); it will be tried again." in page
    assert "The render stopped before it finished" in page

    # While a renderer holds its lock, the same request reads as being rendered.
    with services.advisory_lock(services.RUNNER_LOCK):
        page = publisher_client.get(change_url(bulletin)).content.decode()
    assert "The PDFs are being rendered now." in page


def test_a_renderer_that_cannot_be_started_does_not_fail_the_save(
    publisher_client, db, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.LMEC_PDF_RENDERER = "spawn"

    def cannot_fork(*args, **kwargs):
        raise OSError(errno.EAGAIN, "Resource temporarily unavailable")

    monkeypatch.setattr(subprocess, "Popen", cannot_fork)
    bulletin = issue()
    article = bulletin.articles.get()
    article_url = f"/admin/bulletins/article/{article.pk}/change/"
    data = form_data(publisher_client.get(article_url), headline_en="Saved all the same")

    with django_capture_on_commit_callbacks(execute=True):
        response = publisher_client.post(article_url, data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline_en == "Saved all the same"
    request = PDFRenderRequest.objects.get(bulletin=bulletin)
    assert request.failure == "not-started"
    page = publisher_client.get(change_url(bulletin)).content.decode()
    assert "The background renderer could not be started." in page


def test_render_again_is_refused_to_the_public_and_needs_a_post(publisher_client, db):
    bulletin = issue()
    url = f"/admin/bulletins/bulletin/{bulletin.pk}/pdf/render/"

    assert Client().post(url).status_code == 302  # to the login page
    assert publisher_client.get(url).status_code == 405
    assert not PDFRenderRequest.objects.exists()
