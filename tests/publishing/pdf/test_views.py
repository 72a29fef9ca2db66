"""Readers get the stored PDF of the version they may see, never a render on the spot."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from bulletins.models import Bulletin
from publishing import services
from publishing.models import EditionPDF, Job
from publishing.pdf.services import render_edition_pdf
from publishing.selectors import current_edition
from tests.factories import (
    ArticleFactory,
    BulletinFactory,
    UserFactory,
    ViewpointFactory,
    publish,
    run_background_work,
)
from tests.publishing.pdf.reading import pdf_text


def published_issue(**publish_kwargs) -> Bulletin:
    article = ArticleFactory(
        bulletin=BulletinFactory(year=2021, number=7),
        headline_zh_hans="红树林保护对话会顺利举行",
        headline_en="Mangrove Dialogue Held",
    )
    ViewpointFactory(article=article)
    publish(article.bulletin, **publish_kwargs)
    return article.bulletin


def render(bulletin, *languages):
    edition = bulletin.editions.order_by("-version").first()
    return [render_edition_pdf(edition, language) for language in languages]


def pdf_url(language="en", bilingual=False):
    suffix = "bilingual/" if bilingual else ""
    return f"/{language}/bulletins/2021/7/pdf/{suffix}"


@pytest.fixture
def issue(db):
    return published_issue()


def test_a_rendered_pdf_is_served_with_its_name_etag_and_date(client, issue):
    [stored] = render(issue, "zh-hans")

    response = client.get(pdf_url("zh-hans"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="LMEC-Bulletin-2021-07-zh-hans.pdf"'
    assert response["ETag"] == f'"{stored.sha256}"'
    assert response["Last-Modified"]
    assert "红树林保护对话会顺利举行" in pdf_text(b"".join(response.streaming_content))


def test_the_bilingual_edition_has_its_own_url_and_name(client, issue):
    render(issue, "bilingual")

    response = client.get(pdf_url("en", bilingual=True))

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(
        'filename="LMEC-Bulletin-2021-07-zh-hans-en.pdf"'
    )
    text = pdf_text(b"".join(response.streaming_content))
    assert text.index("红树林保护对话会顺利举行") < text.index("Mangrove Dialogue Held")


def test_conditional_requests_get_304(client, issue):
    render(issue, "en")
    first = client.get(pdf_url())

    by_etag = client.get(pdf_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get(pdf_url(), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert by_etag.status_code == 304
    assert by_etag["ETag"] == first["ETag"]
    assert by_date.status_code == 304
    assert client.get(pdf_url(), HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_changes_reach_the_pdf_with_the_next_version_only(client, issue):
    render(issue, "en")
    old_etag = client.get(pdf_url())["ETag"]
    article = issue.articles.get()
    article.headline_en = "Mangrove Dialogue Held in Shenzhen"
    article.save()
    organization = article.viewpoints.get().organization
    organization.name_en = "A New Name"
    organization.save()

    assert client.get(pdf_url())["ETag"] == old_etag  # pending changes: the same version

    publish(issue)
    render(issue, "en")
    response = client.get(pdf_url())

    assert response["ETag"] != old_etag
    text = pdf_text(b"".join(response.streaming_content))
    assert "Mangrove Dialogue Held in Shenzhen" in text
    assert "A New Name" in text
    assert EditionPDF.objects.filter(edition__version=1).exists()  # kept for the record


def test_a_pdf_not_rendered_yet_is_a_clear_503(client, issue):
    response = client.get(pdf_url())

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "The PDF of this issue is being prepared" in response.content.decode()
    assert not EditionPDF.objects.exists()  # nothing rendered while the reader waited


def test_the_waiting_page_is_in_the_readers_language(client, issue):
    response = client.get(pdf_url("zh-hans"))
    assert "本期PDF正在生成" in response.content.decode()


@pytest.mark.parametrize("action", ["withdraw", "return_to_draft"])
def test_an_issue_taken_off_has_no_public_pdf(client, issue, action):
    render(issue, "en", "zh-hans", "bilingual")
    services.TRANSITION_FUNCTIONS[action](bulletin=issue, user=UserFactory(role="Publisher"))

    for url in (pdf_url(), pdf_url("zh-hans"), pdf_url("en", bilingual=True)):
        assert client.get(url).status_code == 404


def test_a_scheduled_issue_has_no_public_pdf_before_its_time(client, db):
    at = timezone.now() + datetime.timedelta(days=1)
    issue = published_issue(at=at)
    render(issue, "en")  # rendered ahead, ready for its time

    assert client.get(pdf_url()).status_code == 404
    with time_machine.travel(at + datetime.timedelta(minutes=1)):
        assert client.get(pdf_url()).status_code == 200


def test_staff_get_no_public_pdf_of_a_draft_either(admin_client, db):
    ArticleFactory(bulletin=BulletinFactory(year=2021, number=7))
    assert admin_client.get(pdf_url()).status_code == 404


def test_a_language_the_issue_lacks_leads_to_the_next_edition_of_the_fallback_chain(client, issue):
    response = client.get(pdf_url("th"))
    assert response.status_code == 302
    assert response["Location"] == "/en/bulletins/2021/7/pdf/"


def test_an_issue_without_english_has_no_bilingual_edition(client, db):
    issue = BulletinFactory(year=2021, number=7)
    ArticleFactory(bulletin=issue, headline_en="")
    publish(issue, pdfs=True)

    assert set(EditionPDF.objects.values_list("language", flat=True)) == {"zh-hans"}
    assert client.get(pdf_url("en", bilingual=True)).status_code == 404
    assert client.get(pdf_url("en"))["Location"] == "/zh-hans/bulletins/2021/7/pdf/"


def test_serving_a_pdf_takes_a_fixed_number_of_queries(
    client, issue, django_assert_max_num_queries
):
    render(issue, "en")
    with django_assert_max_num_queries(3):
        assert client.get(pdf_url()).status_code == 200


def test_nginx_can_send_the_file(client, issue, settings):
    settings.LMEC_PDF_ACCEL_REDIRECT = "/_pdfs/"
    [stored] = render(issue, "en")

    response = client.get(pdf_url())

    assert response["X-Accel-Redirect"] == f"/_pdfs/{stored.path}"
    assert response["ETag"] == stored.etag
    assert response.content == b""


def test_the_issue_page_links_both_editions_of_a_public_issue(client, issue):
    html = client.get("/en/bulletins/2021/7/").content.decode()
    assert 'href="/en/bulletins/2021/7/pdf/"' in html
    assert 'href="/en/bulletins/2021/7/pdf/bilingual/"' in html
    assert "PDF in Chinese and English" in html


def test_a_preview_offers_no_pdf(editor_client, db):
    ArticleFactory(bulletin=BulletinFactory(year=2021, number=7))
    assert "/pdf/" not in editor_client.get("/en/bulletins/2021/7/").content.decode()


def test_an_issue_without_english_offers_no_bilingual_edition(client, db):
    issue = BulletinFactory(year=2021, number=7)
    ArticleFactory(bulletin=issue, headline_en="")
    publish(issue)
    html = client.get("/en/bulletins/2021/7/").content.decode()
    assert 'href="/en/bulletins/2021/7/pdf/"' in html
    assert "bilingual" not in html


def test_a_stored_pdf_whose_file_is_gone_is_rendered_again_not_a_500(client, issue, pdf_storage):
    [stored] = render(issue, "en")
    (pdf_storage / stored.path).unlink()  # e.g. a storage restored apart

    assert client.get(pdf_url()).status_code == 503
    edition = current_edition(2021, 7)
    assert Job.objects.filter(edition=edition, state=Job.State.QUEUED).exists()
    run_background_work()
    assert client.get(pdf_url()).status_code == 200
