"""The editors' dashboard on the admin index."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from bulletins.models import Bulletin
from publishing import services
from tests.admin_pages import form_data
from tests.factories import ArticleFactory, BulletinFactory, publish


def section(page, title):
    start = page.index(f">{title}</h2>")
    return page[start : page.index("</section>", start)]


@pytest.mark.django_db
def test_the_dashboard_shows_my_drafts_review_scheduled_and_recent_changes(
    editor_client, editor, publisher
):
    mine = BulletinFactory(year=2026, number=1)
    BulletinFactory(year=2026, number=2)  # someone else's draft
    url = f"/admin/bulletins/bulletin/{mine.pk}/change/"
    editor_client.post(url, form_data(editor_client.get(url), title_en="My draft"))
    waiting = BulletinFactory(year=2026, number=3)
    ArticleFactory(bulletin=waiting)
    services.bulletin_submit_for_review(bulletin=waiting, user=publisher)
    scheduled = BulletinFactory(year=2026, number=4)
    ArticleFactory(bulletin=scheduled)
    publish(scheduled, at=timezone.now() + datetime.timedelta(days=2))

    page = editor_client.get("/admin/").content.decode()

    assert "No. 1, 2026" in section(page, "My drafts")
    assert "No. 2, 2026" not in section(page, "My drafts")
    assert "No. 3, 2026" in section(page, "Awaiting review")
    assert "Publish or schedule" not in section(page, "Awaiting review")
    assert "No. 4, 2026" in section(page, "Scheduled")
    recent = section(page, "Recent changes")
    assert "submitted for review" in recent
    assert "edited" in recent
    assert "The whole audit log" not in recent


@pytest.mark.django_db
def test_a_publisher_can_publish_from_the_dashboard(publisher_client, publisher):
    waiting = BulletinFactory(status=Bulletin.Status.IN_REVIEW)

    page = publisher_client.get("/admin/").content.decode()

    assert f"/admin/bulletins/bulletin/{waiting.pk}/workflow/publish/" in section(
        page, "Awaiting review"
    )


@pytest.mark.django_db
def test_the_dashboard_speaks_chinese(editor_client):
    BulletinFactory(status=Bulletin.Status.IN_REVIEW, year=2020, number=2)

    page = editor_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    assert "我的草稿" in page
    assert "2020年第2期" in section(page, "待审核")


@pytest.mark.django_db
def test_the_dashboard_says_when_no_worker_takes_the_work(editor_client):
    bulletin = BulletinFactory()
    ArticleFactory(bulletin=bulletin)
    publish(bulletin, work=False)  # its PDFs and search entries wait for a worker
    assert "Background work is not being done" not in editor_client.get("/admin/").content.decode()

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=20)):
        page = editor_client.get("/admin/").content.decode()

    assert "no worker has taken it" in section(page, "Background work is not being done")
