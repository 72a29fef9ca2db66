"""Two editors on one record: their changes are merged, and a real conflict is theirs to settle.

The change form carries, signed, the value of every field it shows (the record's and its
inline rows', nested ones included) as the browser got them. On save, the record and its
rows are locked and shown again as a fresh form, and each field the editor posts is
judged by three values: as loaded, as posted, as stored now.

- Nobody else changed it: the editor's value is saved.
- Someone else changed it and this editor did not: theirs is kept (merged).
- Both changed it, to the same value: nothing to settle.
- Both changed it, differently: a conflict. The save is refused and the page shows both
  values side by side, with a choice for each; saving again keeps what was chosen.

A row someone else deleted is dropped from the form unless this editor changed it, which
is a conflict too (keep it as a new row, or let it go). Rows someone else added stay. The
page also says who else has the record open (``presence.py``).
"""

import datetime
import re
from dataclasses import dataclass, field

from django.contrib.admin.utils import unquote
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit import revisions
from editorial import presence

FIELD = "_loaded_state"
CHOICE = "_keep"  # _keep:<field key> = "mine" or "theirs"
SALT = "editorial.concurrency.loaded-state"
ROW_KEY = re.compile(r"^(?P<prefix>.+)-(?P<index>\d+)-(?P<name>[^-]+)$")


@dataclass
class Conflict:
    key: str  # the field's name in the posted form ("viewpoints-2-statement_en")
    label: str
    mine: str
    theirs: str
    deleted: bool = False  # the whole row, deleted by someone else


@dataclass
class Merge:
    data: QueryDict
    conflicts: list[Conflict] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)  # labels of fields taken from others
    editors: list[str] = field(default_factory=list)


def _text(value) -> str:
    return str(value).replace("\r\n", "\n")


def _posted(bound_field) -> list[str]:
    """What the browser posts back for a field it was given, as sorted strings."""
    value = bound_field.value()
    if isinstance(value, list | tuple):
        return sorted(_text(item) for item in value)
    if value is None:
        return [""]
    if isinstance(value, bool):
        return ["on"] if value else []
    formatted = bound_field.field.widget.format_value(value)
    return ["" if formatted is None else _text(formatted)]


class FormValues:
    """The fields of a change form as a browser gets them, keyed so that they survive rows
    moving: the record's by name, an inline row's by the path of its formsets and ids,
    "articles:12/viewpoints:40:statement_en"; "articles:12:" stands for the row itself."""

    def __init__(self, admin, request, obj, *, form=None, formsets=None):
        """``form`` and ``formsets``: the page's own, when it shows ``obj`` as stored."""
        self.values: dict[str, list[str]] = {}
        self.labels: dict[str, str] = {}
        self.fields: dict[str, object] = {}  # the form field, to show a value in words
        self.row_names: dict[str, str] = {}  # formset name → verbose name of its rows
        if form is None:
            form = admin.get_form(request, obj, change=True)(instance=obj)
            formsets = admin.unbound_formsets(request, obj)
        self._add_form(form, "", "")
        for formset in formsets:
            self._add_formset(formset, "", "")

    def _add_form(self, form, key_prefix, row_label, skip=()):
        for name, form_field in form.fields.items():
            if form_field.disabled or name in ("id", "DELETE", *skip):
                continue
            bound = form[name]
            key = f"{key_prefix}{name}"
            self.values[key] = _posted(bound)
            self.fields[key] = form_field
            label = str(bound.label)
            self.labels[key] = f"{row_label}: {label}" if row_label else str(capfirst(label))

    def _add_formset(self, formset, path, parent_label):
        opts = formset.model._meta
        name = formset_name(formset)
        self.row_names[name] = str(capfirst(opts.verbose_name))
        for number, form in enumerate(formset.initial_forms, start=1):
            row = f"{capfirst(opts.verbose_name)} {number}"
            row = f"{parent_label}, {row}" if parent_label else row
            row_path = f"{path}{name}:{form.instance.pk}"
            self.values[f"{row_path}:"] = []  # the row itself: it exists
            self.labels[f"{row_path}:"] = row
            self._add_form(form, f"{row_path}:", row, skip=(formset.fk.name,))
            for nested in getattr(form, "nested_formsets", ()):
                self._add_formset(nested, f"{row_path}/", row)


def formset_name(formset) -> str:
    """A formset's name in its parent row ("viewpoints"), or its prefix at the top."""
    return getattr(formset, "nested_name", "") or formset.prefix


