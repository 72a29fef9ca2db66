"""Publishing partners, events and topics: the copies readers see (publishing/models/registry.py).

A registry record reaches readers when an issue that mentions it is published
(``publish_records_of``), or when someone with the publish permission publishes it on its
own (``record_publish`` in publishing/services.py). Until then it is not public; later changes to it wait, as pending
changes, for the next publication. ``public_instance`` turns a published copy back into an
(unsaved) instance of the model, so that pages use the model's own methods.
"""

import json

from django.conf import settings
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit import revisions
from events.models import Event
from partners.models import Organization
from publishing.models import PublicEvent, PublicOrganization, PublicTopic
from topics.models import Topic

PUBLIC_MODELS = {Organization: PublicOrganization, Event: PublicEvent, Topic: PublicTopic}


def _json(value):
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _is(obj, model) -> bool:
    """Whether ``obj`` is a ``model``, also as a historical model of a data migration."""
    return obj._meta.label == model._meta.label


def record_data(obj) -> dict:
    """The record's fields as readers may see them, in JSON form (dates as ISO strings)."""
    # A translated field's plain name (``name``) reads the active language's text: in the
    # site's language, so that a publisher's interface language changes nothing.
    with translation.override(settings.LANGUAGE_CODE):
        data = serializers.serialize("python", [obj])[0]["fields"]
    if _is(obj, Event):
        data["roles"] = [
            [role.organization_id, role.role, role.position]
            for role in obj.organizer_roles.order_by("position", "pk")
        ]
    return _json(data)


def public_columns(obj, data: dict) -> dict:
    """The published copy's columns that public pages filter and sort by."""
    columns = {"slug": obj.slug, "data": data}
    if _is(obj, Organization):
        columns |= {"kind": obj.kind, "country": str(obj.country or ""), "parent_id": obj.parent_id}
    elif _is(obj, Event):
        columns |= {
            "parent_id": obj.parent_id,
            "start_date": obj.start_date,
            "end_date": obj.end_date or obj.start_date,
            "topic_ids": sorted(data.get("topics", [])),
            "organization_ids": sorted({role[0] for role in data["roles"]}),
        }
    return columns


def public_copy(obj):
    """The published copy of a registry record, or None."""
    return PUBLIC_MODELS[type(obj)].objects.filter(pk=obj.pk).first()


def public_instance(copy):
    """The record as it was published: an unsaved instance of its model."""
    model = next(model for model, public in PUBLIC_MODELS.items() if isinstance(copy, public))
    fields = {name: value for name, value in copy.data.items() if name != "roles"}
    item = next(
        serializers.deserialize(
            "python",
            [{"model": model._meta.label_lower, "pk": copy.pk, "fields": fields}],
            ignorenonexistent=True,
        )
    )
    instance = item.object
    instance.published_roles = copy.data.get("roles", [])
    instance.published_topic_ids = fields.get("topics", [])
    return instance


def has_pending_changes(obj, copy=None) -> bool:
    copy = copy if copy is not None else public_copy(obj)
    return copy is not None and copy.data != record_data(obj)


def pending_changes(obj) -> list:
    """What changed in the record since it was published, field by field (as history shows)."""
    copy = public_copy(obj)
    if copy is None:
        return []
    model = type(obj)
    attnames = {field.name: field.attname for field in model._meta.get_fields() if field.concrete}
    before = {attnames.get(name, name): value for name, value in copy.data.items()}
    after = {attnames.get(name, name): value for name, value in record_data(obj).items()}
    key = (model, str(obj.pk))
    return revisions.compare(
        {key: revisions.RecordState(model, str(public_instance(copy)), before)},
        {key: revisions.RecordState(model, str(obj), after)},
    )


def store_copy(obj, *, user, now):
    """Publish the record as it is now (or its changes)."""
    data = record_data(obj)
    public_model = PUBLIC_MODELS[type(obj)]
    try:
        with transaction.atomic():
            public_model.objects.update_or_create(
                pk=obj.pk,
                defaults=public_columns(obj, data) | {"published_at": now, "published_by": user},
            )
    except IntegrityError:
        raise ValidationError(
            _(
                "“%(record)s” cannot be published with the address “%(slug)s”: the published "
                "version of another record uses it. Change the slug, or publish the other "
                "record's change of address first."
            )
            % {"record": obj, "slug": obj.slug}
        ) from None


def publish_records_of(content: dict, *, user, now=None) -> list:
    """Publish the registry records an edition's content mentions that are new or changed
    (and the series and dialogues their events belong to); returns them."""
    now = now or timezone.now()
    registry = content.get("registry", {})
    wanted = [
        (Organization, registry.get("organizations", {})),
        (Event, registry.get("events", {})),
        (Topic, registry.get("topics", {})),
    ]
    published = []
    for model, records in wanted:
        queryset = model.objects.filter(pk__in=[int(pk) for pk in records])
        if model is Event:
            queryset = queryset.prefetch_related("organizer_roles", "topics")
        objects = _with_parents(model, list(queryset))
        copies = PUBLIC_MODELS[model].objects.in_bulk([obj.pk for obj in objects])
        for obj in objects:
            copy = copies.get(obj.pk)
            if copy is None or has_pending_changes(obj, copy):
                store_copy(obj, user=user, now=now)
                published.append(obj)
            if model is Event:
                # An event's page names its organizers and topics: they go public with it.
                published += publish_with_event(obj, user=user, now=now)
    return published


def _with_parents(model, records):
    seen = {record.pk for record in records}
    for record in records:
        parent = getattr(record, "parent", None)
        while parent is not None and parent.pk not in seen:
            records.append(parent)
            seen.add(parent.pk)
            parent = parent.parent
    return records


def publish_missing(model, pks, *, user, now) -> list:
    """Publish those of these records that were never published."""
    public = set(PUBLIC_MODELS[model].objects.filter(pk__in=pks).values_list("pk", flat=True))
    missing = list(model.objects.filter(pk__in=set(pks) - public))
    for obj in missing:
        store_copy(obj, user=user, now=now)
    return missing


def publish_with_event(event, *, user, now) -> list:
    """An event's page names its organizers and topics: they go public with it."""
    organizations = [role.organization_id for role in event.organizer_roles.all()]
    topics = [topic.pk for topic in event.topics.all()]
    return publish_missing(Organization, organizations, user=user, now=now) + publish_missing(
        Topic, topics, user=user, now=now
    )


def delete_copy(obj) -> None:
    """Readers no longer see the record."""
    PUBLIC_MODELS[type(obj)].objects.filter(pk=obj.pk).delete()
