"""Readable ASCII slugs for content written in Chinese or any other script.

Chinese is romanized with pypinyin ("红树林" → "hong-shu-lin"); other scripts fall back
to Django's slugify. Slugs appear in public URLs, so they are made once and then kept.
"""

import re

from django.utils.text import slugify

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def slug_from_text(text: str, max_length: int = 80) -> str:
    """Return an ASCII slug for ``text``, or "" when nothing usable remains."""
    if CJK.search(text or ""):
        # Imported here: its phrase dictionary takes 0.2 s to load, in every process otherwise.
        from pypinyin import lazy_pinyin

        text = " ".join(lazy_pinyin(text, errors="default"))
    slug = slugify(text or "")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug.strip("-")


def unique_slug(candidates, queryset, *, slug_field="slug", fallback="item", max_length=80):
    """Return the first usable slug from ``candidates`` that ``queryset`` does not hold.

    A taken slug gets a numeric suffix ("wwf-2"); when no candidate yields a slug,
    ``fallback`` is used.
    """
    base = next(
        (slug for text in candidates if text and (slug := slug_from_text(text, max_length))),
        fallback,
    )
    slug, suffix = base, 2
    while queryset.filter(**{slug_field: slug}).exists():
        slug = f"{base[: max_length - len(str(suffix)) - 1]}-{suffix}"
        suffix += 1
    return slug


class SlugFromTextMixin:
    """For a model with a unique ``slug``: the server makes it when the editor leaves it
    empty, from the first of ``slug_candidates()`` that gives one (an English name, then
    the pinyin of the Chinese one), never taken by another record. An editor may still
    write their own; it is kept."""

    slug_fallback = "item"
    slug_max_length = 80

    def slug_candidates(self) -> list[str]:
        raise NotImplementedError

    def fill_slug(self):
        if not self.slug:
            others = type(self)._default_manager.exclude(pk=self.pk)
            self.slug = unique_slug(
                self.slug_candidates(),
                others,
                fallback=self.slug_fallback,
                max_length=self.slug_max_length,
            )

    def clean(self):
        super().clean()
        self.fill_slug()

    def save(self, *args, **kwargs):
        self.fill_slug()
        super().save(*args, **kwargs)
