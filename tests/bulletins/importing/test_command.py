"""manage.py import_bulletin FILE… [--dry-run] [--language …] [--replace]"""

import io

import pytest
from django.core.management import CommandError, call_command

from bulletins.models import Bulletin
from tests.bulletins.importing.helpers import SEED_2, SEED_5, model_counts


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_bulletin", *[str(arg) for arg in args], stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


@pytest.mark.django_db
def test_the_dry_run_lists_what_would_be_created_and_saves_nothing():
    before = model_counts()

    out, _err, error = run("--dry-run", SEED_5)

    assert error is None
    assert model_counts() == before
    assert "No. 5, 2020, dated 2020-08-03" in out
    assert "New organizations (created when saved):" in out
    assert "  + 泰国工业部工业工程司 — lines 28" in out
    assert (
        "    - Kittiphan Taparugssanagorn (工业环境技术提升处处长) [new person] — 泰国工业部工业工程司"
        in out
    )
    assert "Dry run: nothing was saved." in out


@pytest.mark.django_db
def test_both_seeds_are_imported_as_drafts():
    out, _err, error = run(SEED_2, SEED_5)

    assert error is None
    assert [(b.year, b.number, b.status) for b in Bulletin.objects.order_by("number")] == [
        (2020, 2, "draft"),
        (2020, 5, "draft"),
    ]
    assert "2020-2.txt: saved as issue No. 2, 2020 (Draft): /admin/bulletins/bulletin/" in out


@pytest.mark.django_db
def test_a_file_that_exists_is_refused_and_the_others_are_imported():
    run(SEED_2)

    _out, err, error = run(SEED_2, SEED_5)

    assert "2020-2.txt: Issue No. 2, 2020 already exists." in err
    assert str(error) == "1 of 2 files were not imported."
    assert Bulletin.objects.count() == 2


@pytest.mark.django_db
def test_replace_updates_the_issue_that_exists(demo):
    bulletin = Bulletin.objects.get(year=2020, number=2)

    out, _err, error = run("--replace", SEED_2)

    assert error is None
    assert "replaces the content of the existing issue (same record)" in out
    assert f"/admin/bulletins/bulletin/{bulletin.pk}/change/" in out


@pytest.mark.django_db
def test_a_file_that_cannot_be_understood_names_its_line(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_text(SEED_2.read_text().replace("2020年3月27日", "2020年2月30日"), encoding="utf-8")

    _out, err, error = run(path, tmp_path / "missing.txt")

    assert "broken.txt: line 12: expected a date, found 2020-2-30, which does not exist." in err
    assert "missing.txt: No such file or directory" in err
    assert str(error) == "2 of 2 files were not imported."
    assert not Bulletin.objects.exists()


@pytest.mark.django_db
def test_the_language_option_chooses_the_fields_the_text_goes_into(tmp_path):
    run("--language", "en", SEED_2)

    article = Bulletin.objects.get().articles.first()
    assert article.headline_en == "澜沧江 - 湄公河生态环境合作圆桌视频会议顺利举行"
    assert not article.headline_zh_hans
    assert Bulletin.objects.get().source_language == "en"
