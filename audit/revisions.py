"""Revision history of the editors' records, kept with django-reversion.

Every save in the admin, every workflow step and every restore makes a revision: the
records as they were just after the change, with who made it and a comment. A model is
registered with the records that belong to it (``children``: an issue's articles, an
article's viewpoints and images) and the record it belongs to (``parent``). A revision
therefore holds the whole issue whichever part of it changed, so the issue's history
shows every change to its articles and viewpoints, and restoring an issue brings its
articles and viewpoints back exactly as they were.

This module knows no app: the editors' desk registers the models (editorial/admin/) and
shows the history (editorial/history_admin.py); restoring and recovering, with their
permission checks, are editorial/services.py. Any app may record a revision.
"""

import difflib
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError, models, transaction
from django.utils import dateformat, formats, timezone
from django.utils.html import conditional_escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from modeltranslation.translator import NotRegistered, translator
from reversion.errors import RevertError
from reversion.models import Version

from audit.models import AuditEntry


@dataclass(frozen=True)
class Registration:
    children: tuple[str, ...] = ()
    parent: str | None = None


REGISTRY: dict[type[models.Model], Registration] = {}

FORMAT = "json-exact"
serializers.register_serializer(FORMAT, "lmec.serializers")


def register(model, *, children=(), parent=None):
    """Record the history of ``model``, with the records that belong to it.

    ``children`` are reverse relations (``"articles"``) whose records are part of this
    one; ``parent`` is the foreign key (``"bulletin"``) to the record this one is part
    of. A revision made for any record of a tree holds the whole tree.
    """
    REGISTRY[model] = Registration(tuple(children), parent)
    reversion.register(model, follow=(*children, *([parent] if parent else [])), format=FORMAT)
    return model


# Walking the trees of records.


def model_of(version: Version) -> type[models.Model]:
    return ContentType.objects.get_for_id(version.content_type_id).model_class()


def _child_relations(model):
    for name in REGISTRY.get(model, Registration()).children:
        relation = model._meta.get_field(name)
        yield name, relation.related_model, relation.field.attname


def live_tree(obj: models.Model) -> list[models.Model]:
    """``obj`` and the records that belong to it, parents before children."""
    records = [obj]
    for name, _model, _fk in _child_relations(type(obj)):
        for child in getattr(obj, name).all():
            records.extend(live_tree(child))
    return records


def stored_tree(version: Version) -> list[Version]:
    """The versions of ``version``'s record and of the records that belonged to it then."""
    in_revision = list(version.revision.version_set.all())

    def walk(version):
        found = [version]
        for _name, child_model, fk in _child_relations(model_of(version)):
            children = [
                child
                for child in in_revision
                if model_of(child) is child_model and str(child.field_dict[fk]) == version.object_id
            ]
            children.sort(key=_stored_ordering(child_model))
            for child in children:
                found.extend(walk(child))
        return found

    return walk(version)


def _stored_ordering(model):
    """Sort stored versions as the model's ``Meta.ordering`` sorts records (position, id)."""
    names = [name.lstrip("-") for name in model._meta.ordering if name.lstrip("-") != "pk"]
    fields = [model._meta.get_field(name).attname for name in names]

    def key(version):
        values = [version.field_dict.get(name) for name in fields]
        return (*((value is None, value or 0) for value in values), int(version.object_id))

    return key


# Revisions.


def versions_of(obj: models.Model):
    return Version.objects.get_for_object(obj).select_related("revision__user").order_by("-pk")


def comment(message: str = "", *, action: str = "", detail: str = "", **params) -> str:
    """A revision comment shown in the language of whoever reads the history.

    Either ``message``, English text marked with ``gettext_noop`` and its ``params``, or
    an audit ``action`` with a ``detail``. Stored as JSON; ``comment_text`` translates it.
    """
    data = {"message": message, "params": params} if message else {"action": action}
    return json.dumps(data | ({"detail": detail} if detail else {}), ensure_ascii=False)


