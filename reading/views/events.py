"""The event list, the iCalendar feed, and an event's page: dates, place, organizers by
role, related events and the published articles reporting it or one of the events within it."""

import datetime

from django import forms
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from events.models import Event, EventOrganizer
from lmec.dates import format_year
from lmec.localized import localized
from lmec.page_cache import CacheablePageMixin, cacheable_page
from lmec.seo import PageMeta, describe, publisher_json_ld
from reading.presenters import article_texts
from reading.views.issues import published_articles


class EventViewMixin(CacheablePageMixin):
    """Public pages of the events app: stored in the anonymous page cache."""


class EventFilterForm(forms.Form):
    year = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "")] + [(year, str(year)) for year in years]


class EventListView(EventViewMixin, ListView):
    """Upcoming events first (soonest first), then past ones (latest first), by year."""

    template_name = "events/event_list.html"
    context_object_name = "events"

    def get_queryset(self):
        self.years = [day.year for day in Event.objects.dates("start_date", "year", order="DESC")]
        form = EventFilterForm(self.request.GET or None, years=self.years)
        if form.is_bound and not form.is_valid():
            raise Http404(_("There are no events in this year."))
        self.year = form.cleaned_data["year"] if form.is_bound else None
        events = Event.objects.all()
        if self.year:
            events = events.filter(start_date__year=self.year)
        return events

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        events = list(context["events"])
        upcoming = sorted((e for e in events if e.end_date >= today), key=lambda e: e.start_date)
        past = [e for e in events if e.end_date < today]
        past_by_year = {}
        for event in past:
            past_by_year.setdefault(event.start_date.year, []).append(event)
        title = (
            _("Events of %(year)s") % {"year": format_year(self.year)} if self.year else _("Events")
        )
        context.update(
            year=self.year,
            years=self.years,
            upcoming=upcoming,
            past_by_year=list(past_by_year.items()),
            meta=PageMeta(
                title=title,
                description=_("Events the center held or took part in, upcoming and past."),
            ),
        )
        return context


@cacheable_page
def calendar(request):
    """Every event as iCalendar (RFC 5545), in the language of the URL."""
    calendar = Calendar()
    calendar.add("prodid", "-//LMEC//Bulletins//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("Events of the Lancang-Mekong Environmental Cooperation Center"))
    calendar.add("x-wr-timezone", "Asia/Shanghai")
    stamp = timezone.now()
    host = request.get_host().split(":")[0]
    for event in Event.objects.all():
        entry = CalendarEvent()
        entry.add("uid", f"event-{event.pk}@{host}")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", event.start_date)
        # DTEND of an all-day event is the day after it ends.
        entry.add("dtend", event.end_date + datetime.timedelta(days=1))
        entry.add("summary", localized(event, "title"))
        if summary := localized(event, "summary"):
            entry.add("description", describe(summary, 1000))
        location = localized(event, "place") or (
            _("Online") if event.format == Event.Format.ONLINE else ""
        )
        if location:
            entry.add("location", location)
        entry.add("url", request.build_absolute_uri(event.get_absolute_url()))
        calendar.add_component(entry)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="lmec-events-{get_language()}.ics"'
    return response


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
