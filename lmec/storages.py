"""Helpers for Django file storages (on disk or S3-compatible alike)."""


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
