from django.contrib import admin

from audit import revisions
from editorial.admin.base import EditorialAdmin
from editorial.admin.publication import PublicRecordAdminMixin
from editorial.ordering import PositionedInlineFormSet
from events.models import Event, EventOrganizer
from lmec.localized import translated_search_fields

revisions.register(Event, children=["organizer_roles"])
revisions.register(EventOrganizer, parent="event")


class EventOrganizerInline(admin.TabularInline):
    model = EventOrganizer
    formset = PositionedInlineFormSet
    autocomplete_fields = ["organization"]
    fields = ["position", "organization", "role"]
    extra = 1


@admin.register(Event)
class EventAdmin(PublicRecordAdminMixin, EditorialAdmin):
    list_display = ["title", "kind", "start_date", "end_date", "format", "parent"]
    list_filter = ["kind", "format", "topics", "organizer_roles__organization__kind"]
    date_hierarchy = "start_date"
    search_fields = [*translated_search_fields("title", "place"), "slug"]
    autocomplete_fields = ["parent", "topics"]
    inlines = [EventOrganizerInline]
    fields = [
        "title",
        "slug",
        "kind",
        "parent",
        ("start_date", "end_date"),
        "format",
        "place",
        "summary",
        "website",
        "topics",
    ]