def comment_text(revision) -> str:
    """A revision's comment in the active language (admin saves' comments included)."""
    try:
        data = json.loads(revision.comment)
    except ValueError:
        data = None
    if isinstance(data, list):
        return change_message_text(revision.comment)
    if not isinstance(data, dict):
        return revision.get_comment()
    if "action" in data:
        text = str(capfirst(AuditEntry.Action(data["action"]).label))
    else:
        text = _(data["message"])
        text = text % data["params"] if data["params"] else text
    return f"{text}: {data['detail']}" if data.get("detail") else text


# A translated field's label as the admin stores it in a change message: "Headline [th]".
LABEL_WITH_LANGUAGE = re.compile(r"^(?P<label>.+) \[(?P<language>[\w-]+)\]$")


def _field_label(label: str) -> str:
    """A changed field's label, stored untranslated by the admin, in the active language.

    Django stores ``form.fields[…].label`` with translation off: "Headline [th]" for
    modeltranslation's fields, which no catalog holds; the verbose name "headline" is.
    """
    match = LABEL_WITH_LANGUAGE.match(label)
    base, language = (match["label"], f" [{match['language']}]") if match else (label, "")
    for msgid in (base, base[:1].lower() + base[1:]):
        translated = _(msgid)
        if translated != msgid:
            return capfirst(translated) + language
    return label


def change_message_text(change_message: str) -> str:
    """An admin change message ("Changed Headline [th].") in the active language."""
    from django.contrib.admin.models import LogEntry

    try:
        data = json.loads(change_message)
    except ValueError:
        return change_message
    if isinstance(data, list):
        for part in data:
            changed = part.get("changed") if isinstance(part, dict) else None
            if changed and changed.get("fields"):
                changed["fields"] = [_field_label(label) for label in changed["fields"]]
        change_message = json.dumps(data)
    return LogEntry(change_message=change_message).get_change_message()


def record_revision(obj: models.Model, *, user, comment: str):
    """Make a revision now of ``obj`` with its tree (the issue of an article); return it."""
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(comment)
        reversion.add_to_revision(obj)
    return versions_of(obj).first().revision


def ensure_baseline(obj: models.Model, *, user=None):
    """Make sure ``obj`` has a revision before it is changed, so the change can be undone.

    Records created outside the admin (demo content, an import) have none until their
    first change; this records how they were before it.
    """
    if obj.pk is not None and not Version.objects.get_for_object(obj).exists():
        record_revision(
            obj, user=user, comment=comment(gettext_noop("State before the first recorded change"))
        )


def ensure_recorded(obj: models.Model, *, user=None, why: str):
    """Make sure the latest revision of ``obj`` is how its tree is now.

    Before a restore, so that the restore itself can be undone even when the records
    were changed outside the admin since their last revision.
    """
    latest = versions_of(obj).first()
    if latest is None or compare(
        state_of_versions(stored_tree(latest)), state_of_records(live_tree(obj))
    ):
        record_revision(obj, user=user, comment=why)


def revert_tree(version: Version) -> models.Model:
    """Bring ``version``'s record and the records that belonged to it back as stored.

    Records that belong to it now but did not then are deleted; records that were
    deleted since are created again with their old ids. Optional links to records
    deleted since (an article's event, its topics) are left out, and listed in the
    returned record's ``dropped_links``. Raises ``RevertError`` when the stored state
    cannot be saved (a required record deleted since, a year and number taken by
    another issue).
    """
    model = model_of(version)
    stored = stored_tree(version)
    stored_keys = {(model_of(v), v.object_id) for v in stored}
    with transaction.atomic():
        current = model._default_manager.filter(pk=version.object_id).first()
        if current is not None:
            newer = [
                record
                for record in live_tree(current)
                if (type(record), str(record.pk)) not in stored_keys
            ]
            for record in reversed(newer):
                if type(record)._default_manager.filter(pk=record.pk).exists():
                    record.delete()
        pending = [_deserialize(v) for v in stored]
        dropped = [note for item in pending for note in _drop_dangling_links(item, stored_keys)]
        # Saving in order can collide with a unique value another stored record still
        # holds (two articles that swapped slugs): retry what failed until nothing moves.
        while pending:
            failed = []
            for item in pending:
                try:
                    with transaction.atomic():
                        item.save()
                except IntegrityError:
                    failed.append(item)
            if len(failed) == len(pending):
                raise RevertError(
                    _("The version of “%(record)s” cannot be restored: %(reason)s")
                    % {
                        "record": failed[0].object,
                        "reason": _(
                            "it refers to a record deleted since, or a record with the same "
                            "unique value exists."
                        ),
                    }
                )
            pending = failed
    restored = model._default_manager.get(pk=version.object_id)
    restored.dropped_links = dropped
    return restored


