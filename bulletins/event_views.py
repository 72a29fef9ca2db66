"""An event's page: dates, place, organizers by role, related events and the published
articles reporting it or one of the events within it. Served by the bulletins app because it shows articles; events
does not import bulletins. Its URL stays events:detail (see bulletins/urls.py).
"""

from django.db.models import Q
from django.views.generic import DetailView

from bulletins.presenters import article_texts
from bulletins.views import published_articles
from events.models import Event, EventOrganizer
from lmec.localized import localized
from lmec.page_cache import CacheablePageMixin
from lmec.seo import PageMeta, describe, publisher_json_ld

ATTENDANCE_MODES = {
    Event.Format.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    Event.Format.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    Event.Format.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


class EventDetailView(CacheablePageMixin, DetailView):
    template_name = "events/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return Event.objects.select_related("parent")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        roles = list(event.organizer_roles.select_related("organization"))
        by_role = {role: [] for role, _label in EventOrganizer.Role.choices}
        for role in roles:
            by_role[role.role].append(role.organization)
        title = localized(event, "title")
        summary = localized(event, "summary")
        place = localized(event, "place")
        context.update(
            title=title,
            summary=summary,
            place=place,
            organizers=[
                (label, by_role[role])
                for role, label in EventOrganizer.Role.choices
                if by_role[role]
            ],
            children=event.children.order_by("start_date", "slug"),
            topics=event.topics.all(),
            articles=[
                article_texts(article)
                # A series is reported through its events too: the round table of a week.
                for article in published_articles().filter(Q(event=event) | Q(event__parent=event))
            ],
            meta=PageMeta(
                title=title,
                description=describe(summary) or title,
                json_ld=self.json_ld(event, title, summary, place, roles),
            ),
        )
        return context

    def json_ld(self, event, title, summary, place, roles):
        request = self.request
        url = request.build_absolute_uri(event.get_absolute_url())
        if event.format == Event.Format.ONLINE:
            location = {"@type": "VirtualLocation", "url": event.website or url}
        else:
            location = {"@type": "Place", "name": place or title, "address": place or title}
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "@id": url,
            "url": url,
            "name": title,
            "startDate": event.start_date,
            "endDate": event.end_date,
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": ATTENDANCE_MODES[event.format],
            "location": location,
            "organizer": [
                {
                    "@type": "Organization",
                    "name": localized(role.organization, "name"),
                    "url": request.build_absolute_uri(role.organization.get_absolute_url()),
                }
                for role in roles
                if role.role in (EventOrganizer.Role.HOST, EventOrganizer.Role.CO_HOST)
            ]
            or [publisher_json_ld(request)],
        }
        if summary:
            data["description"] = describe(summary, 300)
        if event.parent_id:
            data["superEvent"] = {
                "@type": "Event",
                "name": localized(event.parent, "title"),
                "url": request.build_absolute_uri(event.parent.get_absolute_url()),
            }
        return data
