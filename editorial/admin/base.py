"""Admin helpers shared by the apps."""

from django.apps import apps
from django.utils.text import capfirst
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from editorial.admin.audit import AuditedAdminMixin
from editorial.admin.lists import CheckedListAdminMixin
from editorial.concurrency import ConcurrentEditMixin
from editorial.error_summary import ErrorSummaryMixin
from editorial.history_admin import HistoryAdminMixin
from editorial.storage_failures import MissingFilesAdminMixin, StorageFailureAdminMixin
from editorial.translators import TranslatorFieldsMixin, TranslatorInlineMixin


class EditorialAdmin(
    StorageFailureAdminMixin,
    MissingFilesAdminMixin,
    CheckedListAdminMixin,
    AuditedAdminMixin,
    ErrorSummaryMixin,
    TranslatorFieldsMixin,
    ConcurrentEditMixin,
    HistoryAdminMixin,
    TabbedTranslationAdmin,
):
    """The admin of every record editors write: language tabs, history with restore,
    the audit log, refusal of concurrent overwrites, translators limited to translations,
    a message rather than an error page when an upload cannot be stored, a warning when a
    stored file is missing, lists that refuse bad filter values, and a refused form's
    errors listed at its top, each linked to its field."""

    # Records the system keeps for itself, deleted with the record they belong to: not the
    # editor's business, so the delete confirmation does not list them. The rows linking
    # many-to-many relations ("Article-topic relationship") are internal too.
    # A published version and its PDFs are listed: they are what readers lose.
    internal_models = (
        "publishing.SearchEntry",
        "publishing.Job",
        "publishing.EditionArticle",
        "publishing.EditionViewpoint",
        "publishing.EditionPage",
    )

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        internal = [apps.get_model(label)._meta for label in self.internal_models] + [
            model._meta
            for model in apps.get_models(include_auto_created=True)
            if model._meta.auto_created
        ]
        prefixes = tuple(f"{capfirst(opts.verbose_name)}: " for opts in internal)
        plural = {str(opts.verbose_name_plural) for opts in internal}
        return (
            _without_lines(deleted, prefixes),
            {name: count for name, count in counts.items() if str(name) not in plural},
            {name for name in perms_needed if name not in {str(o.verbose_name) for o in internal}},
            protected,
        )


def _without_lines(items: list, prefixes: tuple[str, ...]) -> list:
    """The nested list of what a deletion removes, less the lines that start with ``prefixes``
    (Django writes each line "Verbose name: record")."""
    kept = []
    for item in items:
        if isinstance(item, list):
            if nested := _without_lines(item, prefixes):
                kept.append(nested)
        elif not str(item).startswith(prefixes):
            kept.append(item)
    return kept


class EditorialStackedInline(TranslatorInlineMixin, TranslationStackedInline):
    pass
