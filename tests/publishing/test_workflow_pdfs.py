"""Publishing, restoring and recovering an issue queue its PDF renders."""

import pytest

from audit.revisions import record_revision, versions_of
from bulletins.models import Bulletin, PDFRenderRequest
from editorial.services import bulletin_restore
from publishing.services import (
    bulletin_publish,
    bulletin_return_to_draft,
    bulletin_submit_for_review,
)
from tests.factories import ArticleFactory


@pytest.mark.django_db
def test_publishing_an_issue_queues_its_pdfs(editor, publisher):
    article = ArticleFactory()
    bulletin = bulletin_submit_for_review(bulletin=article.bulletin, user=editor)
    assert not PDFRenderRequest.objects.exists()

    bulletin_publish(bulletin=bulletin, user=publisher)

    assert PDFRenderRequest.objects.get().bulletin == bulletin


@pytest.mark.django_db
def test_restoring_a_published_issue_queues_its_pdfs(publisher, demo):
    bulletin = Bulletin.objects.get(year=2020, number=5)
    record_revision(bulletin, user=publisher, comment="")
    PDFRenderRequest.objects.all().delete()

    bulletin_restore(bulletin=bulletin, version=versions_of(bulletin).first(), user=publisher)

    assert PDFRenderRequest.objects.get().bulletin == bulletin


@pytest.mark.django_db
def test_a_draft_has_no_pdfs_to_render(publisher, demo):
    bulletin = Bulletin.objects.get(year=2020, number=5)
    bulletin_return_to_draft(bulletin=bulletin, user=publisher)

    assert not PDFRenderRequest.objects.exists()


@pytest.mark.django_db
def test_publishers_see_the_stored_pdfs_in_the_admin(publisher_client):
    assert publisher_client.get("/admin/bulletins/bulletinpdf/").status_code == 200
    assert publisher_client.get("/admin/bulletins/pdfrenderrequest/").status_code == 200
