"""Mail in the admin.

- Subscribers: counts per language and state above the list; a subscriber's data
  exported (JSON) or deleted, on its page or for several at once. Nobody adds or edits a
  subscription by hand: readers subscribe, confirm and change it themselves.
- Mailings: every sending of an issue with its progress (queued, sent, failed, bounced),
  and their deliveries with the last error of each.
- On an issue's page: "Send me a test mail" (the issue as it is now, in any state, in
  the chosen language, to the member of staff) and "WeChat article" (the issue as HTML
  for the editor of a WeChat official account, publishing/wechat.py).
"""

import json

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, F, Func, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from editorial.admin.lists import CheckedListAdminMixin
from editorial.admin.pdfs import KeptRecordAdmin
from editorial.admin_pages import record_page_context
from publishing import snapshot, wechat
from publishing.mail.sending import test_mail_send
from publishing.mail.subscriptions import subscriber_export
from publishing.models import Delivery, Mailing, Subscriber
from publishing.models.mail import MAIL_LANGUAGES

LANGUAGE_NAMES = dict(MAIL_LANGUAGES)
Status = Subscriber.Status
# The columns of the counts above the list of subscribers.
SUMMARY_STATES = [
    (Status.CONFIRMED,),
    (Status.PENDING,),
    (Status.BOUNCED, Status.COMPLAINED),
    (Status.UNSUBSCRIBED,),
]


class WantedLanguageFilter(admin.SimpleListFilter):
    title = gettext_lazy("language wanted")
    parameter_name = "language"

    def lookups(self, request, model_admin):
        return MAIL_LANGUAGES

    def queryset(self, request, queryset):
        if self.value() in LANGUAGE_NAMES:
            return queryset.filter(languages__contains=[self.value()])
        return queryset


def subscriber_counts() -> dict:
    """Subscribers per wanted language and state, and in all (each counted once)."""
    per_language = (
        Subscriber.objects.annotate(code=Func(F("languages"), function="unnest"))
        .values_list("code", "status")
        .annotate(count=Count("pk"))
    )
    cells = {}
    for code, status, count in per_language:
        cells[code, status] = count
    totals = dict(Subscriber.objects.values_list("status").annotate(count=Count("pk")))

    def row(counts):
        return [sum(counts.get(status, 0) for status in states) for states in SUMMARY_STATES]

    return {
        "columns": [
            " / ".join(str(Status(status).label) for status in states) for states in SUMMARY_STATES
        ],
        "rows": [
            (name, row({status: cells.get((code, status), 0) for status in Status.values}))
            for code, name in MAIL_LANGUAGES
        ],
        "total": row(totals),
    }


def _export_response(data, name: str) -> HttpResponse:
    return HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@admin.register(Subscriber)
class SubscriberAdmin(CheckedListAdminMixin, admin.ModelAdmin):
    list_display = ["email", "status", "wanted", "topic_count", "created_at", "confirmed_at"]
    list_filter = ["status", WantedLanguageFilter]
    search_fields = ["email"]
    date_hierarchy = "created_at"
    fields = [
        "email",
        "status",
        "language",
        "languages",
        "topic_ids",
        "created_at",
        "requested_at",
        "confirmed_at",
        "unsubscribed_at",
        "bounced_at",
        "bounce_reason",
    ]
    actions = ["export_data", "delete_selected"]
    change_list_template = "admin/publishing/subscriber/change_list.html"
    change_form_template = "admin/publishing/subscriber/change_form.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # the subscriber's own choices, through its own links

    @admin.display(description=gettext_lazy("languages wanted"))
    def wanted(self, subscriber):
        return ", ".join(str(LANGUAGE_NAMES.get(code, code)) for code in subscriber.languages)

    @admin.display(description=gettext_lazy("topics"))
    def topic_count(self, subscriber):
        return len(subscriber.topic_ids) or _("all")

    def changelist_view(self, request, extra_context=None):
        extra_context = {"summary": subscriber_counts(), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/export/",
                self.admin_site.admin_view(self.export_view),
                name="publishing_subscriber_export",
            ),
            *super().get_urls(),
        ]

    def export_view(self, request, object_id):
        if not self.has_view_permission(request):
            raise PermissionDenied
        subscriber = get_object_or_404(Subscriber, pk=unquote(object_id))
        return _export_response(subscriber_export(subscriber=subscriber), "subscriber.json")

    @admin.action(
        description=gettext_lazy("Export the data of the selected subscribers (JSON)"),
        permissions=["view"],
    )
    def export_data(self, request, queryset):
        data = [subscriber_export(subscriber=subscriber) for subscriber in queryset]
        return _export_response(data, "subscribers.json")

    def get_deleted_objects(self, objs, request):
        """A subscriber's deliveries go with it: they need no permission of their own."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        perms_needed.discard(str(Delivery._meta.verbose_name))
        return deleted, counts, perms_needed, protected

    def log_deletions(self, request, queryset):
        """The admin's log keeps no address of a deleted subscriber."""
        content_type = ContentType.objects.get_for_model(Subscriber)
        return LogEntry.objects.bulk_create(
            LogEntry(
                user_id=request.user.pk,
                content_type=content_type,
                object_id=str(subscriber.pk),
                object_repr=_("subscriber #%(id)s") % {"id": subscriber.pk},
                action_flag=DELETION,
            )
            for subscriber in queryset
        )


