"""Hostile archives for the tests: a Word file hiding a gigabyte of zeros in a 1 MB zip."""

import io
import struct
import zipfile
import zlib

import docx
from PIL import Image

SEGMENT = 8 * 1024 * 1024  # zeros per independent piece of the compressed stream


def zeros_deflated(size: int) -> tuple[bytes, int]:
    """A raw deflate stream of ``size`` zero bytes (a multiple of 8 MiB), and its CRC-32.

    Compressing a gigabyte takes seconds; a full flush makes 8 MiB of zeros a
    self-contained piece of stream, so the same piece repeated unpacks to all of it.
    """
    assert size % SEGMENT == 0
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = compressor.compress(bytes(SEGMENT)) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc, block = 0, bytes(SEGMENT)
    for _ in range(size // SEGMENT):
        crc = zlib.crc32(block, crc)
    return piece * (size // SEGMENT) + b"\x03\x00", crc  # + an empty final block


def zip_archive(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip of (name, raw deflate data, unpacked size, CRC-32) members, written by hand so
    that a member can be a stream made above."""
    output, directory = io.BytesIO(), io.BytesIO()
    for name, data, size, crc in members:
        encoded, offset = name.encode(), output.tell()
        fields = (20, 0, 8, 0, 0, crc, len(data), size, len(encoded))
        output.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + encoded + data)
        directory.write(
            struct.pack("<IH", 0x02014B50, 20)
            + struct.pack("<HHHHHIIIHHHHHII", *fields, 0, 0, 0, 0, 0, offset)
            + encoded
        )
    start, count = output.tell(), len(members)
    output.write(directory.getvalue())
    output.write(
        struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, directory.tell(), start, 0)
    )
    return output.getvalue()


def deflated(data: bytes) -> tuple[bytes, int, int]:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(), len(data), zlib.crc32(data)


def word_file_with_zeros(size: int) -> bytes:
    """A real Word document with a picture whose part, once unpacked, is ``size`` zeros."""
    picture = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(picture, "PNG")
    document = docx.Document()
    document.add_paragraph("简报")
    document.add_picture(picture)
    saved = io.BytesIO()
    document.save(saved)
    members = []
    with zipfile.ZipFile(saved) as archive:
        for info in archive.infolist():
            if info.filename.startswith("word/media/"):
                data, crc = zeros_deflated(size)
                members.append((info.filename, data, size, crc))
            else:
                members.append((info.filename, *deflated(archive.read(info))))
    return zip_archive(members)
