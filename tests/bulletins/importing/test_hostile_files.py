"""A Word file that unpacks to a gigabyte is refused before it is unpacked."""

import io
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bulletins.importing import ImportFailed, read_source
from tests.archives import word_file_with_zeros
from tests.bulletins.importing.test_admin import IMPORT_URL, text
from tests.bulletins.importing.test_command import run

GIB = 1024**3


@pytest.fixture(scope="module")
def zip_bomb():
    """About 1 MB on disk, 1 GiB of zeros in its picture once unpacked."""
    return word_file_with_zeros(GIB)


def test_the_bomb_is_what_it_claims(zip_bomb):
    assert len(zip_bomb) < 1.2 * 1024 * 1024
    with zipfile.ZipFile(io.BytesIO(zip_bomb)) as archive:
        assert archive.getinfo("word/media/image1.png").file_size == GIB
    smaller = word_file_with_zeros(64 * 1024 * 1024)  # made the same way, quicker to check
    with zipfile.ZipFile(io.BytesIO(smaller)) as archive:
        assert archive.testzip() is None  # a valid archive: every part unpacks, CRCs match


def test_a_word_file_unpacking_to_a_gigabyte_is_refused_in_bounded_memory(zip_bomb):
    tracemalloc.start()
    try:
        with pytest.raises(ImportFailed) as refused:
            read_source("issue.docx", zip_bomb)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert refused.value.message == (
        "“issue.docx” was not read: The archive unpacks to 1.0\xa0GB; at most 20.0\xa0MB "
        "are accepted."
    )
    assert peak < 10 * 1024 * 1024  # the file itself is 1 MB


def test_a_part_compressed_too_many_times_is_refused(settings, zip_bomb):
    settings.LMEC_ARCHIVE_MAX_UNPACKED_BYTES = 2 * GIB

    with pytest.raises(ImportFailed, match="“word/media/image1.png” of the archive is compressed"):
        read_source("issue.docx", zip_bomb)


def test_a_word_file_with_too_many_parts_is_refused(settings):
    settings.LMEC_ARCHIVE_MAX_MEMBERS = 5

    with pytest.raises(ImportFailed, match=r"The archive has \d+ parts; at most 5 are accepted"):
        read_source("issue.docx", word_file_with_zeros(8 * 1024 * 1024))


def test_only_the_text_of_a_word_file_is_unpacked(settings):
    """Its pictures may be large (within the limits): they are never read."""
    settings.LMEC_ARCHIVE_MAX_RATIO = None
    settings.LMEC_ARCHIVE_MAX_UNPACKED_BYTES = 200 * 1024 * 1024
    data = word_file_with_zeros(128 * 1024 * 1024)
    tracemalloc.start()
    try:
        source = read_source("issue.docx", data)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert [block.text for block in source.blocks()] == ["简报"]
    assert peak < 20 * 1024 * 1024


@pytest.mark.django_db
def test_the_import_page_says_why_the_file_was_refused(editor_client, zip_bomb):
    response = editor_client.post(
        IMPORT_URL,
        {"file": SimpleUploadedFile("2020-2.docx", zip_bomb), "language": "zh-hans"},
    )

    assert response.status_code == 200
    assert "“2020-2.docx” was not read: The archive unpacks to 1.0 GB" in text(response)


@pytest.mark.django_db
def test_import_bulletin_says_why_the_file_was_refused(tmp_path, zip_bomb):
    path = tmp_path / "2020-2.docx"
    path.write_bytes(zip_bomb)

    _out, err, error = run(path)

    assert "2020-2.docx: “2020-2.docx” was not read: The archive unpacks to 1.0\xa0GB" in err
    assert str(error) == "1 of 1 files were not imported."