@admin.register(Mailing)
class MailingAdmin(KeptRecordAdmin):
    list_display = [
        "edition",
        "kind",
        "state",
        "queued",
        "sent",
        "failed",
        "bounced",
        "skipped",
        "created_at",
        "finished_at",
    ]
    list_filter = ["state", "kind"]
    list_select_related = ["edition"]

    def get_queryset(self, request):
        def count(*states):
            return Count("deliveries", filter=Q(deliveries__state__in=states))

        return (
            super()
            .get_queryset(request)
            .defer("edition__content")
            .annotate(
                queued_count=count(Delivery.State.QUEUED, Delivery.State.SENDING),
                sent_count=count(Delivery.State.SENT),
                failed_count=count(Delivery.State.FAILED),
                bounced_count=count(Delivery.State.BOUNCED),
                skipped_count=count(Delivery.State.SKIPPED),
            )
        )

    def _deliveries(self, mailing, count, *states):
        url = reverse("admin:publishing_delivery_changelist")
        query = f"mailing__id__exact={mailing.pk}" + "".join(
            f"&state__exact={state}" for state in states[:1]
        )
        return format_html('<a href="{}?{}">{}</a>', url, query, count) if count else 0

    @admin.display(description=gettext_lazy("queued"), ordering="queued_count")
    def queued(self, mailing):
        return self._deliveries(mailing, mailing.queued_count, Delivery.State.QUEUED)

    @admin.display(description=gettext_lazy("sent"), ordering="sent_count")
    def sent(self, mailing):
        return self._deliveries(mailing, mailing.sent_count, Delivery.State.SENT)

    @admin.display(description=gettext_lazy("failed"), ordering="failed_count")
    def failed(self, mailing):
        return self._deliveries(mailing, mailing.failed_count, Delivery.State.FAILED)

    @admin.display(description=gettext_lazy("bounced"), ordering="bounced_count")
    def bounced(self, mailing):
        return self._deliveries(mailing, mailing.bounced_count, Delivery.State.BOUNCED)

    @admin.display(description=gettext_lazy("not sent"), ordering="skipped_count")
    def skipped(self, mailing):
        return self._deliveries(mailing, mailing.skipped_count, Delivery.State.SKIPPED)


@admin.register(Delivery)
class DeliveryAdmin(KeptRecordAdmin):
    list_display = ["subscriber", "mailing", "language", "state", "attempts", "sent_at", "error"]
    list_filter = ["state", "language", "mailing"]
    search_fields = ["subscriber__email"]
    list_select_related = ["subscriber", "mailing__edition"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("mailing__edition__content")


# On an issue's page.


class TestMailForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=MAIL_LANGUAGES)


class BulletinMailAdminMixin:
    """For BulletinAdmin: "Send me a test mail" and "WeChat article"."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/test-mail/",
                view(self.test_mail_view),
                name="bulletins_bulletin_test_mail",
            ),
            path(
                "<path:object_id>/wechat/", view(self.wechat_view), name="bulletins_bulletin_wechat"
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            "mail_languages": MAIL_LANGUAGES,
            "test_mail_url": reverse("admin:bulletins_bulletin_test_mail", args=[object_id]),
            "wechat_url": reverse("admin:bulletins_bulletin_wechat", args=[object_id]),
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def _issue(self, request, object_id):
        bulletin = self.get_object(request, unquote(object_id))
        if bulletin is None:
            raise Http404
        if not self.has_view_or_change_permission(request, bulletin):
            raise PermissionDenied
        return bulletin

    def test_mail_view(self, request, object_id):
        bulletin = self._issue(request, object_id)
        change_url = reverse("admin:bulletins_bulletin_change", args=[bulletin.pk])
        form = TestMailForm(request.POST or None)
        if request.method != "POST" or not form.is_valid():
            return redirect(change_url)
        if not request.user.email:
            messages.error(
                request, _("Your account has no e-mail address: add one to get test mails.")
            )
            return redirect(change_url)
        language = form.cleaned_data["language"]
        try:
            test_mail_send(
                bulletin=bulletin,
                language=language,
                email=request.user.email,
                subject_prefix=_("[Test] "),
            )
        except OSError as error:  # smtplib's errors, a refused connection
            messages.error(request, _("The mail could not be sent: %(error)s") % {"error": error})
        else:
            messages.success(
                request,
                _("A test mail of %(issue)s in %(language)s was sent to %(email)s.")
                % {
                    "issue": bulletin,
                    "language": LANGUAGE_NAMES[language],
                    "email": request.user.email,
                },
            )
        return redirect(change_url)

    def wechat_view(self, request, object_id):
        bulletin = self._issue(request, object_id)
        tree = snapshot.issue_queryset(type(bulletin).objects.filter(pk=bulletin.pk)).get()
        languages = snapshot.written_languages(tree)
        language = request.GET.get("language", bulletin.source_language)
        if language not in languages:
            language = bulletin.source_language
        html = wechat.wechat_article(wechat.issue_content(bulletin), language)
        if "download" in request.GET:
            name = f"LMEC-Bulletin-{bulletin.year}-{bulletin.number:02d}-{language}-wechat.html"
            return HttpResponse(
                html,
                content_type="text/html; charset=utf-8",
                headers={"Content-Disposition": f'attachment; filename="{name}"'},
            )
        context = record_page_context(
            self,
            request,
            bulletin,
            _("WeChat article: %(issue)s") % {"issue": bulletin},
            languages=[(code, LANGUAGE_NAMES[code]) for code in languages],
            language=language,
            article=html,
        )
        return TemplateResponse(request, "admin/bulletins/bulletin/wechat.html", context)
