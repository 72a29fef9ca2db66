"""Partners, events and topics: whether readers see them, what changed since, and the
buttons a publisher uses to publish (or unpublish) one on its own."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from publishing import registry, services
from publishing.selectors import editions_mentioning

PUBLISH = "bulletins.publish_bulletin"


def public_state(obj) -> str:
    copy = registry.public_copy(obj)
    if copy is None:
        return _("not public")
    if registry.has_pending_changes(obj, copy):
        return _("public · changes pending")
    return _("public")


class PublicRecordAdminMixin:
    """For the admins of registry records: the "Publication" box and its buttons."""

    change_form_template = "admin/editorial/public_record_change_form.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/publication/<str:action>/",
                self.admin_site.admin_view(self.publication_view),
                name="{}_{}_publication".format(*info),
            ),
            *super().get_urls(),
        ]

    @property
    def _info(self):
        return self.opts.app_label, self.opts.model_name

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            copy = registry.public_copy(obj)
            url_name = "admin:{}_{}_publication".format(*self._info)
            context.update(
                public_state=public_state(obj),
                public_since=copy.published_at if copy else None,
                public_changes=registry.pending_changes(obj) if copy else [],
                publish_url=reverse(url_name, args=[obj.pk, "publish"]),
                unpublish_url=reverse(url_name, args=[obj.pk, "unpublish"]) if copy else None,
                may_publish=request.user.has_perm(PUBLISH),
                mentioned_in=editions_mentioning(obj),
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_change(self, request, obj):
        response = super().response_change(request, obj)
        if registry.has_pending_changes(obj):
            self.message_user(
                request,
                _("Readers still see the published version: your changes wait for a publisher."),
                messages.WARNING,
            )
        return response

    def publication_view(self, request, object_id, action):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.get_object(request, unquote(object_id))
        if obj is None or action not in ("publish", "unpublish"):
            raise Http404
        change_url = reverse("admin:{}_{}_change".format(*self._info), args=[obj.pk])
        try:
            if action == "publish":
                services.record_publish(obj=obj, user=request.user)
                messages.success(request, _("“%(record)s” is public.") % {"record": obj})
            else:
                services.record_unpublish(obj=obj, user=request.user)
                messages.success(request, _("“%(record)s” is no longer public.") % {"record": obj})
        except PermissionDenied as error:
            messages.error(request, str(error))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(change_url)

    def get_list_display(self, request):
        return [*super().get_list_display(request), "publication"]

    def publication(self, obj):
        return public_state(obj)

    publication.short_description = gettext_lazy("publication")
