"""The mails readers get.

An issue's mail is built from an edition's frozen content (publishing/frozen.py), like its
pages and PDFs: the label and date, the table of contents with each article's first lines
and the organizations of its viewpoints, links to the issue on the web and to its PDF.
HTML with inline styles only, in one column at most 600 px wide that narrows with the
window, and a plain-text part; images by absolute address (LMEC_SITE_URL).

It is rendered once per mailing and language (``IssueMail``) and given to each subscriber
with its own links (``IssueMail.message_to``): the mail of 10 000 subscribers costs one
template rendering per language, not 10 000.

Every mail to a subscriber carries ``List-Unsubscribe`` with a one-click address and
``List-Unsubscribe-Post: List-Unsubscribe=One-Click`` (RFC 8058): mail programs show an
"unsubscribe" button that works without opening the mail.
"""

from dataclasses import dataclass
from email.utils import make_msgid
from urllib.parse import urlsplit

from babel.lists import format_list
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from lmec.languages import babel_locale
from lmec.localized import LocalizedText, text_in
from lmec.renditions import rendition_name
from lmec.seo import describe
from publishing.frozen import FrozenIssue
from publishing.models.mail import BILINGUAL
from publishing.pdf.document import (
    BILINGUAL_LANGUAGES,
    CENTER_NAME_EN,
    CENTER_NAME_ZH,
    masthead,
    site_url,
    url_in,
)

# How much of an article's text the table of contents gives (characters).
FIRST_LINES = 220
# The width of the image at the top of an issue's mail, from the image's renditions.
IMAGE_WIDTH = 960
# Stands for a subscriber's key in a mail rendered once for every subscriber.
KEY_PLACEHOLDER = "subscriber-key-placeholder"

# The reader's system fonts per language, as the site chooses them (static/css/site.css);
# mail programs take no web fonts.
LATIN = "-apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', 'Noto Sans', Arial, sans-serif"
FONT_STACKS = {
    "zh-hans": "'PingFang SC', 'Hiragino Sans GB', 'Noto Sans CJK SC', 'Microsoft YaHei', " + LATIN,
    "th": "'Noto Sans Thai', 'Leelawadee UI', Thonburi, Tahoma, " + LATIN,
    "lo": "'Noto Sans Lao', 'Leelawadee UI', 'Lao Sangam MN', 'Phetsarath OT', " + LATIN,
    "km": "'Noto Sans Khmer', 'Khmer UI', 'Khmer Sangam MN', 'Leelawadee UI', " + LATIN,
    "my": "'Noto Sans Myanmar', 'Myanmar Text', 'Myanmar Sangam MN', Padauk, " + LATIN,
}


def font_stack(language: str) -> str:
    return FONT_STACKS.get(language, LATIN)


def interface_language(mail_language: str, subscriber_language: str) -> str:
    """The language of a mail's own words: the issue's language; for a Chinese-English
    mail, the subscriber's own if it is one of the two, else Chinese."""
    if mail_language != BILINGUAL:
        return mail_language
    if subscriber_language in BILINGUAL_LANGUAGES:
        return subscriber_language
    return BILINGUAL_LANGUAGES[0]


def subscriber_links(key: str, language: str) -> dict:
    """A subscriber's own addresses: its settings page and the one-click unsubscribe."""
    with translation.override(language):
        return {
            "manage_url": site_url(reverse("subscriptions:manage", kwargs={"key": key})),
            "unsubscribe_url": site_url(reverse("subscriptions:unsubscribe", kwargs={"key": key})),
        }


def host() -> str:
    return urlsplit(settings.LMEC_SITE_URL).hostname or "localhost"


