import pytest
from django.core.management import CommandError, call_command

from bulletins.models import Bulletin, BulletinPDF, PDFRenderRequest
from publishing.pdf.services import render_pdfs, run_queue, schedule_render
from tests.factories import ArticleFactory, BulletinFactory
from tests.publishing.pdf.reading import pdf_text


def make_issue(year, number, status=Bulletin.Status.PUBLISHED):
    return ArticleFactory(
        bulletin=BulletinFactory(year=year, number=number, status=status)
    ).bulletin


def test_export_a_year_to_a_folder(db, tmp_path):
    make_issue(2021, 1)
    make_issue(2021, 2, Bulletin.Status.DRAFT)
    make_issue(2022, 1)

    call_command("export_pdfs", "2021", "--output", tmp_path / "out", "--edition", "zh-hans")

    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == [
        "LMEC-Bulletin-2021-01-zh-hans.pdf"
    ]
    assert list(BulletinPDF.objects.values_list("edition", flat=True)) == ["zh-hans"]


def test_export_a_range_of_issues_with_drafts(db, tmp_path):
    for number in (1, 2, 3):
        make_issue(
            2021, number, Bulletin.Status.DRAFT if number == 2 else Bulletin.Status.PUBLISHED
        )
    make_issue(2022, 1)

    out = tmp_path / "out"
    call_command("export_pdfs", "2021-2", "2022-1", "-o", out, "--edition", "en", "--drafts")

    names = sorted(path.name for path in out.iterdir())
    assert names == [
        "LMEC-Bulletin-2021-02-en-DRAFT.pdf",
        "LMEC-Bulletin-2021-03-en.pdf",
        "LMEC-Bulletin-2022-01-en.pdf",
    ]
    assert "Draft, not published" in pdf_text((out / names[0]).read_bytes())


def test_rerender_renders_current_pdfs_again(db, tmp_path):
    make_issue(2021, 1)
    call_command("export_pdfs", "2021", "-o", tmp_path / "out", "--edition", "en")
    before = BulletinPDF.objects.get(edition="en").rendered_at

    call_command("export_pdfs", "2021", "-o", tmp_path / "out", "--edition", "en", "--rerender")

    assert BulletinPDF.objects.get(edition="en").rendered_at > before


def test_a_malformed_range_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="neither a year"):
        call_command("export_pdfs", "last-year", "-o", tmp_path)


def test_the_queue_renders_published_issues_and_drops_others(db):
    published = make_issue(2021, 1)
    schedule_render(published)
    draft = make_issue(2021, 2, Bulletin.Status.DRAFT)
    PDFRenderRequest.objects.create(bulletin=draft)

    call_command("render_pdfs")

    assert set(BulletinPDF.objects.values_list("bulletin", "edition")) == {
        (published.pk, "zh-hans"),
        (published.pk, "en"),
        (published.pk, "bilingual"),
    }
    assert not PDFRenderRequest.objects.exists()
    assert run_queue() == 0


def test_a_failing_render_is_recorded_and_retried_at_most_three_times(db, monkeypatch):
    bulletin = make_issue(2021, 1)
    schedule_render(bulletin)

    def broken(html, **kwargs):
        raise RuntimeError("no memory left")

    monkeypatch.setattr("publishing.pdf.services.render_html", broken)
    assert run_queue() == 3

    request = PDFRenderRequest.objects.get(bulletin=bulletin)
    assert request.attempts == 3
    assert request.last_error == "RuntimeError: no memory left"


def test_stale_renders_every_published_issue_whose_pdf_is_out_of_date(db):
    bulletin = make_issue(2021, 1)
    call_command("render_pdfs", "--stale")
    assert BulletinPDF.objects.filter(bulletin=bulletin).count() == 3

    article = bulletin.articles.get()
    article.headline_en = "Changed"
    article.save()
    call_command("render_pdfs", "--stale", "--year", "2021")

    assert BulletinPDF.objects.filter(bulletin=bulletin).count() == 3
    assert "Changed" in pdf_text(
        BulletinPDF.objects.get(bulletin=bulletin, edition="en")
        .storage.open(BulletinPDF.objects.get(bulletin=bulletin, edition="en").path)
        .read()
    )


def test_prune_deletes_the_files_no_stored_pdf_refers_to(db, pdf_storage):
    bulletin = make_issue(2021, 1)
    render_pdfs(bulletin, only=["en"])
    kept = pdf_storage / BulletinPDF.objects.get().path
    orphan = pdf_storage / "2019/04/LMEC-Bulletin-2019-04-en-0123456789abcdef.pdf"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"%PDF-1.7")

    call_command("render_pdfs", "--prune", verbosity=0)

    assert kept.exists()
    assert not orphan.exists()
