"""The copies of uploaded images that readers get, and the field that stores them.

Every image the site stores is a master encoded again on upload (lmec/images.py) plus
WebP renditions beside it in the same storage, named after it
(``renditions/<master name>.<width>.webp``): one for each of ``WIDTHS``, each at most
that wide and never wider than the master. Their names are known from the master's name
alone, so pages link them without asking the storage; ``sources()`` gives an ``<img>``
its ``src`` and ``srcset`` from them. Readers never get the master: pages, Open Graph
and JSON-LD link renditions; PDFs print from the master.

``ImageField`` is Django's, storing the master and renditions of whatever is saved to it
(an admin upload, a loader, a command) and refusing what ``prepare_image`` refuses.
"""

import contextlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import ImageFieldFile

from lmec.images import WIDTHS, ImageRefused, PreparedImage, prepare_image, rendition_sizes

# Attribute of an uploaded file holding its PreparedImage, once the validator made it.
PREPARED = "_lmec_prepared_image"


def rendition_name(name: str, width: int) -> str:
    return f"renditions/{name}.{width}.webp"


def rendition_names(name: str) -> list[str]:
    """Every rendition an image of that name has, for clean-ups."""
    return [rendition_name(name, width) for width in WIDTHS]


def prepared(file) -> PreparedImage:
    """The master and renditions of an uploaded file, made once (by the form's validation,
    or here for a file saved without one)."""
    image = getattr(file, PREPARED, None)
    if image is None:
        file.seek(0)
        image = prepare_image(file.read())
        with contextlib.suppress(AttributeError):
            setattr(file, PREPARED, image)
    return image


def store_renditions(storage, name: str, image: PreparedImage) -> None:
    """Write the renditions of the master stored as ``name``; on a failure (a full
    disk), remove those written and raise the storage's error."""
    written = []
    try:
        for width, content in image.renditions.items():
            rendition = rendition_name(name, width)
            storage.delete(rendition)  # a master saved again under its name replaces them
            written.append(storage.save(rendition, ContentFile(content)))
    except Exception:
        delete_renditions(storage, written)
        raise


def delete_renditions(storage, names) -> None:
    for name in names:
        with contextlib.suppress(Exception):
            storage.delete(name)


class ReencodedImageFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        try:
            image = prepared(content)
        except ImageRefused as refused:
            raise ValidationError(refused.message, code="image_refused") from refused
        super().save(name, ContentFile(image.content), save=save)
        self._dimensions_cache = (image.width, image.height)
        try:
            store_renditions(self.storage, self.name, image)
        except Exception:
            with contextlib.suppress(Exception):
                self.storage.delete(self.name)
            raise

    @property
    def shown_url(self) -> str:
        """The largest rendition: what a reader gets where one file is linked."""
        return self.storage.url(rendition_name(self.name, WIDTHS[-1]))

    @property
    def small_url(self) -> str:
        """The smallest rendition: for a logo or a cover shown small."""
        return self.storage.url(rendition_name(self.name, WIDTHS[0]))


class ImageField(models.ImageField):
    """Django's ImageField, storing uploads encoded again with their renditions."""

    attr_class = ReencodedImageFieldFile

    def deconstruct(self):
        # The database sees a plain ImageField: no migration for how files are stored.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs


@dataclass(frozen=True)
class Sources:
    """What an ``<img>`` needs: ``src``, a ``srcset`` when there are renditions, the size."""

    src: str
    srcset: str
    width: int | None
    height: int | None


def sources(field_file, width: int | None, height: int | None) -> Sources:
    """The renditions as ``src`` and ``srcset``, without asking the storage.

    Without the master's width (an image stored before it was recorded) only the largest
    rendition is offered.
    """
    storage, name = field_file.storage, field_file.name
    largest = storage.url(rendition_name(name, WIDTHS[-1]))
    if not width:
        return Sources(largest, "", width, height)
    candidates, seen = [], set()
    for slot, (scaled, _height) in rendition_sizes((width, height or width)):
        if scaled not in seen:
            seen.add(scaled)
            candidates.append(f"{storage.url(rendition_name(name, slot))} {scaled}w")
    return Sources(largest, ", ".join(candidates), width, height)
