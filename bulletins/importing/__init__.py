"""Importing existing briefings from plain text, Markdown and Word files.

The steps, each in its own module:

1. reading.py: a file's bytes become a ``Source`` (decoded text as numbered paragraphs);
2. parsing.py: the source becomes a ``ParsedIssue`` (label, date, articles, viewpoints,
   events, contact and about blocks, as text);
3. matching.py: the names in it are matched against the registry, or proposed as new
   records: an ``ImportPlan``, which the dry run prints and the admin shows;
4. saving.py: ``bulletin_import`` saves a plan as a draft issue in one transaction.

A file that cannot be understood raises ``ImportFailed`` naming the line and the reason.
"""

from bulletins.importing.errors import ImportFailed
from bulletins.importing.matching import ImportPlan, plan_import
from bulletins.importing.parsing import parse_source
from bulletins.importing.reading import Source, read_source
from bulletins.importing.saving import bulletin_import

__all__ = [
    "ImportFailed",
    "ImportPlan",
    "Source",
    "bulletin_import",
    "parse_source",
    "plan_import",
    "read_source",
]