class PostedRows:
    """Where the saved rows stand in the posted data: {(formset prefix, pk): index}."""

    def __init__(self, data):
        self.data = data
        self.index = {}
        for name, value in data.items():
            match = ROW_KEY.match(name)
            if match and match["name"] == "id" and value:
                self.index[match["prefix"], value] = int(match["index"])

    def path_of(self, prefix: str, pk: str) -> str:
        """ "articles-0-viewpoints", "40" → "articles:12/viewpoints:40"."""
        parent = re.match(r"^(?P<prefix>.+)-(?P<index>\d+)-(?P<name>[^-]+)$", prefix)
        if not parent:
            return f"{prefix}:{pk}"
        parent_pk = self.data.get(f"{parent['prefix']}-{parent['index']}-id", "")
        return f"{self.path_of(parent['prefix'], parent_pk)}/{parent['name']}:{pk}"

    def row_prefix(self, path: str) -> str | None:
        """ "articles:12/viewpoints:40" → "articles-0-viewpoints-3-", as this page numbers them."""
        prefix = ""
        for step in path.split("/"):
            name, pk = step.rsplit(":", 1)
            formset_prefix = f"{prefix}{name}"
            index = self.index.get((formset_prefix, pk))
            if index is None:
                return None
            prefix = f"{formset_prefix}-{index}-"
        return prefix

    def posted_key(self, key: str) -> str | None:
        path, sep, name = key.rpartition(":")
        if not sep:
            return key
        prefix = self.row_prefix(path)
        return None if prefix is None else f"{prefix}{name}"