def list_headers(unsubscribe_url: str) -> dict:
    return {
        "List-Id": f"LMEC Bulletin <bulletin.{host()}>",
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def _envelope(headers: dict) -> tuple[str, dict]:
    """The envelope sender (where bounces go) and the headers naming the sender."""
    bounces_to = settings.LMEC_MAIL_BOUNCE_ADDRESS
    if bounces_to:
        return bounces_to, headers | {"From": settings.DEFAULT_FROM_EMAIL}
    return settings.DEFAULT_FROM_EMAIL, headers


def _article(article, language: str) -> dict:
    """One line of the table of contents, in one language."""
    issue = article.issue
    # An article that is all viewpoints begins with the first of them.
    body = article.text.body or next(
        (viewpoint.text.statement for viewpoint in article.viewpoints), article.text.body
    )
    return {
        "lang": language,
        "font": font_stack(language),
        "kicker": article.text.kicker,
        "headline": article.text.headline,
        "first_lines": LocalizedText(describe(body, FIRST_LINES), body.lang, language),
        "organizations": _organizations(article, language),
        "url": url_in(
            language, "bulletins:article", year=issue.year, number=issue.number, slug=article.slug
        ),
    }


def _organizations(article, language: str) -> str:
    """ "Viewpoints: WWF, Oxfam and SEI", as the language lists names (CLDR)."""
    names = list(
        dict.fromkeys(str(viewpoint.text.organization) for viewpoint in article.viewpoints)
    )
    if not names:
        return ""
    with translation.override(language):
        listed = format_list(names, locale=babel_locale(language))
        return _("Viewpoints: %(organizations)s") % {"organizations": listed}


def _image(issue: FrozenIssue):
    """The issue's cover, else its first article's first picture, by absolute address."""
    if issue.cover_image:
        name, alt = issue.cover_image.name, issue.cover_image_alt
    else:
        first = next((article.images[0] for article in issue.articles if article.images), None)
        if first is None:
            return None
        name, alt = first.name, first.text.alt
    url = default_storage.url(rendition_name(name, IMAGE_WIDTH))
    return {"src": url if "://" in url else site_url(url), "alt": alt}


@dataclass(frozen=True)
class IssueMail:
    """An issue's mail in one language, with a placeholder for the subscriber's links."""

    language: str
    interface_language: str
    subject: str
    text: str
    html: str

    def message_to(self, email: str, key: str, message_id: str = "") -> EmailMultiAlternatives:
        """The mail for one subscriber, with its own links; ``message_id`` names it (by
        default a new one)."""
        links = subscriber_links(key, self.interface_language)
        placeholders = subscriber_links(KEY_PLACEHOLDER, self.interface_language)
        text, html = self.text, self.html
        for name, url in links.items():
            text = text.replace(placeholders[name], url)
            html = html.replace(placeholders[name], url)
        headers = list_headers(links["unsubscribe_url"]) | {
            "Message-ID": message_id or make_msgid("bulletin", domain=host())
        }
        sender, headers = _envelope(headers)
        message = EmailMultiAlternatives(self.subject, text, sender, [email], headers=headers)
        message.attach_alternative(html, "text/html")
        return message


def issue_mail(
    content: dict,
    language: str,
    *,
    interface: str | None = None,
    correction: dict | None = None,
    subject_prefix: str = "",
) -> IssueMail:
    """The mail of an issue's frozen ``content`` in ``language`` (or ``BILINGUAL``).

    ``correction``: the edition's correction notice (per language) for a corrected
    issue's mail; ``subject_prefix``: a staff test mail says so.
    """
    interface = interface or interface_language(language, BILINGUAL_LANGUAGES[0])
    languages = BILINGUAL_LANGUAGES if language == BILINGUAL else (language,)
    issues = [FrozenIssue(content, code) for code in languages]
    first = issues[0]
    mastheads = [masthead(issue, issue.language) for issue in issues]
    for head in mastheads:
        with translation.override(head["lang"]):
            head["title"] = _("Bulletin %(label)s") % {"label": head["label"]}
        head["font"] = font_stack(head["lang"])
    label = " / ".join(head["title"] for head in mastheads)
    with translation.override(interface):
        title = first.display_title
        subject = f"{label} · {title}" if title else label
        if correction is not None:
            subject = _("Corrected issue: %(subject)s") % {"subject": subject}
        subject = subject_prefix + subject
        pdf_view = "bulletins:pdf-bilingual" if language == BILINGUAL else "bulletins:pdf"
        kwargs = {"year": first.year, "number": first.number}
        context = {
            "lang": interface,
            "font": font_stack(interface),
            "subject": subject,
            "center_zh": CENTER_NAME_ZH,
            "center_en": CENTER_NAME_EN,
            "label": label,
            "mastheads": mastheads,
            "title": first.title,
            "summary": first.summary,
            "correction": text_in(correction, first.language, first.source_language)
            if correction is not None
            else None,
            "image": _image(first),
            "articles": [
                [_article(issue.articles[index], issue.language) for issue in issues]
                for index in range(len(first.articles))
            ],
            "issue_url": url_in(interface, "bulletins:detail", **kwargs),
            # A language's PDF is at its own prefix; the Chinese-English one at any.
            "pdf_url": url_in(interface if language == BILINGUAL else language, pdf_view, **kwargs),
            **subscriber_links(KEY_PLACEHOLDER, interface),
        }
        html = render_to_string("publishing/mail/issue.html", context)
        text = render_to_string("publishing/mail/issue.txt", context)
    return IssueMail(language, interface, subject, text, html)


# Mails about a subscription: plain text, in the language of the page it was asked on.


def _subscription_message(subscriber, template: str, subject: str, context: dict):
    text = render_to_string(template, context | {"email": subscriber.email})
    sender, headers = _envelope({"Auto-Submitted": "auto-generated"})
    return EmailMessage(subject, text, sender, [subscriber.email], headers=headers)


def confirmation_mail(subscriber, *, token: str, days: int) -> EmailMessage:
    with translation.override(subscriber.language):
        url = site_url(reverse("subscriptions:confirm", kwargs={"token": token}))
        return _subscription_message(
            subscriber,
            "publishing/mail/confirm.txt",
            _("Confirm your subscription to the LMEC Bulletin"),
            {"confirm_url": url, "days": days},
        )


def already_subscribed_mail(subscriber) -> EmailMessage:
    with translation.override(subscriber.language):
        return _subscription_message(
            subscriber,
            "publishing/mail/already_subscribed.txt",
            _("Your subscription to the LMEC Bulletin"),
            subscriber_links(subscriber.key, subscriber.language),
        )
