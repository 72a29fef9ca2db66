"""Admin helpers shared by the apps."""

from django.conf import settings
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from modeltranslation.utils import build_localized_fieldname

from audit.admin import AuditedAdminMixin
from lmec.concurrency import ConcurrentEditMixin
from lmec.history_admin import HistoryAdminMixin
from lmec.storage_failures import StorageFailureAdminMixin
from lmec.translators import TranslatorFieldsMixin, TranslatorInlineMixin


def translated_search_fields(*field_names: str, prefix: str = "") -> list[str]:
    """Search lookups for every language version of translated fields.

    An editor searching "红树林" or "mangrove" finds the record whichever language
    the words are stored in.
    """
    return [
        prefix + build_localized_fieldname(name, code)
        for name in field_names
        for code, _label in settings.LANGUAGES
    ]


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