class ConcurrentEditMixin:
    change_form_template = "admin/editorial/change_form.html"

    def unbound_formsets(self, request, obj):
        """The inline formsets of ``obj``'s change form as a GET shows them, with the
        prefixes the admin gives them, whatever the request."""
        formsets, seen = [], {}
        for formset_class, inline in self.get_formsets_with_inlines(request, obj):
            prefix = formset_class.get_default_prefix()
            seen[prefix] = seen.get(prefix, 0) + 1
            if seen[prefix] != 1 or not prefix:
                prefix = f"{prefix}-{seen[prefix]}"
            formsets.append(
                formset_class(instance=obj, prefix=prefix, queryset=inline.get_queryset(request))
            )
        return formsets

    def loaded_state_token(self, request, obj, **forms) -> str:
        values = FormValues(self, request, obj, **forms).values
        return signing.dumps(
            {"at": timezone.now().isoformat(), "values": values}, salt=SALT, compress=True
        )

    # Who else is editing.

    def get_urls(self):
        from django.urls import path

        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/presence/",
                self.admin_site.admin_view(self.presence_view),
                name="{}_{}_presence".format(*info),
            ),
            *super().get_urls(),
        ]

    def presence_view(self, request, object_id):
        """The page's refresh of its presence (POST), or its goodbye (POST leave=1)."""
        from django.http import HttpResponseNotAllowed, JsonResponse
        from django.shortcuts import get_object_or_404

        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = get_object_or_404(self.get_queryset(request), pk=unquote(object_id))
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        if request.POST.get("leave"):
            presence.presence_end(user=request.user, obj=obj)
            return JsonResponse({"others": ""})
        presence.presence_refresh(user=request.user, obj=obj)
        others = presence.others_editing(user=request.user, obj=obj)
        return JsonResponse({"others": presence.describe(others)})

    # Locking.

    def get_object(self, request, object_id, from_field=None):
        if request.method == "POST" and transaction.get_connection().in_atomic_block:
            self._lock(request, unquote(object_id))
        return super().get_object(request, object_id, from_field)

    def get_object_unlocked(self, request, object_id):
        """The record, its rows not locked: for views whose service locks what it writes
        (the workflow's transitions), which would otherwise load every inline form to lock
        rows they never write."""
        return super().get_object(request, object_id)

    def _lock(self, request, object_id):
        """Lock the record and its inline rows before anything of them is read."""
        if getattr(request, "_editorial_locked", None) == object_id:
            return
        try:
            locked = list(self.model._default_manager.select_for_update().filter(pk=object_id))
        except (ValueError, ValidationError):
            return
        if not locked:
            return
        request._editorial_locked = object_id
        for inline in self.get_inline_instances(request, locked[0]):
            formset = inline.get_formset(request, locked[0])
            list(
                formset.model._default_manager.select_for_update()
                .filter(**{formset.fk.name: locked[0]})
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            for _name, nested_inline, nested_formset in getattr(formset, "nested", ()):
                # The rows nested in those rows (an article's viewpoints), by their parent's parent.
                lookup = f"{nested_formset.fk.name}__{formset.fk.name}"
                list(
                    nested_inline.model._default_manager.select_for_update(of=("self",))
                    .filter(**{lookup: locked[0]})
                    .order_by("pk")
                    .values_list("pk", flat=True)
                )

    # Merging.

    def _changeform_view(self, request, object_id, form_url, extra_context):
        if request.method == "POST" and object_id and FIELD in request.POST:
            obj = self.get_object(request, unquote(object_id))
            if obj is not None:
                try:
                    request._editorial_merge = self.merge(request, obj)
                except signing.BadSignature:
                    request._editorial_merge = None
                else:
                    request.POST = request._editorial_merge.data
        return super()._changeform_view(request, object_id, form_url, extra_context)

    def merge(self, request, obj) -> Merge:
        loaded = signing.loads(request.POST[FIELD], salt=SALT)
        before = loaded["values"]
        now = FormValues(self, request, obj)
        merge = Merge(data=request.POST.copy())
        data = merge.data
        rows = PostedRows(data)
        for key, theirs in now.values.items():
            posted_key = rows.posted_key(key)
            if posted_key is None or key not in before or key.endswith(":"):
                continue
            multiple = len(theirs) != 1 or len(before[key]) != 1
            mine = sorted(_text(v) for v in data.getlist(posted_key))
            if not mine and not multiple and posted_key not in data:
                continue  # not posted: nothing of this editor's to merge
            if not multiple and not mine:
                mine = [""]
            loaded_value, choice = before[key], data.get(f"{CHOICE}{posted_key}")
            if mine == theirs:
                continue
            if choice == "theirs":  # settled on the page that showed the conflict
                data.setlist(posted_key, theirs)
            elif theirs == loaded_value:
                continue
            elif mine == loaded_value:
                data.setlist(posted_key, theirs)
                merge.merged.append(now.labels[key])
            elif choice != "mine":
                merge.conflicts.append(
                    Conflict(
                        key=posted_key,
                        label=now.labels[key],
                        mine=_in_words(now.fields[key], mine),
                        theirs=_in_words(now.fields[key], theirs),
                    )
                )
        self._rows_deleted_meanwhile(data, before, now, rows, merge)
        if merge.conflicts or merge.merged:
            at = datetime.datetime.fromisoformat(loaded["at"])
            since = revisions.versions_of(obj).filter(revision__date_created__gt=at)
            merge.editors = sorted(
                {str(v.revision.user) for v in since if v.revision.user is not None}
            )
        return merge

    def _rows_deleted_meanwhile(self, data, before, now, rows, merge):
        """Rows the page posts that someone else deleted since it was loaded."""
        gone = [
            (prefix, pk, rows.path_of(prefix, pk))
            for prefix, pk in sorted(rows.index, key=lambda row: -len(row[0]))  # nested first
            if f"{rows.path_of(prefix, pk)}:" not in now.values
        ]
        for prefix, pk, path in gone:
            rows = PostedRows(data)
            index = rows.index.get((prefix, pk))
            if index is None:
                continue
            row = f"{prefix}-{index}-"
            key = f"{path}:"
            # Not loaded with this page's state: the conflict was shown, so it counts as changed.
            changed = key not in before or any(
                sorted(_text(v) for v in data.getlist(rows.posted_key(other))) != value
                for other, value in before.items()
                if other.startswith(key) and other != key and rows.posted_key(other) in data
            )
            choice = data.get(f"{CHOICE}{row}")
            if data.get(f"{row}DELETE") or choice == "theirs" or not (changed or choice):
                _drop_row(data, row)
            elif choice == "mine":
                # Kept as a new row: the one it was is gone.
                data[f"{row}id"] = ""
                _make_new(data, row)
            else:
                name = path.rsplit("/", 1)[-1].rsplit(":", 1)[0]
                merge.conflicts.append(
                    Conflict(
                        key=row,
                        label=_("%(row)s, deleted by someone else")
                        % {"row": f"{now.row_names.get(name, name)} {index + 1}"},
                        mine=_("Keep it, with your changes, as a new row"),
                        theirs=_("Let it go"),
                        deleted=True,
                    )
                )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None or request.method != "POST" or FIELD not in request.POST:
            # Only forms opened in the admin carry the loaded state; scripts posting
            # their own data are not checked.
            return form
        original_clean = form.clean

        def clean(form_self):
            cleaned_data = original_clean(form_self)
            merge = getattr(request, "_editorial_merge", False)
            if merge is None:
                raise ValidationError(
                    _("This form could not be checked against the stored record. Open it again."),
                    code="concurrent_edit",
                )
            if merge and merge.conflicts:
                raise ValidationError(CONFLICT_MESSAGE, code="concurrent_edit")
            return cleaned_data

        form.clean = clean  # the class is made afresh for this request
        return form

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None:
            merge = getattr(request, "_editorial_merge", None)
            if (
                request.method == "POST"
                and FIELD in request.POST
                and not (merge and merge.conflicts)
            ):
                # Refused for another reason: what was loaded still holds.
                context["loaded_state"] = request.POST[FIELD]
            else:
                # Opened, or shown with its conflicts: what is stored now is what was loaded
                # (read again: a refused form has written the editor's values into ``obj``).
                if request.method == "POST":
                    stored = self.model._default_manager.get(pk=obj.pk)
                    context["loaded_state"] = self.loaded_state_token(request, stored)
                else:  # the page's own forms show the record as stored
                    context["loaded_state"] = self.loaded_state_token(
                        request,
                        obj,
                        form=context["adminform"].form,
                        formsets=[inline.formset for inline in context["inline_admin_formsets"]],
                    )
            if merge and merge.conflicts:
                context["concurrent_conflicts"] = merge.conflicts
                context["concurrent_editors"] = merge.editors
            context["editing_now"] = presence.describe(presence.editing_now(request, obj))
            context["presence_url"] = reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_presence", args=[obj.pk]
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_change(self, request, obj):
        merge = getattr(request, "_editorial_merge", None)
        if merge and merge.merged:
            from django.contrib import messages

            messages.info(
                request,
                _("Saved together with what %(editors)s saved meanwhile: %(fields)s.")
                % {
                    "editors": ", ".join(merge.editors) or _("someone else"),
                    "fields": "; ".join(merge.merged),
                },
            )
        return super().response_change(request, obj)


def _in_words(form_field, values: list[str]) -> str:
    """A posted value as the editor knows it: a partner's name rather than its id."""
    values = [value for value in values if value != ""]
    queryset = getattr(form_field, "queryset", None)
    if queryset is not None:
        key = getattr(form_field, "to_field_name", None) or "pk"
        found = {str(getattr(o, key)): str(o) for o in queryset.filter(**{f"{key}__in": values})}
        values = [found.get(value, value) for value in values]
    elif getattr(form_field, "choices", None):
        labels = {str(key): str(label) for key, label in form_field.choices}
        values = [labels.get(value, value) for value in values]
    else:
        values = [strip_tags(value.replace("</p>", "</p>\n")).strip() for value in values]
    return "\n".join(values) or "—"


def _renumber(data: QueryDict, prefix: str, new_index) -> None:
    """Give the rows of formset ``prefix`` in posted data the index ``new_index(old)``
    (None drops the row), nested formsets' fields included."""
    rows = re.compile(rf"^{re.escape(prefix)}-(\d+)-(.+)$")
    moved = {}
    for name in list(data.keys()):
        match = rows.match(name)
        if not match:
            continue
        values = data.getlist(name)
        del data[name]
        index = new_index(int(match[1]))
        if index is not None:
            moved[f"{prefix}-{index}-{match[2]}"] = values
    for name, values in moved.items():
        data.setlist(name, values)


def _split(row: str) -> tuple[str, int]:
    prefix, index = row.rstrip("-").rsplit("-", 1)
    return prefix, int(index)


def _drop_row(data: QueryDict, row: str):
    """Remove a saved row ("viewpoints-3-") from posted data, renumbering the others."""
    prefix, index = _split(row)
    _renumber(data, prefix, lambda i: None if i == index else i - 1 if i > index else i)
    for count in ("TOTAL_FORMS", "INITIAL_FORMS"):
        data[f"{prefix}-{count}"] = str(int(data.get(f"{prefix}-{count}", 0)) - 1)


def _make_new(data: QueryDict, row: str):
    """Turn a saved row into a new one: after the saved rows, as formsets want new ones."""
    prefix, index = _split(row)
    total = int(data.get(f"{prefix}-TOTAL_FORMS", 0))
    last = total - 1
    _renumber(data, prefix, lambda i: last if i == index else i - 1 if i > index else i)
    data[f"{prefix}-INITIAL_FORMS"] = str(int(data.get(f"{prefix}-INITIAL_FORMS", 0)) - 1)


CONFLICT_MESSAGE = gettext_lazy(
    "Someone else changed the same fields after you opened this page. Both versions are "
    "shown below: choose which to keep for each, then save again. Everything else you "
    "changed was kept."
)
