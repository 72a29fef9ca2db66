"""Helpers for Django file storages (on disk or S3-compatible alike), and the project's
storage on disk."""

import contextlib
import os
import uuid

from django.core.files import storage


def storage_files(storage, directory: str = ""):
    """Every file below ``directory`` of ``storage``, sorted, folder by folder; none when
    the folder does not exist."""
    try:
        subdirectories, files = storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{directory}/{name}" if directory else name
    for subdirectory in sorted(subdirectories):
        yield from storage_files(
            storage, f"{directory}/{subdirectory}" if directory else subdirectory
        )


class FileSystemStorage(storage.FileSystemStorage):
    """Django's storage on disk, but a file that could not be written whole (a full disk,
    a quota) is not left behind, truncated, under its name.

    Each file is written under a temporary name of its own first, removed if the write
    fails, and linked to its name only once complete.
    """

    def _save(self, name, content):
        partial = f"{name}.{uuid.uuid4().hex}.part"
        try:
            partial = super()._save(partial, content)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.remove(self.path(partial))
            raise
        try:
            while True:
                try:
                    os.link(self.path(partial), self.path(name))
                    return name
                except FileExistsError:  # taken since get_available_name() chose it
                    name = self.get_available_name(name)
        finally:
            os.remove(self.path(partial))