def _drop_dangling_links(item, stored_keys) -> list[str]:
    """Leave out the optional links of a stored record to records deleted since."""
    record, notes = item.object, []

    def note(model_field, pk):
        notes.append(
            _("%(record)s: %(field)s no longer links to %(target)s, deleted since.")
            % {
                "record": record,
                "field": model_field.verbose_name,
                "target": _("deleted record #%s") % pk,
            }
        )

    for model_field in record._meta.concrete_fields:
        pk = getattr(record, model_field.attname)
        if not (model_field.is_relation and model_field.null and pk is not None):
            continue
        target = model_field.related_model
        if (target, str(pk)) not in stored_keys and not target._default_manager.filter(
            pk=pk
        ).exists():
            setattr(record, model_field.attname, None)
            note(model_field, pk)
    for name, pks in (item.m2m_data or {}).items():
        model_field = record._meta.get_field(name)
        existing = set(
            model_field.related_model._default_manager.filter(pk__in=pks).values_list(
                "pk", flat=True
            )
        )
        for pk in pks:
            if pk not in existing:
                note(model_field, pk)
        item.m2m_data[name] = [pk for pk in pks if pk in existing]
    return notes


def _deserialize(version: Version):
    try:
        return next(
            serializers.deserialize(version.format, version.serialized_data, ignorenonexistent=True)
        )
    except serializers.base.DeserializationError as error:
        raise RevertError(
            _("The version of “%(record)s” cannot be read.") % {"record": version.object_repr}
        ) from error


def revision_time(version: Version) -> str:
    """When the version was saved, as history pages and messages show it."""
    return dateformat.format(timezone.localtime(version.revision.date_created), "Y-m-d H:i:s")


def deleted_versions(model):
    """The last version of each deleted record of ``model``, newest first."""
    return Version.objects.get_deleted(model).select_related("revision__user").order_by("-pk")


# Comparing.


@dataclass
class FieldChange:
    label: str
    before: SafeString
    after: SafeString


@dataclass
class RecordChange:
    kind: str  # "added", "removed", "changed"
    model_name: str
    label: str
    fields: list[FieldChange] = field(default_factory=list)

    def kind_display(self):
        return {"added": _("added"), "removed": _("removed"), "changed": _("changed")}[self.kind]


@dataclass
class RecordState:
    model: type[models.Model]
    label: str
    values: dict


def state_of_records(records) -> dict:
    """The compared state of live records: {(model, id): RecordState}."""
    state = {}
    for record in records:
        values = {}
        for model_field in _compared_fields(type(record)):
            if model_field.many_to_many:
                # .all(): the records prefetched with the tree, when they were
                values[model_field.attname] = sorted(
                    related.pk for related in getattr(record, model_field.name).all()
                )
            else:
                values[model_field.attname] = getattr(record, model_field.attname)
        state[(type(record), str(record.pk))] = RecordState(type(record), str(record), values)
    return state


def state_of_versions(versions) -> dict:
    """The compared state of stored versions: {(model, id): RecordState}."""
    state = {}
    for version in versions:
        model = model_of(version)
        stored = version.field_dict
        values = {}
        for model_field in _compared_fields(model):
            value = stored.get(model_field.attname)
            values[model_field.attname] = sorted(value or []) if model_field.many_to_many else value
        state[(model, version.object_id)] = RecordState(model, _label(version), values)
    return state


def _label(version: Version) -> str:
    """How the stored record names itself in the active language, as it was stored."""
    try:
        return str(_deserialize(version).object)
    except (ObjectDoesNotExist, RevertError):
        return version.object_repr


