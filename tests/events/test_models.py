import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from events.models import Event, EventOrganizer
from tests.factories import EventFactory, EventOrganizerFactory


@pytest.mark.django_db
def test_an_event_cannot_end_before_it_starts():
    event = EventFactory.build(
        start_date=datetime.date(2020, 7, 30), end_date=datetime.date(2020, 7, 29)
    )

    with pytest.raises(ValidationError, match="end date cannot be before the start date"):
        event.full_clean()


@pytest.mark.django_db
def test_the_database_refuses_an_event_ending_before_it_starts():
    event = EventFactory()
    event.end_date = event.start_date - datetime.timedelta(days=1)

    with pytest.raises(IntegrityError):
        event.save()


@pytest.mark.django_db
def test_a_one_day_event_ends_on_its_start_date():
    event = EventFactory.build(start_date=datetime.date(2020, 3, 26), end_date=None)

    event.full_clean()
    event.save()

    assert Event.objects.get(pk=event.pk).end_date == datetime.date(2020, 3, 26)


@pytest.mark.django_db
def test_events_nest():
    dialogue = EventFactory(kind=Event.Kind.ROUND_TABLE)
    forum = EventFactory(kind=Event.Kind.PARALLEL_FORUM, parent=dialogue)

    assert list(dialogue.children.all()) == [forum]


@pytest.mark.django_db
def test_an_organization_has_a_role_once_per_event():
    role = EventOrganizerFactory(role=EventOrganizer.Role.HOST)
    duplicate = EventOrganizer(
        event=role.event, organization=role.organization, role=EventOrganizer.Role.HOST
    )

    with pytest.raises(ValidationError, match="already has this role"):
        duplicate.full_clean()


@pytest.mark.django_db
def test_organizer_roles_keep_their_order():
    event = EventFactory()
    second = EventOrganizerFactory(event=event, position=2, role=EventOrganizer.Role.SUPPORTER)
    first = EventOrganizerFactory(event=event, position=1, role=EventOrganizer.Role.GUIDANCE)

    assert list(event.organizer_roles.all()) == [first, second]
