"""What follows a publication runs in the background, on the task queue: PDFs, the search
index, going live at the scheduled time; failures are retried, then shown to staff."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.test import Client

from bulletins.models import Bulletin
from publishing import pipeline, services
from publishing.models import Edition, EditionPDF, Job, SearchEntry
from tests.factories import ArticleFactory, BulletinFactory, publish, run_background_work

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
NOW = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=SHANGHAI)


def issue(**kwargs):
    bulletin = BulletinFactory(year=2026, number=1)
    ArticleFactory(bulletin=bulletin, headline_en="The headline", **kwargs)
    return bulletin


@pytest.mark.django_db
def test_publishing_enqueues_what_follows_and_nothing_runs_in_the_request(publisher):
    bulletin = issue()
    Bulletin.objects.filter(pk=bulletin.pk).update(status=Bulletin.Status.IN_REVIEW)

    edition = services.bulletin_publish(
        bulletin=bulletin, user=publisher, languages=["zh-hans", "en"]
    )

    jobs = {job.task: job.state for job in Job.objects.filter(edition=edition)}
    assert jobs == {
        pipeline.RENDER_PDFS: Job.State.QUEUED,
        pipeline.INDEX_EDITION: Job.State.QUEUED,
        pipeline.GO_LIVE: Job.State.QUEUED,
    }
    assert not EditionPDF.objects.exists()
    assert not SearchEntry.objects.filter(edition=edition).exists()

    run_background_work()

    assert set(EditionPDF.objects.values_list("language", flat=True)) == {
        "zh-hans",
        "en",
        "bilingual",
    }
    assert SearchEntry.objects.filter(edition=edition).exists()
    assert set(Job.objects.values_list("state", flat=True)) == {Job.State.DONE}


@pytest.mark.django_db
def test_a_failing_job_is_retried_with_back_off_then_shown_to_staff(publisher_client, monkeypatch):
    bulletin = issue()
    calls = []

    def failing(job):
        calls.append(job.attempts)
        raise OSError(28, "No space left on device")

    monkeypatch.setitem(pipeline.HANDLERS, pipeline.RENDER_PDFS, failing)
    with time_machine.travel(NOW, tick=False) as clock:
        publish(bulletin, work=False)
        run_background_work()
        job = Job.objects.get(task=pipeline.RENDER_PDFS)
        assert (job.state, job.attempts, job.failure) == (Job.State.QUEUED, 1, "storage-full")
        assert job.run_after == NOW + datetime.timedelta(seconds=30)

        run_background_work()  # not before its time
        assert calls == [1]
        for delay in (30, 120, 480, 1920):
            clock.shift(datetime.timedelta(seconds=delay))
            run_background_work()

    job.refresh_from_db()
    assert calls == [1, 2, 3, 4, 5]
    assert job.state == Job.State.FAILED
    issue_page = publisher_client.get(f"/admin/bulletins/bulletin/{bulletin.pk}/change/")
    dashboard = publisher_client.get("/admin/")
    assert "The disk where PDFs are stored is full." in issue_page.content.decode()
    assert "Background work that failed" in dashboard.content.decode()
    assert "No space left on device" in issue_page.content.decode()


@pytest.mark.django_db
def test_staff_try_a_failed_job_again(publisher_client, monkeypatch):
    bulletin = issue()
    publish(bulletin, work=False)
    Job.objects.filter(task=pipeline.RENDER_PDFS).update(
        state=Job.State.FAILED, attempts=5, failure="error"
    )
    job = Job.objects.get(task=pipeline.RENDER_PDFS)

    publisher_client.post(f"/admin/bulletins/bulletin/{bulletin.pk}/jobs/{job.pk}/retry/")
    run_background_work()

    job.refresh_from_db()
    assert job.state == Job.State.DONE
    assert EditionPDF.objects.filter(edition__bulletin=bulletin).exists()


@pytest.mark.django_db
def test_a_scheduled_version_goes_live_at_its_time_and_not_before(publisher):
    bulletin = issue()
    later = NOW + datetime.timedelta(hours=2)
    with time_machine.travel(NOW, tick=False) as clock:
        Bulletin.objects.filter(pk=bulletin.pk).update(status=Bulletin.Status.IN_REVIEW)
        edition = services.bulletin_publish(bulletin=bulletin, user=publisher, at=later)
        run_background_work()
        edition.refresh_from_db()
        assert edition.went_live_at is None
        assert Client().get("/en/bulletins/2026/1/").status_code == 404
        # Its PDFs and search entries are ready beforehand.
        assert Job.objects.get(task=pipeline.INDEX_EDITION).state == Job.State.DONE

        clock.move_to(later - datetime.timedelta(seconds=1))
        run_background_work()
        edition.refresh_from_db()
        assert edition.went_live_at is None

        clock.move_to(later)
        run_background_work()
        edition.refresh_from_db()
        assert edition.went_live_at == later
        assert Client().get("/en/bulletins/2026/1/").status_code == 200


@pytest.mark.django_db
def test_rescheduling_runs_the_go_live_work_once_at_the_new_time(publisher):
    bulletin = issue()
    first, second = NOW + datetime.timedelta(hours=1), NOW + datetime.timedelta(hours=3)
    with time_machine.travel(NOW, tick=False) as clock:
        Bulletin.objects.filter(pk=bulletin.pk).update(status=Bulletin.Status.IN_REVIEW)
        services.bulletin_publish(bulletin=bulletin, user=publisher, at=first)
        services.bulletin_publish(bulletin=bulletin, user=publisher, at=second)

        clock.move_to(first + datetime.timedelta(minutes=1))
        run_background_work()
        assert Edition.objects.get().went_live_at is None

        clock.move_to(second)
        run_background_work()
        run_background_work()

    edition = Edition.objects.get()
    assert edition.went_live_at == second
    assert Job.objects.filter(task=pipeline.GO_LIVE, state=Job.State.DONE).count() == 1


@pytest.mark.django_db
def test_readers_get_the_previous_version_s_pdf_while_the_new_one_renders(client, publisher):
    bulletin = issue()
    publish(bulletin, pdfs=True)
    first = client.get("/en/bulletins/2026/1/pdf/")
    article = bulletin.articles.get()
    article.headline_en = "Corrected"
    article.save()

    publish(bulletin, work=False)  # version 2, its PDFs not rendered yet
    during = client.get("/en/bulletins/2026/1/pdf/")
    run_background_work(pdfs=True)
    after = client.get("/en/bulletins/2026/1/pdf/")

    assert during.status_code == 200
    assert during["ETag"] == first["ETag"]
    assert "v2" not in during["Content-Disposition"]
    assert after["ETag"] != first["ETag"]
    assert "-v2.pdf" in after["Content-Disposition"]


@pytest.mark.django_db
def test_nobody_deletes_a_published_version_s_pdf(editor_client, administrator):
    bulletin = issue()
    publish(bulletin, pdfs=True)
    pdf = EditionPDF.objects.first()

    listing = editor_client.get("/admin/publishing/editionpdf/")
    response = editor_client.post(f"/admin/publishing/editionpdf/{pdf.pk}/delete/", {"post": "yes"})
    bulk = editor_client.post(
        "/admin/publishing/editionpdf/",
        {"action": "delete_selected", "_selected_action": [pdf.pk], "post": "yes"},
    )

    assert listing.status_code == 200
    assert response.status_code == 403
    assert "delete_selected" not in listing.content.decode()
    assert bulk.status_code in (200, 302)
    assert EditionPDF.objects.filter(pk=pdf.pk).exists()
    assert pdf.storage.exists(pdf.path)


@pytest.mark.django_db
def test_staff_download_an_earlier_version_s_pdf(publisher_client):
    bulletin = issue()
    publish(bulletin, pdfs=True)
    article = bulletin.articles.get()
    article.headline_en = "Corrected"
    article.save()
    publish(bulletin, pdfs=True)
    first = EditionPDF.objects.get(edition__version=1, language="en")

    page = publisher_client.get(f"/admin/bulletins/bulletin/{bulletin.pk}/change/").content.decode()
    response = publisher_client.get(f"/admin/publishing/editionpdf/{first.pk}/download/")

    assert f"/admin/publishing/editionpdf/{first.pk}/download/" in page
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
