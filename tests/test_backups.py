"""A backup brings back the database and the media files exactly."""

import io
import json
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.test import Client
from PIL import Image

from bulletins.models import Bulletin, Viewpoint
from editorial.demo.loader import load_demo
from lmec import backups
from partners.models import Organization
from publishing.models import Edition
from publishing.pdf.services import render_edition_pdf
from tests.factories import BulletinFactory


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def pdf_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "pdfs": {
            "BACKEND": "lmec.storages.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "pdfs")},
        },
    }
    return tmp_path / "pdfs"


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_the_content_the_media_and_the_pdfs(media, pdf_storage, tmp_path):
    load_demo()
    edition = Edition.objects.get(year=2020, number=2)
    [pdf] = [render_edition_pdf(edition, "zh-hans")]
    pdf_before = (pdf_storage / pdf.path).read_bytes()
    wwf = Organization.objects.get(slug="wwf")
    wwf.logo.save("wwf.png", ContentFile(png_bytes()))
    with default_storage.open(wwf.logo.name, "rb") as logo:
        logo_before = logo.read()
    counts_before = backups.record_counts()
    statement = Viewpoint.objects.get(article__bulletin__number=2, position=1).statement_zh_hans

    call_command("backup", "--output", str(tmp_path / "backups"), stdout=io.StringIO())
    folder = next((tmp_path / "backups").iterdir())

    # Disaster: content deleted, the logo and the PDFs gone.
    Bulletin.objects.all().delete()
    default_storage.delete(wwf.logo.name)
    (pdf_storage / pdf.path).unlink()
    assert not Viewpoint.objects.exists()

    output = io.StringIO()
    call_command("restore", str(folder), "--noinput", stdout=output)

    assert "Record counts match the backup." in output.getvalue()
    assert backups.record_counts() == counts_before
    restored = Viewpoint.objects.get(article__bulletin__number=2, position=1)
    assert restored.statement_zh_hans == statement
    restored_wwf = Organization.objects.get(slug="wwf")
    with default_storage.open(restored_wwf.logo.name, "rb") as logo:
        assert logo.read() == logo_before
    assert (pdf_storage / pdf.path).read_bytes() == pdf_before
    response = Client().get("/zh-hans/bulletins/2020/2/pdf/")
    assert b"".join(response.streaming_content) == pdf_before


@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_changes_nothing(media, tmp_path):
    load_demo()
    call_command("backup", "--output", str(tmp_path / "backups"), stdout=io.StringIO())
    folder = next((tmp_path / "backups").iterdir())
    with open(folder / "database.dump", "r+b") as dump:
        dump.seek(100)
        dump.write(b"damage")
    Bulletin.objects.filter(number=5).delete()

    with pytest.raises(CommandError, match="missing or damaged"):
        call_command("restore", str(folder), "--noinput", stdout=io.StringIO())

    assert list(Bulletin.objects.values_list("number", flat=True)) == [2]


@pytest.mark.django_db
def test_a_backup_whose_media_would_land_outside_the_storage_changes_nothing(media, tmp_path):
    folder = tmp_path / "lmec-backup-hostile"
    folder.mkdir()
    (folder / "database.dump").write_bytes(b"not read: the media are checked first")
    with tarfile.open(folder / "media.tar", "w") as archive:
        info = tarfile.TarInfo("../../outside.txt")
        info.size = 5
        archive.addfile(info, io.BytesIO(b"owned"))
    checksums = {name: backups._sha256(folder / name) for name in ("database.dump", "media.tar")}
    (folder / "manifest.json").write_text(json.dumps({"files": checksums, "counts": {}}))
    BulletinFactory()

    with pytest.raises(CommandError, match="which is not a plain file inside it"):
        call_command("restore", str(folder), "--noinput", stdout=io.StringIO())

    assert Bulletin.objects.count() == 1
    assert not (tmp_path / "outside.txt").exists()
