from django.utils.translation import gettext as _


class ImportFailed(Exception):
    """A file that cannot be imported, with the place in it and the reason.

    ``line`` is a line number in a text or Markdown file and a paragraph number in a Word
    file (``unit`` says which); it is None when the problem is the file as a whole.
    """

    def __init__(self, reason: str, *, line: int | None = None, unit: str = "line"):
        self.reason = reason
        self.line = line
        self.unit = unit
        super().__init__(self.message)

    @property
    def message(self) -> str:
        if self.line is None:
            return str(self.reason)
        if self.unit == "paragraph":
            return _("paragraph %(number)s: %(reason)s") % {
                "number": self.line,
                "reason": self.reason,
            }
        return _("line %(number)s: %(reason)s") % {"number": self.line, "reason": self.reason}


def quoted(text: str, length: int = 40) -> str:
    """A piece of the file as a message quotes it: “the first words…”."""
    text = " ".join(text.split())
    return "“" + (text[:length] + "…" if len(text) > length else text) + "”"


def expected(what: str, found: str) -> str:
    """A refusal's reason: what the importer expected, and what it found instead."""
    return _("expected %(expected)s, found %(found)s.") % {"expected": what, "found": found}


def end_of_file() -> str:
    return _("the end of the file")


def too_long(model, field_name: str, value: str) -> str | None:
    """The reason to refuse ``value`` for the model's field, or None when it fits."""
    model_field = model._meta.get_field(field_name)
    if len(value) <= model_field.max_length:
        return None
    return expected(
        _("a %(field)s of at most %(limit)s characters")
        % {"field": model_field.verbose_name, "limit": model_field.max_length},
        _("%(count)s characters, %(text)s") % {"count": len(value), "text": quoted(value, 20)},
    )
