"""Mail to staff about the workflow: the publishers hear when an issue awaits review.

Sent by a worker (publishing/pipeline.py), never in the editor's request: a slow or
stopped mail server delays the mail, not the save, and a failed send is retried and shown
to staff like any background work. It goes out as the issues to subscribers do
(publishing/mail/transport.py): one publisher's address refused does not keep the others
from their mail. Staff read Chinese or English, so the mail has both.
"""

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from bulletins.models import Bulletin
from publishing.mail.transport import send_each
from publishing.pdf.document import site_url

logger = logging.getLogger(__name__)


def publishers():
    """Active staff who may publish and have an e-mail address."""
    permission = Permission.objects.get(codename="publish_bulletin")
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .exclude(email="")
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions=permission)
            | Q(user_permissions=permission)
        )
        .distinct()
        .order_by("pk")
    )


def tell_publishers_review_awaits(*, bulletin_id: int, submitted_by_id: int | None, message: str):
    """Mail each publisher (but the one who submitted) that the issue awaits review."""
    bulletin = Bulletin.objects.filter(pk=bulletin_id).first()
    if bulletin is None:
        return  # deleted meanwhile
    submitter = get_user_model().objects.filter(pk=submitted_by_id).first()
    labels = {}
    for key, language in (("zh", "zh-hans"), ("en", "en")):
        with translation.override(language):
            labels[key] = bulletin.label
    context = {
        "labels": labels,
        "submitter": (submitter.get_full_name() or submitter.get_username()) if submitter else "",
        "message": message,
        "changes": bulletin.status == Bulletin.Status.PUBLISHED,
        "url": site_url(reverse("admin:bulletins_bulletin_change", args=[bulletin.pk])),
    }
    subject = f"[LMEC] 待审核：{labels['zh']} / Awaiting review: {labels['en']}"
    body = render_to_string("publishing/mail/awaiting_review.txt", context)
    mails = [
        EmailMessage(subject, body, to=[user.email])
        for user in publishers().exclude(pk=submitted_by_id)
    ]
    for mail, refusal in send_each(mails):
        if refusal is not None:
            logger.warning("The review notice to %s was refused: %s", mail.to[0], refusal)