def compare(before: dict, after: dict, *, ignore: dict | None = None) -> list[RecordChange]:
    """What changed from one state to the other, record by record and field by field.

    ``ignore`` maps models to the names of fields left out of the comparison.
    """
    ignore = ignore or {}
    related = _related_records(before, after)
    changes = []
    for key in [*after, *(key for key in before if key not in after)]:
        old, new = before.get(key), after.get(key)
        model = (new or old).model
        kind = "added" if old is None else "removed" if new is None else "changed"
        fields = []
        for model_field in _compared_fields(model):
            if model_field.name in ignore.get(model, ()):
                continue
            name = model_field.attname
            old_value = old.values.get(name) if old else None
            new_value = new.values.get(name) if new else None
            if _normalized(old_value) == _normalized(new_value):
                continue
            before_html, after_html = _side_by_side(
                display_value(model_field, old_value, related),
                display_value(model_field, new_value, related),
            )
            fields.append(FieldChange(capfirst(model_field.verbose_name), before_html, after_html))
        if fields or kind != "changed":
            label = (new or old).label
            changes.append(RecordChange(kind, capfirst(model._meta.verbose_name), label, fields))
    return changes


def _compared_fields(model):
    """The fields an editor sets: not ids, timestamps, the tree's own link, or the
    language-neutral copies modeltranslation keeps beside the per-language fields."""
    try:
        translated = set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        translated = set()
    parent = REGISTRY.get(model, Registration()).parent
    return [
        model_field
        for model_field in [*model._meta.concrete_fields, *model._meta.many_to_many]
        if not model_field.primary_key
        and model_field.name not in translated
        and model_field.name != parent
        and not getattr(model_field, "auto_now", False)
        and not getattr(model_field, "auto_now_add", False)
    ]


def _normalized(value):
    return None if value in (None, "", []) else value


def _related_records(*states) -> dict:
    """The records the states' relations point to, {model: {pk: record}}: one query per
    related model, however many records the states hold."""
    wanted = defaultdict(set)
    for state in states:
        for record in state.values():
            for model_field in _compared_fields(record.model):
                value = record.values.get(model_field.attname)
                if model_field.is_relation and _normalized(value) is not None:
                    wanted[model_field.related_model].update(_pks(model_field, value))
    return {model: model._default_manager.in_bulk(list(pks)) for model, pks in wanted.items()}


def _pks(model_field, value) -> list:
    """The primary keys a relation's value names, as the related model's keys."""
    to_python = model_field.related_model._meta.pk.to_python
    return [to_python(pk) for pk in (value if model_field.many_to_many else [value])]


def display_value(model_field, value, related: dict | None = None) -> str:
    """A stored value as an editor reads it. ``related``: the related records, fetched
    ahead ({model: {pk: record}}); otherwise each relation is looked up."""
    if _normalized(value) is None:
        return ""
    if model_field.is_relation:
        model = model_field.related_model
        pks = _pks(model_field, value)
        known = (related or {}).get(model)
        if known is None:
            known = model._default_manager.in_bulk(pks)
        return ", ".join(str(known.get(pk, _("deleted record #%s") % pk)) for pk in pks)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return formats.localize(timezone.localtime(value))
    if isinstance(value, date):
        return formats.localize(value)
    if isinstance(value, str) and "<" in value:
        return strip_tags(value.replace("</p>", "</p>\n")).strip()
    return str(value)


_TOKENS = re.compile(r"[A-Za-z0-9'’_-]+|\s+|.", re.DOTALL)


def _side_by_side(before: str, after: str) -> tuple[SafeString, SafeString]:
    """Both texts as HTML, with what was taken out in <del> and what was put in in <ins>.

    Latin words and single Chinese, Thai or other characters are the units compared.
    """
    old, new = _TOKENS.findall(before), _TOKENS.findall(after)
    old_html, new_html = [], []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        removed = conditional_escape("".join(old[i1:i2]))
        added = conditional_escape("".join(new[j1:j2]))
        if op == "equal":
            old_html.append(removed)
            new_html.append(added)
            continue
        if removed:
            old_html.append(f"<del>{removed}</del>")
        if added:
            new_html.append(f"<ins>{added}</ins>")
    # Every piece was escaped above.
    return mark_safe("".join(old_html)), mark_safe("".join(new_html))
