from django import template
from django.urls import reverse

from publishing.pdf import document

register = template.Library()


@register.simple_tag
def pdf_links(bulletin):
    """The PDF links of a public issue, or None: {"url": …, "bilingual_url": … or None}."""
    if not bulletin.is_public:
        return None
    kwargs = {"year": bulletin.year, "number": bulletin.number}
    bilingual = document.BILINGUAL in document.editions(bulletin)
    return {
        "url": reverse("bulletins:pdf", kwargs=kwargs),
        "bilingual_url": reverse("bulletins:pdf-bilingual", kwargs=kwargs) if bilingual else None,
    }
