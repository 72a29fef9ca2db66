"""A storage that fails like a full disk, for the tests of what editors see then."""

import errno
import os

from django.core.files.storage import FileSystemStorage


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
            raise OSError(FailingStorage.error, os.strerror(FailingStorage.error))
        FailingStorage.accepted -= 1
        return super()._save(name, content)


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
