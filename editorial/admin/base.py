"""Admin helpers shared by the apps."""

from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from editorial.admin.audit import AuditedAdminMixin
from editorial.concurrency import ConcurrentEditMixin
from editorial.error_summary import ErrorSummaryMixin
from editorial.history_admin import HistoryAdminMixin
from editorial.storage_failures import StorageFailureAdminMixin
from editorial.translators import TranslatorFieldsMixin, TranslatorInlineMixin


class EditorialAdmin(
    StorageFailureAdminMixin,
    AuditedAdminMixin,
    ErrorSummaryMixin,
    TranslatorFieldsMixin,
    ConcurrentEditMixin,
    HistoryAdminMixin,
    TabbedTranslationAdmin,
):
    """The admin of every record editors write: language tabs, history with restore,
    the audit log, refusal of concurrent overwrites, translators limited to translations,
    a message rather than an error page when an upload cannot be stored, and a refused
    form's errors listed at its top, each linked to its field."""


class EditorialStackedInline(TranslatorInlineMixin, TranslationStackedInline):
    pass


class EditorialTabularInline(TranslatorInlineMixin, TranslationTabularInline):
    pass
