"""How far an issue is translated: per language, which of its texts are filled.

A text counts when it is written in the issue's source language: a translation of an
empty kicker is not missing. Viewpoints and images are counted per article, field by
field ("statement: 5 of 7 viewpoints").
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from bulletins.models import Article, ArticleImage, Bulletin, Viewpoint

ISSUE_FIELDS = ["title", "summary", "cover_image_alt"]
ARTICLE_FIELDS = ["kicker", "headline", "body", "viewpoints_heading"]
VIEWPOINT_FIELDS = ["speaker_label", "speaker_title", "statement"]
IMAGE_FIELDS = ["alt_text", "caption", "credit"]


@dataclass
class Cell:
    language: str
    filled: int = 0
    expected: int = 0

    @property
    def state(self) -> str:
        if self.filled >= self.expected:
            return "complete"
        return "partial" if self.filled else "missing"

    @property
    def symbol(self) -> str:
        if self.state == "complete":
            return "✓"
        return "✗" if self.expected == 1 else f"{self.filled}/{self.expected}"

    @property
    def percent(self) -> int:
        return 100 if not self.expected else round(100 * self.filled / self.expected)


@dataclass
class Row:
    item: str
    field: str
    cells: list[Cell]


@dataclass
class Matrix:
    source_language: str
    languages: list[tuple[str, str]]
    rows: list[Row] = field(default_factory=list)
    totals: list[Cell] = field(default_factory=list)

    def languages_with_content(self) -> list[Cell]:
        """Languages with at least one text, the source language first."""
        return [cell for cell in self.totals if cell.filled]

    def complete_languages(self) -> list[str]:
        return [cell.language for cell in self.totals if cell.state == "complete"]


def _filled(value) -> bool:
    return bool(value) and bool(strip_tags(str(value)).strip())


def prefetch_for_matrix(bulletins: list[Bulletin]):
    """Load in three queries what ``translation_matrix`` reads, for a list of issues."""
    prefetch_related_objects(bulletins, "articles__viewpoints", "articles__images")


def translation_matrix(bulletin: Bulletin) -> Matrix:
    prefetch_for_matrix([bulletin])  # nothing more when the issue list has loaded it already
    languages = [(code, str(name)) for code, name in settings.LANGUAGES]
    source = bulletin.source_language
    matrix = Matrix(source_language=source, languages=languages)

    def add(item: str, model, field_name: str, records):
        cells = [Cell(code) for code, _name in languages]
        for record in records:
            if not _filled(getattr(record, build_localized_fieldname(field_name, source))):
                continue
            for cell in cells:
                cell.expected += 1
                language_field = build_localized_fieldname(field_name, cell.language)
                cell.filled += _filled(getattr(record, language_field))
        if cells[0].expected:
            label = capfirst(model._meta.get_field(field_name).verbose_name)
            matrix.rows.append(Row(item, str(label), cells))

    for name in ISSUE_FIELDS:
        add(_("Issue"), Bulletin, name, [bulletin])
    for number, article in enumerate(bulletin.articles.all(), start=1):
        item = _("Article %(number)s") % {"number": number}
        for name in ARTICLE_FIELDS:
            add(item, Article, name, [article])
        viewpoints = list(article.viewpoints.all())
        for name in VIEWPOINT_FIELDS:
            add(
                _("Article %(number)s, viewpoints") % {"number": number},
                Viewpoint,
                name,
                viewpoints,
            )
        images = list(article.images.all())
        for name in IMAGE_FIELDS:
            add(_("Article %(number)s, images") % {"number": number}, ArticleImage, name, images)

    matrix.totals = [Cell(code) for code, _name in languages]
    for row in matrix.rows:
        for total, cell in zip(matrix.totals, row.cells, strict=True):
            total.filled += cell.filled
            total.expected += cell.expected
    return matrix
