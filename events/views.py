"""The event list and the iCalendar feed. Each event's page shows the articles reporting
it, so it is served by the bulletins app (bulletins/event_views.py)."""

import datetime

from django import forms
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import ListView
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from events.models import Event
from lmec.localized import localized
from lmec.page_cache import CacheablePageMixin, cacheable_page
from lmec.seo import PageMeta, describe


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
        title = _("Events of %(year)s") % {"year": self.year} if self.year else _("Events")
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
