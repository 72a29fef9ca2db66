"""Admin helpers shared by the apps."""

from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from audit.admin import AuditedAdminMixin
from lmec.concurrency import ConcurrentEditMixin
from lmec.history_admin import HistoryAdminMixin
from lmec.storage_failures import StorageFailureAdminMixin
from lmec.translators import TranslatorFieldsMixin, TranslatorInlineMixin


class EditorialAdmin(
    StorageFailureAdminMixin,
    AuditedAdminMixin,
    TranslatorFieldsMixin,
    ConcurrentEditMixin,
    HistoryAdminMixin,
    TabbedTranslationAdmin,
):
    """The admin of every record editors write: language tabs, history with restore,
    the audit log, refusal of concurrent overwrites, translators limited to translations,
    a message rather than an error page when an upload cannot be stored."""


class EditorialStackedInline(TranslatorInlineMixin, TranslationStackedInline):
    pass


class EditorialTabularInline(TranslatorInlineMixin, TranslationTabularInline):
    pass
