from django.views.generic import DetailView

from events.models import Event


class EventDetailView(DetailView):
    model = Event
