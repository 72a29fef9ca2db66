"""``{% load sharing %}``: what the share bar of an issue or article page needs."""

from django import template

from lmec.qr import qr_code as make_qr_code

register = template.Library()


@register.simple_tag
def qr_code(url):
    """``{% qr_code page_url as qr %}``: ``qr.src`` (a data: URL) and ``qr.size``."""
    return make_qr_code(url)
