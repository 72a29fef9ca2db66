"""Readers get the stored PDF of a public issue, never a render on the spot."""

import datetime

import pytest
from django.utils import timezone

from bulletins.models import Bulletin, BulletinPDF, PDFRenderRequest
from publishing.pdf import document
from publishing.pdf.services import current_pdf, render_pdfs
from tests.factories import ArticleFactory, BulletinFactory, ViewpointFactory
from tests.publishing.pdf.reading import pdf_text


def published_issue(**kwargs) -> Bulletin:
    article = ArticleFactory(
        bulletin=BulletinFactory(number=7, status=Bulletin.Status.PUBLISHED, **kwargs),
        headline_zh_hans="红树林保护对话会顺利举行",
        headline_en="Mangrove Dialogue Held",
    )
    ViewpointFactory(article=article)
    return article.bulletin


def pdf_url(language="en", bilingual=False):
    suffix = "bilingual/" if bilingual else ""
    return f"/{language}/bulletins/2021/7/pdf/{suffix}"


@pytest.fixture
def issue(db):
    return published_issue()


def test_a_rendered_pdf_is_served_with_its_name_etag_and_date(client, issue):
    render_pdfs(issue, only=["zh-hans"])

    response = client.get(pdf_url("zh-hans"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="LMEC-Bulletin-2021-07-zh-hans.pdf"'
    stored = BulletinPDF.objects.get(bulletin=issue, edition="zh-hans")
    assert response["ETag"] == f'"{stored.fingerprint}"'
    assert response["Last-Modified"]
    assert "红树林保护对话会顺利举行" in pdf_text(b"".join(response.streaming_content))


def test_the_bilingual_edition_has_its_own_url_and_name(client, issue):
    render_pdfs(issue, only=["bilingual"])

    response = client.get(pdf_url("en", bilingual=True))

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(
        'filename="LMEC-Bulletin-2021-07-zh-hans-en.pdf"'
    )
    text = pdf_text(b"".join(response.streaming_content))
    assert text.index("红树林保护对话会顺利举行") < text.index("Mangrove Dialogue Held")


def test_conditional_requests_get_304(client, issue):
    render_pdfs(issue, only=["en"])
    first = client.get(pdf_url())

    by_etag = client.get(pdf_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get(pdf_url(), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert by_etag.status_code == 304
    assert by_etag["ETag"] == first["ETag"]
    assert by_date.status_code == 304
    assert client.get(pdf_url(), HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_an_unchanged_issue_keeps_its_file_and_etag(client, issue, pdf_storage):
    render_pdfs(issue, only=["en"])
    before = client.get(pdf_url())["ETag"]
    stored = BulletinPDF.objects.get(bulletin=issue, edition="en")

    render_pdfs(issue, only=["en"])  # e.g. the issue saved again without a change

    again = BulletinPDF.objects.get(bulletin=issue, edition="en")
    assert (again.pk, again.path, again.rendered_at) == (stored.pk, stored.path, stored.rendered_at)
    assert client.get(pdf_url())["ETag"] == before
    assert client.get(pdf_url(), HTTP_IF_NONE_MATCH=before).status_code == 304


def test_a_content_change_is_never_served_from_the_old_file(client, issue, pdf_storage):
    render_pdfs(issue, only=["en"])
    old = BulletinPDF.objects.get(bulletin=issue, edition="en")
    old_etag = client.get(pdf_url())["ETag"]

    article = issue.articles.get()
    article.headline_en = "Mangrove Dialogue Held in Shenzhen"
    article.save()

    stale = client.get(pdf_url(), HTTP_IF_NONE_MATCH=old_etag)
    assert stale.status_code == 503  # not the old file, not a 304 for it either

    render_pdfs(issue, only=["en"])
    response = client.get(pdf_url())
    assert response.status_code == 200
    assert response["ETag"] != old_etag
    assert "Mangrove Dialogue Held in Shenzhen" in pdf_text(b"".join(response.streaming_content))
    assert not BulletinPDF.objects.filter(pk=old.pk).exists()
    assert not (pdf_storage / old.path).exists()


def test_a_renamed_partner_makes_the_pdf_stale(client, issue):
    render_pdfs(issue, only=["en", "zh-hans"])
    organization = issue.articles.get().viewpoints.get().organization
    organization.name_en = "A New Name"
    organization.save()

    assert client.get(pdf_url()).status_code == 503
    assert client.get(pdf_url("zh-hans")).status_code == 200  # its Chinese name is unchanged


def test_a_pdf_not_rendered_yet_is_a_clear_503_and_a_render_is_requested(client, issue):
    response = client.get(pdf_url())

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "The PDF of this issue is being prepared" in response.content.decode()
    assert PDFRenderRequest.objects.filter(bulletin=issue).exists()
    assert not BulletinPDF.objects.exists()  # nothing rendered while the reader waited


def test_the_waiting_page_is_in_the_readers_language(client, issue):
    response = client.get(pdf_url("zh-hans"))
    assert "本期PDF正在生成" in response.content.decode()


@pytest.mark.parametrize(
    "status", [Bulletin.Status.DRAFT, Bulletin.Status.IN_REVIEW, Bulletin.Status.WITHDRAWN]
)
def test_an_unpublished_issue_has_no_public_pdf(client, issue, status):
    render_pdfs(issue, only=["en"])  # rendered while it was published
    issue.status = status
    issue.save()

    for url in (pdf_url(), pdf_url("zh-hans"), pdf_url("en", bilingual=True)):
        assert client.get(url).status_code == 404
    assert not PDFRenderRequest.objects.exists()


def test_a_scheduled_issue_has_no_public_pdf_before_its_time(client, db):
    issue = published_issue(published_at=timezone.now() + datetime.timedelta(days=1))
    render_pdfs(issue, only=["en"])  # rendered ahead, ready for its time
    assert BulletinPDF.objects.filter(bulletin=issue).exists()

    assert client.get(pdf_url()).status_code == 404

    issue.published_at = timezone.now() - datetime.timedelta(minutes=1)
    issue.save()
    assert client.get(pdf_url()).status_code == 200


def test_staff_get_no_public_pdf_of_a_draft_either(admin_client, issue):
    issue.status = Bulletin.Status.DRAFT
    issue.save()
    assert admin_client.get(pdf_url()).status_code == 404


def test_a_language_the_issue_lacks_leads_to_the_next_edition_of_the_fallback_chain(client, issue):
    response = client.get(pdf_url("th"))
    assert response.status_code == 302
    assert response["Location"] == "/en/bulletins/2021/7/pdf/"


def test_an_issue_without_english_has_no_bilingual_edition(client, db):
    issue = BulletinFactory(number=7, status=Bulletin.Status.PUBLISHED)
    ArticleFactory(bulletin=issue, headline_en="")
    render_pdfs(issue)
    assert document.editions(document.issue_queryset().get(pk=issue.pk)) == ["zh-hans"]
    assert client.get(pdf_url("en", bilingual=True)).status_code == 404
    assert client.get(pdf_url("en"))["Location"] == "/zh-hans/bulletins/2021/7/pdf/"


def test_the_fingerprint_does_not_depend_on_the_active_language(issue):
    from django.utils import translation

    bulletin = document.issue_queryset().get(pk=issue.pk)
    with translation.override("zh-hans"):
        chinese = document.build_html(bulletin, "en")
    with translation.override("th"):
        thai = document.build_html(bulletin, "en")
    assert chinese == thai


def test_serving_a_pdf_takes_a_fixed_number_of_queries(
    client, issue, django_assert_max_num_queries
):
    render_pdfs(issue, only=["en"])
    with django_assert_max_num_queries(10):
        assert client.get(pdf_url()).status_code == 200


def test_nginx_can_send_the_file(client, issue, settings):
    settings.LMEC_PDF_ACCEL_REDIRECT = "/_pdfs/"
    render_pdfs(issue, only=["en"])

    response = client.get(pdf_url())

    stored = current_pdf(document.issue_queryset().get(pk=issue.pk), "en")
    assert response["X-Accel-Redirect"] == f"/_pdfs/{stored.path}"
    assert response["ETag"] == stored.etag
    assert response.content == b""


def pdf_links_html(bulletin) -> str:
    from django.template.loader import render_to_string

    return render_to_string("bulletins/includes/pdf_link.html", {"bulletin": bulletin})


def test_the_issue_page_include_links_both_editions_of_a_public_issue(issue):
    html = pdf_links_html(issue)
    assert 'href="/en/bulletins/2021/7/pdf/"' in html
    assert 'href="/en/bulletins/2021/7/pdf/bilingual/"' in html
    assert "PDF in Chinese and English" in html


def test_the_include_shows_no_link_for_an_unpublished_issue(issue):
    issue.status = Bulletin.Status.DRAFT
    assert "pdf" not in pdf_links_html(issue)


def test_the_include_offers_no_bilingual_edition_without_english(db):
    issue = BulletinFactory(number=7, status=Bulletin.Status.PUBLISHED)
    ArticleFactory(bulletin=issue, headline_en="")
    html = pdf_links_html(issue)
    assert 'href="/en/bulletins/2021/7/pdf/"' in html
    assert "bilingual" not in html


def test_a_stored_pdf_whose_file_is_gone_is_rendered_again_not_a_500(client, issue, pdf_storage):
    render_pdfs(issue, only=["en"])
    (pdf_storage / BulletinPDF.objects.get().path).unlink()  # e.g. a storage restored apart

    assert client.get(pdf_url()).status_code == 503
    assert PDFRenderRequest.objects.filter(bulletin=issue).exists()
    render_pdfs(issue, only=["en"])
    assert client.get(pdf_url()).status_code == 200
