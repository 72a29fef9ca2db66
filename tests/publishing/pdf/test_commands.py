import logging

import pytest
from django.core.management import CommandError, call_command

from bulletins.models import Bulletin
from publishing.models import EditionPDF, Job, SearchEntry
from publishing.pdf.services import render_edition_pdf
from tests.factories import ArticleFactory, BulletinFactory, publish, run_background_work
from tests.publishing.pdf.reading import pdf_text, reader


def make_issue(year, number, status=Bulletin.Status.PUBLISHED):
    bulletin = ArticleFactory(bulletin=BulletinFactory(year=year, number=number)).bulletin
    if status == Bulletin.Status.PUBLISHED:
        publish(bulletin)
    return bulletin


def test_export_a_year_to_a_folder(db, tmp_path):
    make_issue(2021, 1)
    make_issue(2021, 2, Bulletin.Status.DRAFT)
    make_issue(2022, 1)

    call_command("export_pdfs", "2021", "--output", tmp_path / "out", "--edition", "zh-hans")

    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == [
        "LMEC-Bulletin-2021-01-zh-hans.pdf"
    ]
    assert list(EditionPDF.objects.values_list("language", flat=True)) == ["zh-hans"]


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


def test_a_malformed_range_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="neither a year"):
        call_command("export_pdfs", "last-year", "-o", tmp_path)


def test_render_pdfs_renders_what_is_missing_and_force_renders_again(db):
    bulletin = make_issue(2021, 1)
    make_issue(2021, 2, Bulletin.Status.DRAFT)

    call_command("render_pdfs", verbosity=0)
    stored = {pdf.language: pdf.rendered_at for pdf in EditionPDF.objects.all()}
    call_command("render_pdfs", verbosity=0)
    again = {pdf.language: pdf.rendered_at for pdf in EditionPDF.objects.all()}
    call_command("render_pdfs", "--force", "--year", "2021", verbosity=0)
    forced = {pdf.language: pdf.rendered_at for pdf in EditionPDF.objects.all()}

    assert set(stored) == {"zh-hans", "en", "bilingual"}
    assert set(EditionPDF.objects.values_list("edition__bulletin", flat=True)) == {bulletin.pk}
    assert again == stored
    assert all(forced[language] > stored[language] for language in stored)


def test_a_render_keeps_weasyprints_steps_out_of_the_log(db, caplog):
    make_issue(2021, 1)
    caplog.set_level(logging.INFO)

    call_command("render_pdfs", verbosity=0)

    assert EditionPDF.objects.count() == 3
    assert [record.getMessage() for record in caplog.records if "Step" in record.getMessage()] == []


def test_refresh_outputs_queues_what_is_missing_once(db):
    make_issue(2021, 1)  # published, its search entries made, its PDFs not
    Job.objects.all().delete()
    SearchEntry.objects.all().delete()  # e.g. a database restored without its index

    call_command("refresh_outputs", verbosity=0)
    queued = set(Job.objects.values_list("task", flat=True))
    call_command("refresh_outputs", verbosity=0)

    assert queued == {"render_pdfs", "index_edition"}
    assert Job.objects.count() == 2  # nothing twice while it waits
    run_background_work(pdfs=True)
    assert EditionPDF.objects.count() == 3
    assert SearchEntry.objects.exists()


def test_prune_deletes_the_files_no_stored_pdf_refers_to(db, pdf_storage):
    bulletin = make_issue(2021, 1)
    [pdf] = [render_edition_pdf(bulletin.editions.get(), "en")]
    kept = pdf_storage / pdf.path
    orphan = pdf_storage / "2019/04/LMEC-Bulletin-2019-04-en-0123456789abcdef.pdf"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"%PDF-1.7")

    call_command("render_pdfs", "--prune", verbosity=0)

    assert kept.exists()
    assert not orphan.exists()


def test_export_offers_only_the_editions_an_issue_has(db, tmp_path):
    # A Chinese-only draft has no English and no bilingual edition, as in the admin's menu.
    bulletin = BulletinFactory(year=2021, number=1)
    ArticleFactory(bulletin=bulletin, headline_en="")
    out = tmp_path / "out"

    call_command(
        "export_pdfs", "2021", "-o", out, "--drafts", "--edition", "en", "--edition", "zh-hans"
    )
    call_command("export_pdfs", "2021", "-o", tmp_path / "all", "--drafts", verbosity=0)

    assert [path.name for path in out.iterdir()] == ["LMEC-Bulletin-2021-01-zh-hans-DRAFT.pdf"]
    assert [path.name for path in (tmp_path / "all").iterdir()] == [
        "LMEC-Bulletin-2021-01-zh-hans-DRAFT.pdf"
    ]


def test_export_archival_copies(db, tmp_path):
    make_issue(2021, 1)

    call_command("export_pdfs", "2021", "-o", tmp_path, "--edition", "en", "--archival")

    [path] = tmp_path.iterdir()
    assert path.name == "LMEC-Bulletin-2021-01-en-PDFA.pdf"
    root = reader(path.read_bytes()).trailer["/Root"]
    assert root["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFA1"
