"""The event list, the iCalendar feed, and an event's page: dates, place, organizers by
role, related events and the published articles reporting it or one of the events within
it. Events, partners and topics as published (publishing/registry.py)."""

import datetime

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from events.models import Event, EventOrganizer
from lmec.dates import format_year
from lmec.localized import localized
from lmec.page_cache import CacheablePageMixin, cacheable_page
from lmec.seo import PageMeta, describe, publisher_json_ld
from partners.models import Organization
from publishing.selectors import public_copies, published_articles
from reading.pagination import paginate
from reading.presenters import article_with_texts, partners_with_names
from reading.registry import public_records
from topics.models import Topic

ATTENDANCE_MODES = {
    Event.Format.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    Event.Format.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    Event.Format.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


class EventFilterForm(forms.Form):
    year = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "")] + [(year, str(year)) for year in years]


# Past events on the list, and articles on an event's page, at a time.
EVENTS_PER_PAGE = 30
ARTICLES_PER_PAGE = 20


class EventListView(CacheablePageMixin, TemplateView):
    """Upcoming events first (soonest first), then past ones (latest first, a page at a
    time), by year."""

    template_name = "events/event_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        copies = public_copies(Event)
        years = [day.year for day in copies.dates("start_date", "year", order="DESC")]
        form = EventFilterForm(self.request.GET or None, years=years)
        if form.is_bound and not form.is_valid():
            raise Http404(_("There are no events in this year."))
        year = form.cleaned_data["year"] if form.is_bound else None
        if year:
            copies = copies.filter(start_date__year=year)
        today = timezone.localdate()
        upcoming = public_records(copies.filter(end_date__gte=today).order_by("start_date", "slug"))
        past_pages = paginate(
            self.request,
            copies.filter(end_date__lt=today).order_by("-start_date", "slug"),
            per_page=EVENTS_PER_PAGE,
            anchor="past-heading",
        )
        past_by_year = {}
        for event in public_records(past_pages.items):
            past_by_year.setdefault(event.start_date.year, []).append(event)
        title = _("Events of %(year)s") % {"year": format_year(year)} if year else _("Events")
        context.update(
            year=year,
            years=years,
            upcoming=upcoming,
            past_by_year=list(past_by_year.items()),
            pages=past_pages,
            meta=PageMeta(
                title=title,
                description=_("Events the center held or took part in, upcoming and past."),
            ),
        )
        return context


def _calendar(request, events, *, name: str, file_name: str) -> HttpResponse:
    """``events`` (published) as iCalendar (RFC 5545), in the language of the URL."""
    calendar = Calendar()
    calendar.add("prodid", "-//LMEC//Bulletins//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Shanghai")
    stamp = timezone.now()
    host = request.get_host().split(":")[0]
    for event in events:
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
    response["Content-Disposition"] = f'inline; filename="{file_name}"'
    return response


@cacheable_page
def calendar(request):
    """Every published event: the calendar feed readers subscribe to."""
    return _calendar(
        request,
        public_records(public_copies(Event).order_by("-start_date", "slug")),
        name=_("Events of the Lancang-Mekong Environmental Cooperation Center"),
        file_name=f"lmec-events-{get_language()}.ics",
    )


@cacheable_page
def event_calendar(request, slug):
    """One event, to add to a calendar ("Add to calendar" on its page)."""
    copy = get_object_or_404(public_copies(Event), slug=slug)
    [event] = public_records([copy])
    return _calendar(
        request,
        [event],
        name=localized(event, "title"),
        file_name=f"{copy.slug}-{get_language()}.ics",
    )


class EventDetailView(CacheablePageMixin, TemplateView):
    template_name = "events/event_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        copy = get_object_or_404(public_copies(Event), slug=self.kwargs["slug"])
        event = public_records([copy])[0]
        parent = public_copies(Event).filter(pk=copy.parent_id).first()
        event.parent = public_records([parent])[0] if parent else None
        organizations = {
            organization.pk: organization
            for organization in partners_with_names(
                public_records(public_copies(Organization).filter(pk__in=copy.organization_ids))
            )
        }
        by_role = {role: [] for role, _label in EventOrganizer.Role.choices}
        for organization_id, role, _position in sorted(event.published_roles, key=lambda r: r[2]):
            if organization_id in organizations and role in by_role:
                by_role[role].append(organizations[organization_id])
        children = list(
            public_copies(Event).filter(parent_id=copy.pk).order_by("start_date", "slug")
        )
        title = localized(event, "title")
        summary = localized(event, "summary")
        place = localized(event, "place")
        # A series is reported through its events too: the round table of a week.
        article_pages = paginate(
            self.request,
            published_articles().filter(event_id__in=[copy.pk, *(c.pk for c in children)]),
            per_page=ARTICLES_PER_PAGE,
            anchor="articles-heading",
        )
        context.update(
            event=event,
            title=title,
            summary=summary,
            place=place,
            organizers=[
                (label, by_role[role])
                for role, label in EventOrganizer.Role.choices
                if by_role[role]
            ],
            children=public_records(children),
            topics=public_records(public_copies(Topic).filter(pk__in=copy.topic_ids)),
            articles=[article_with_texts(article) for article in article_pages.items],
            pages=article_pages,
            meta=PageMeta(
                title=title,
                description=describe(summary) or title,
                json_ld=self.json_ld(event, title, summary, place, by_role),
            ),
        )
        return context

    def json_ld(self, event, title, summary, place, by_role):
        request = self.request
        url = request.build_absolute_uri(event.get_absolute_url())
        if event.format == Event.Format.ONLINE:
            location = {"@type": "VirtualLocation", "url": event.website or url}
        else:
            location = {"@type": "Place", "name": place or title, "address": place or title}
        hosts = by_role[EventOrganizer.Role.HOST] + by_role[EventOrganizer.Role.CO_HOST]
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
                    "name": organization.display_name,
                    "url": request.build_absolute_uri(organization.get_absolute_url()),
                }
                for organization in hosts
            ]
            or [publisher_json_ld(request)],
        }
        if summary:
            data["description"] = describe(summary, 300)
        if event.parent is not None:
            data["superEvent"] = {
                "@type": "Event",
                "name": localized(event.parent, "title"),
                "url": request.build_absolute_uri(event.parent.get_absolute_url()),
            }
        return data
