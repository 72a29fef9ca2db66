"""The editors' desk: the admin of every record, built on the framework in editorial/
(EditorialAdmin, history, concurrency, translators). Django's admin autodiscovery imports
this package; each module registers the admin of one app's models."""

from editorial.admin import (  # noqa: F401
    accounts,
    audit,
    bulletins,
    events,
    mailings,
    partners,
    topics,
)
