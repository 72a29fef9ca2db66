"""Admin helpers shared by the apps."""

from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from editorial.admin.audit import AuditedAdminMixin
from editorial.admin.lists import CheckedListAdminMixin
from editorial.concurrency import ConcurrentEditMixin
from editorial.history_admin import HistoryAdminMixin
from editorial.storage_failures import MissingFilesAdminMixin, StorageFailureAdminMixin
from editorial.translators import TranslatorFieldsMixin, TranslatorInlineMixin


class EditorialAdmin(
    StorageFailureAdminMixin,
    MissingFilesAdminMixin,
    CheckedListAdminMixin,
    AuditedAdminMixin,
    TranslatorFieldsMixin,
    ConcurrentEditMixin,
    HistoryAdminMixin,
    TabbedTranslationAdmin,
):
    """The admin of every record editors write: language tabs, history with restore,
    the audit log, refusal of concurrent overwrites, translators limited to translations,
    a message rather than an error page when an upload cannot be stored, a warning when a
    stored file is missing, lists that refuse bad filter values."""


class EditorialStackedInline(TranslatorInlineMixin, TranslationStackedInline):
    pass


class EditorialTabularInline(TranslatorInlineMixin, TranslationTabularInline):
    pass
