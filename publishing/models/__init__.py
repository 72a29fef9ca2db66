"""What publishing keeps: the frozen editions readers read, the registry records as
published, and what is derived from editions (PDFs, search entries, prepared pages), the
preview links, the background work that follows a publication, and the subscribers who get
new issues by mail."""

from publishing.models.editions import (
    Edition,
    EditionArticle,
    EditionPage,
    EditionViewpoint,
    current_condition,
)
from publishing.models.jobs import Job
from publishing.models.mail import Delivery, Mailing, Subscriber
from publishing.models.outputs import EditionPDF, SearchEntry
from publishing.models.previews import PreviewLink
from publishing.models.registry import PublicEvent, PublicOrganization, PublicTopic

__all__ = [
    "Edition",
    "EditionArticle",
    "EditionPage",
    "EditionPDF",
    "EditionViewpoint",
    "Delivery",
    "Job",
    "Mailing",
    "PreviewLink",
    "PublicEvent",
    "PublicOrganization",
    "PublicTopic",
    "SearchEntry",
    "Subscriber",
    "current_condition",
]
