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
