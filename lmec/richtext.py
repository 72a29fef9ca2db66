"""Rich text: what editors may write, and the sanitizer that enforces it.

Article bodies are stored as HTML. The editor (django-prose-editor) offers only the
elements below, and the same allow-list is applied with nh3 whenever a model is saved,
so stored HTML can never carry a script, whatever path the text came in by.
"""

from django.utils.html import escape
from django_prose_editor.fields import ProseEditorField
from modeltranslation.fields import TranslationFieldDescriptor

EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "HardBreak": True,
}


class RichTextField(ProseEditorField):
    """A TextField holding sanitized HTML, edited with the prose editor."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", EXTENSIONS)
        kwargs.setdefault("sanitize", True)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = super().pre_save(model_instance, add)
        if value:
            value = self.sanitize(value)  # the sanitizer ProseEditorField made from EXTENSIONS
            if not is_translated_original(model_instance, self.attname):
                setattr(model_instance, self.attname, value)
        return value


def is_translated_original(model_instance, attname: str) -> bool:
    """Whether ``attname`` is the untranslated field of a modeltranslation field (``body``
    beside ``body_zh_hans``, ``body_en``, …).

    That attribute reads the active language's text, or its fallback, and writes the active
    language's field: writing back what it read would copy the Chinese body into an empty
    English one. Each language's field is sanitized by its own ``pre_save``.
    """
    return isinstance(type(model_instance).__dict__.get(attname), TranslationFieldDescriptor)


def paragraphs_html(paragraphs: list[str]) -> str:
    """Rich text for paragraphs of plain text (imported and demo articles)."""
    return "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)
