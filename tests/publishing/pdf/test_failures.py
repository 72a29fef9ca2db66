"""A PDF render that fails: staff get a message, the issue is intact, and a failed
background render is visible on the issue's page, the dashboard and the background work."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from bulletins.models import Bulletin
from publishing import pipeline
from publishing.models import EditionPDF, Job
from tests.factories import ArticleFactory, BulletinFactory, publish, run_background_work
from tests.storages import FailingStorage, failing_storage


def issue(status=Bulletin.Status.PUBLISHED, *, work=False) -> Bulletin:
    bulletin = ArticleFactory(
        bulletin=BulletinFactory(number=3), headline_en="The headline"
    ).bulletin
    if status == Bulletin.Status.PUBLISHED:
        publish(bulletin, work=work)
    return bulletin


def change_url(bulletin):
    return f"/admin/bulletins/bulletin/{bulletin.pk}/change/"


@pytest.fixture
def weasyprint_fails(monkeypatch):
    def layout(html):
        raise ValueError("Pango could not lay out the page")

    monkeypatch.setattr("publishing.pdf.render.layout", layout)


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
    assert "made it fail" in page
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

    assert response.status_code == 302  # a message on the issue's page, not an error page
    assert not EditionPDF.objects.exists()


def test_a_background_render_on_a_full_disk_is_shown_to_staff_and_can_be_run_again(
    publisher_client, db, full_pdf_disk
):
    bulletin = issue()
    later = timezone.now()
    for _attempt in range(pipeline.MAX_ATTEMPTS):
        with time_machine.travel(later, tick=False):
            run_background_work()
        later += datetime.timedelta(hours=1)

    job = Job.objects.get(task=pipeline.RENDER_PDFS)
    assert (job.state, job.attempts, job.failure) == ("failed", 5, "storage-full")
    assert "No space left on device" in job.last_error
    page = publisher_client.get(change_url(bulletin)).content.decode()
    assert "The disk where PDFs are stored is full." in page
    assert "Try again now" in page
    dashboard = publisher_client.get("/admin/").content.decode()
    assert "Background work that failed" in dashboard
    listing = publisher_client.get("/admin/publishing/job/").content.decode()
    assert "The disk where PDFs are stored is full." in listing
    # Readers are told the PDF is not ready, not shown an error; the page itself is there.
    assert Client().get("/en/bulletins/2021/3/pdf/").status_code == 503
    assert Client().get("/en/bulletins/2021/3/").status_code == 200

    # Space was freed: "Try again now".
    FailingStorage.accepted = 10
    response = publisher_client.post(
        f"/admin/bulletins/bulletin/{bulletin.pk}/jobs/{job.pk}/retry/", follow=True
    )
    assert "is tried again" in response.content.decode()
    run_background_work()
    assert EditionPDF.objects.filter(edition__bulletin=bulletin).count() == 3
    assert "Try again now" not in publisher_client.get(change_url(bulletin)).content.decode()
    assert "Background work that failed" not in publisher_client.get("/admin/").content.decode()


def test_a_worker_killed_mid_job_leaves_its_attempt_counted_and_is_recovered(
    publisher_client, db, monkeypatch
):
    bulletin = issue()

    def killed(job):
        raise KeyboardInterrupt  # stands for a SIGKILL: nothing in the worker runs after it

    monkeypatch.setitem(pipeline.HANDLERS, pipeline.RENDER_PDFS, killed)
    job = Job.objects.get(task=pipeline.RENDER_PDFS)
    with pytest.raises(KeyboardInterrupt):
        pipeline.run(job.pk)

    job.refresh_from_db()
    assert (job.state, job.attempts, job.failure) == ("running", 1, "unfinished")

    monkeypatch.undo()
    with time_machine.travel(timezone.now() + pipeline.ABANDONED_AFTER * 2):
        page = publisher_client.get(change_url(bulletin)).content.decode()
        assert "The work stopped before it finished" in page
        assert pipeline.recover_abandoned() == 1
        run_background_work()
    job.refresh_from_db()
    assert job.state == "done"
    assert EditionPDF.objects.filter(edition__bulletin=bulletin).exists()
