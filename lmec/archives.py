"""Opening archives from outside (an uploaded .docx, a backup's media.tar) within limits.

A zip's central directory says how large each member is once unpacked; checking those
sizes, the number of members and each member's compression ratio before reading
anything refuses a "zip bomb" (a 1 MB file holding a gigabyte of zeros) at the cost of
reading the directory only. The sizes it declares cannot lie to us: Python's zipfile
never unpacks more than a member's declared size (it fails the CRC check instead), so
what is read afterwards stays within the checked total.

Limits come from the settings (LMEC_ARCHIVE_*, docs/configuration.md) unless the caller
passes its own.
"""

import io
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Small members say little by their ratio (an XML part of repeated markup may compress
# 50 times); a bomb needs large ones, and the total limit bounds the rest.
RATIO_CHECKED_FROM_BYTES = 1024 * 1024


@dataclass(frozen=True)
class ArchiveLimits:
    # None: no limit (an operator's own backup may be as large as the media are).
    max_members: int | None
    max_unpacked_bytes: int | None
    max_ratio: float | None

    @classmethod
    def from_settings(cls) -> "ArchiveLimits":
        return cls(
            max_members=settings.LMEC_ARCHIVE_MAX_MEMBERS,
            max_unpacked_bytes=settings.LMEC_ARCHIVE_MAX_UNPACKED_BYTES,
            max_ratio=settings.LMEC_ARCHIVE_MAX_RATIO,
        )


class ArchiveRefused(Exception):
    """The archive is not opened; ``message`` says why, for the person who sent it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def open_zip(data: bytes, limits: ArchiveLimits | None = None) -> zipfile.ZipFile:
    """The zip archive in ``data``, once its directory is within ``limits``.

    Raises zipfile.BadZipFile when it is no zip, ArchiveRefused when it is too much.
    """
    archive = zipfile.ZipFile(io.BytesIO(data))
    try:
        _check(
            [(info.filename, info.file_size, info.compress_size) for info in archive.infolist()],
            limits,
        )
    except ArchiveRefused:
        archive.close()
        raise
    return archive


def open_tar(path, limits: ArchiveLimits | None = None) -> tarfile.TarFile:
    """A tar archive whose members are plain files and folders with relative names
    inside it, within ``limits`` (a tar is not compressed here: no ratio to check)."""
    archive = tarfile.open(path)  # noqa: SIM115 (the caller closes it)
    try:
        members = archive.getmembers()
        for member in members:
            if not (member.isfile() or member.isdir()) or not is_safe_name(member.name):
                raise ArchiveRefused(
                    _("The archive holds “%(name)s”, which is not a plain file inside it.")
                    % {"name": member.name}
                )
        _check([(member.name, member.size, member.size) for member in members], limits)
    except ArchiveRefused:
        archive.close()
        raise
    return archive


def is_safe_name(name: str) -> bool:
    """A relative name that stays inside the folder it is unpacked to."""
    path = PurePosixPath(name)
    return bool(name) and not path.is_absolute() and ".." not in path.parts and "\\" not in name


def _check(members: list[tuple[str, int, int]], limits: ArchiveLimits | None) -> None:
    limits = limits or ArchiveLimits.from_settings()
    if limits.max_members is not None and len(members) > limits.max_members:
        raise ArchiveRefused(
            _("The archive has %(count)s parts; at most %(max)s are accepted.")
            % {"count": f"{len(members):,}", "max": f"{limits.max_members:,}"}
        )
    unpacked = sum(size for _name, size, _packed in members)
    if limits.max_unpacked_bytes is not None and unpacked > limits.max_unpacked_bytes:
        raise ArchiveRefused(
            _("The archive unpacks to %(size)s; at most %(max)s are accepted.")
            % {
                "size": filesizeformat(unpacked),
                "max": filesizeformat(limits.max_unpacked_bytes),
            }
        )
    if limits.max_ratio is None:
        return
    for name, size, packed in members:
        if size >= RATIO_CHECKED_FROM_BYTES and size > limits.max_ratio * max(packed, 1):
            raise ArchiveRefused(
                _(
                    "The part “%(name)s” of the archive is compressed %(ratio)s times; "
                    "at most %(max)s is accepted."
                )
                % {
                    "name": name,
                    "ratio": f"{size / max(packed, 1):,.0f}",
                    "max": f"{limits.max_ratio:,.0f}",
                }
            )
