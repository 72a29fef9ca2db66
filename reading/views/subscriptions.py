"""New issues by e-mail: subscribing at /<lang>/subscribe/, confirming, changing
languages and topics, unsubscribing. Plain forms (no script needed), no account: a
subscriber's own pages are reached by the secret key in its links
(publishing/mail/subscriptions.py).

The unsubscribe address is also the one-click address of the mails' List-Unsubscribe
header (RFC 8058): a POST to it unsubscribes, without a cookie, a CSRF token or a login, as
mail programs send it. A GET only shows the button: link checkers that open every link
of a mail must not unsubscribe anyone.
"""

import logging
import smtplib

from anymail.exceptions import AnymailError
from django import forms
from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, get_language_info, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from lmec.localized import LocalizedText, localized
from lmec.security import client_ip
from lmec.seo import PageMeta
from publishing.mail import subscriptions
from publishing.models.mail import BILINGUAL
from publishing.selectors import public_copies
from reading.registry import public_records
from topics.models import Topic

logger = logging.getLogger(__name__)


def language_choices():
    """The seven languages by their own names (each marked with its language), and
    Chinese-English in one mail."""
    page = get_language()
    own_names = [
        (code, LocalizedText(get_language_info(code)["name_local"], code, page))
        for code, _name in settings.LANGUAGES
    ]
    return [*own_names, (BILINGUAL, _("Chinese and English, in one mail"))]


def topic_choices():
    names = [(topic.pk, localized(topic, "name")) for topic in public_records(public_copies(Topic))]
    return sorted(names, key=lambda choice: str(choice[1]))


class ChoicesForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Languages"),
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Each issue comes once, in the first of your languages it is published in."
        ),
        error_messages={"required": gettext_lazy("Choose at least one language.")},
    )
    topics = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Topics"),
        widget=forms.CheckboxSelectMultiple,
        coerce=int,
        required=False,
        help_text=gettext_lazy("Only issues about these topics. Choose none to get every issue."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = language_choices()
        self.fields["topics"].choices = topic_choices()
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = _("Choose one of those offered.")

    def choice_fields(self):
        """The checkbox lists to show (no topics before any is published)."""
        return [self[name] for name in ("languages", "topics") if self.fields[name].choices]


class SubscribeForm(ChoicesForm):
    email = forms.EmailField(
        label=gettext_lazy("E-mail address"),
        max_length=254,
        error_messages={
            "required": gettext_lazy("Enter an e-mail address such as name@example.org."),
            "invalid": gettext_lazy("Enter an e-mail address such as name@example.org."),
        },
    )
    field_order = ["email", "languages", "topics"]


def _meta(title: str) -> PageMeta:
    # A subscriber's pages are nobody else's business: kept out of search engines.
    return PageMeta(title=title, noindex=True)


def subscribe(request):
    form = SubscribeForm(request.POST or None, initial={"languages": [get_language()]})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            subscriptions.subscription_request(
                email=form.cleaned_data["email"],
                language=get_language(),
                languages=form.cleaned_data["languages"],
                topic_ids=form.cleaned_data["topics"],
                client=client_ip(request),
            )
        except subscriptions.TooManyRequests:
            form.add_error(None, _("Too many requests. Please try again in an hour."))
            status = 429
        except (smtplib.SMTPException, OSError, AnymailError):
            logger.exception("The confirmation mail could not be sent")
            form.add_error(None, _("The mail could not be sent just now. Please try again later."))
            status = 503
        else:
            return redirect("subscriptions:sent")
    context = {"form": form, "meta": PageMeta(title=_("Subscribe by e-mail"))}
    return render(request, "subscriptions/subscribe.html", context, status=status)


def sent(request):
    return _notice(
        request,
        _("Check your mailbox"),
        _(
            "We sent a link to the address you gave. Open it to confirm your subscription: "
            "nothing else is sent before."
        ),
    )


def _notice(request, title, text, *, link=None, status=200):
    context = {"title": title, "text": text, "link": link, "meta": _meta(title)}
    return render(request, "subscriptions/notice.html", context, status=status)


def _link_refused(request, expired: bool):
    title = _("This link has expired") if expired else _("This link is not valid")
    link = (reverse("subscriptions:subscribe"), _("Subscribe again"))
    text = _("Subscribe again to get a new link.")
    return _notice(request, title, text, link=link, status=410 if expired else 404)


@never_cache
def confirm(request, token):
    try:
        if request.method == "POST":
            subscriber = subscriptions.subscription_confirm(token=token)
            return redirect("subscriptions:manage", key=subscriber.key)
        subscriber = subscriptions.subscriber_for_confirmation(token)
    except subscriptions.LinkExpired:
        return _link_refused(request, expired=True)
    except subscriptions.LinkInvalid:
        return _link_refused(request, expired=False)
    context = {"subscriber": subscriber, "meta": _meta(_("Confirm your subscription"))}
    return render(request, "subscriptions/confirm.html", context)


def _subscriber(key):
    subscriber = subscriptions.subscriber_by_key(key)
    if subscriber is None:
        raise Http404(_("This link is not valid"))
    return subscriber


@never_cache
def manage(request, key):
    subscriber = _subscriber(key)
    subscribed = subscriber.status == subscriber.Status.CONFIRMED
    initial = {"languages": subscriber.languages, "topics": subscriber.topic_ids}
    form = ChoicesForm(request.POST or None, initial=initial)
    if request.method == "POST" and subscribed and form.is_valid():
        subscriptions.subscriber_update(
            subscriber=subscriber,
            languages=form.cleaned_data["languages"],
            topic_ids=form.cleaned_data["topics"],
        )
        return redirect(reverse("subscriptions:manage", kwargs={"key": key}) + "?saved=1")
    context = {
        "subscriber": subscriber,
        "subscribed": subscribed,
        "form": form,
        "saved": "saved" in request.GET,
        "meta": _meta(_("Your subscription")),
    }
    return render(request, "subscriptions/manage.html", context)


@csrf_exempt
@never_cache
def unsubscribe(request, key):
    subscriber = _subscriber(key)
    if request.method == "POST":
        subscriptions.subscriber_unsubscribe(subscriber=subscriber)
        return _notice(
            request,
            _("You are unsubscribed"),
            _("No more issues will be sent to %(email)s.") % {"email": subscriber.email},
            link=(reverse("subscriptions:subscribe"), _("Subscribe again")),
        )
    context = {"subscriber": subscriber, "meta": _meta(_("Unsubscribe"))}
    return render(request, "subscriptions/unsubscribe.html", context)
