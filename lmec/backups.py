"""Backups of the database and the uploaded media, and their restore.

A backup is a folder holding ``database.dump`` (pg_dump's custom format: one consistent
snapshot), a tar file for each file storage (``media.tar``: the uploads of the default
storage; ``pdfs.tar``: the rendered PDFs of the "pdfs" storage; on disk or S3 alike) and
``manifest.json`` (when, what, checksums and record counts, so a restore can be checked).
"""

import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
from datetime import datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.db import connections
from django.utils import timezone

from lmec import devdb
from lmec.archives import ArchiveLimits, ArchiveRefused, open_tar
from lmec.storages import storage_files

# Counted in the manifest and compared after a restore.
COUNTED_MODELS = [
    "bulletins.Bulletin",
    "bulletins.Article",
    "bulletins.Viewpoint",
    "bulletins.ContactBlock",
    "bulletins.AboutBlock",
    "partners.Organization",
    "partners.Person",
    "events.Event",
    "topics.Topic",
    "auth.User",
    "publishing.Edition",
    "publishing.EditionPDF",
]

# Storage alias → the tar file of the backup that holds its files.
STORAGE_ARCHIVES = {"default": "media.tar", "pdfs": "pdfs.tar"}


class BackupError(Exception):
    pass


def create_backup(parent: Path) -> Path:
    """Write a new backup folder under ``parent`` and return its path."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    folder = Path(parent) / f"lmec-backup-{stamp}"
    # The dump holds password hashes and unpublished drafts: for the owner's eyes only.
    folder.mkdir(parents=True, exist_ok=False, mode=0o700)
    _pg(
        "pg_dump",
        "--format=custom",
        "--no-owner",
        "--no-privileges",
        f"--file={folder / 'database.dump'}",
    )
    for alias, archive_name in STORAGE_ARCHIVES.items():
        storage = storages[alias]
        with tarfile.open(folder / archive_name, "w") as archive:
            for name in storage_files(storage):
                with storage.open(name, "rb") as file:
                    data = file.read()
                info = tarfile.TarInfo(name)
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
    manifest = {
        "created": timezone.now().isoformat(),
        "database": settings.DATABASES["default"]["NAME"],
        "counts": record_counts(),
        "files": {
            name: _sha256(folder / name) for name in ("database.dump", *STORAGE_ARCHIVES.values())
        },
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2))
    for file in folder.iterdir():
        file.chmod(0o600)
    return folder


def restore_backup(folder: Path) -> dict:
    """Replace the database and the media with those of a backup; return the manifest.

    The backup is checked against its manifest first, so a damaged backup changes nothing.
    """
    folder = Path(folder)
    try:
        manifest = json.loads((folder / "manifest.json").read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{folder} has no readable manifest.json: {error}") from error
    for name, checksum in manifest["files"].items():
        if not (folder / name).exists() or _sha256(folder / name) != checksum:
            raise BackupError(f"{folder / name} is missing or damaged (checksum mismatch).")
    archives = {}
    try:
        for alias, archive_name in STORAGE_ARCHIVES.items():
            if archive_name not in manifest["files"]:
                continue  # a backup made before that storage was backed up
            # Whatever its size, but only files that stay inside the storage.
            archives[alias] = open_tar(folder / archive_name, ArchiveLimits(None, None, None))
    except (ArchiveRefused, tarfile.TarError) as error:
        for archive in archives.values():
            archive.close()
        raise BackupError(f"{folder} has an archive that cannot be restored: {error}") from error
    try:
        _restore(folder, archives)
    finally:
        for archive in archives.values():
            archive.close()
    return manifest


def _restore(folder: Path, archives: dict[str, tarfile.TarFile]) -> None:
    connections.close_all()
    _pg(
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        str(folder / "database.dump"),
    )
    for alias, archive in archives.items():
        storage = storages[alias]
        for name in list(storage_files(storage)):
            storage.delete(name)
        for member in archive.getmembers():
            if member.isfile():
                storage.save(member.name, File(archive.extractfile(member), member.name))


def record_counts() -> dict[str, int]:
    return {label: apps.get_model(label).objects.count() for label in COUNTED_MODELS}


def _pg(program: str, *args: str) -> None:
    """Run pg_dump or pg_restore against the default database."""
    database = settings.DATABASES["default"]
    executable = _pg_program(program)
    command = [executable, f"--dbname={database['NAME']}"]
    if database.get("HOST"):
        command.append(f"--host={database['HOST']}")
    if database.get("PORT"):
        command.append(f"--port={database['PORT']}")
    if database.get("USER"):
        command.append(f"--username={database['USER']}")
    env = os.environ | {"PGPASSWORD": str(database.get("PASSWORD") or "")}
    result = subprocess.run([*command, *args], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{program} failed: {result.stderr.strip()}")


def _pg_program(program: str) -> str:
    """pg_dump/pg_restore: from LMEC_PG_BIN_DIR, the embedded server, or the PATH.

    They must be at least as new as the server: the embedded server is PostgreSQL 18,
    so its own programs are used for it.
    """
    directory = os.environ.get("LMEC_PG_BIN_DIR")
    if directory:
        return str(Path(directory) / program)
    if getattr(settings, "USING_EMBEDDED_DATABASE", False):
        return str(devdb.bin_dir() / program)
    found = shutil.which(program)
    if found is None:
        raise BackupError(
            f"{program} was not found: install postgresql-client or set LMEC_PG_BIN_DIR."
        )
    return found


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def default_backup_folder() -> Path:
    return Path(settings.BASE_DIR) / "var" / "backups"


def describe(manifest: dict) -> str:
    created = datetime.fromisoformat(manifest["created"])
    counts = ", ".join(
        f"{count} {label.split('.')[1]}" for label, count in manifest["counts"].items()
    )
    return f"backup of {timezone.localtime(created):%Y-%m-%d %H:%M}: {counts}"
