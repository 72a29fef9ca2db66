"""A storage that fails like a full disk, for the tests of what editors see then."""

import errno
import os

from django.core.files.base import File

from lmec.storages import FileSystemStorage


class FailingStorage(FileSystemStorage):
    """Stores the first ``accepted`` files, then raises ``error`` (errno) like a full disk.

    Class attributes, shared by every instance: a test sets them, the ``failing_storage``
    helper resets them.
    """

    accepted = 0
    error = errno.ENOSPC  # an errno, or an exception to raise as it is (S3's)

    def _save(self, name, content):
        if FailingStorage.accepted <= 0:
            if isinstance(FailingStorage.error, Exception):
                raise FailingStorage.error
            # As a disk does: the first bytes are written, then the disk is full.
            return super()._save(name, HalfWritten(content))
        FailingStorage.accepted -= 1
        return super()._save(name, content)


class HalfWritten(File):
    def chunks(self, chunk_size=None):
        content = self.file.read()
        yield content[: len(content) // 2]
        raise OSError(FailingStorage.error, os.strerror(FailingStorage.error))


def failing_storage(settings, alias, folder):
    """Make the storage ``alias`` a FailingStorage in ``folder``, full from the start."""
    settings.STORAGES = {
        **settings.STORAGES,
        alias: {
            "BACKEND": "tests.storages.FailingStorage",
            "OPTIONS": {"location": str(folder)},
        },
    }
    FailingStorage.accepted, FailingStorage.error = 0, errno.ENOSPC
    return FailingStorage
