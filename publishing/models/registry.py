"""Partners, events and topics as readers see them.

Editors change the registry's records at any time; readers see a record only once it is
published, and as it was then: a copy of its fields (``data``) made by
publishing/registry.py when an issue that uses it is published, or when a publisher
publishes the record on its own. A record created by an import or while drafting has no
copy, so it is not public. The columns beside ``data`` are those the public pages filter
and sort by.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PublicRecord(models.Model):
    data = models.JSONField(_("published fields"), encoder=DjangoJSONEncoder)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.slug


class PublicOrganization(PublicRecord):
    organization = models.OneToOneField(
        "partners.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="public",
    )
    kind = models.CharField(_("kind"), max_length=20)
    country = models.CharField(_("country"), max_length=2, blank=True)
    parent_id = models.BigIntegerField(_("part of"), null=True, blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("published partner")
        verbose_name_plural = _("published partners")


class PublicEvent(PublicRecord):
    event = models.OneToOneField(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="public",
    )
    parent_id = models.BigIntegerField(_("part of"), null=True, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    topic_ids = ArrayField(models.BigIntegerField(), default=list, verbose_name=_("topics"))
    organization_ids = ArrayField(
        models.BigIntegerField(), default=list, verbose_name=_("organizations")
    )

    class Meta:
        ordering = ["-start_date", "slug"]
        verbose_name = _("published event")
        verbose_name_plural = _("published events")
        indexes = [
            GinIndex(fields=["topic_ids"], name="public_event_topics"),
            GinIndex(fields=["organization_ids"], name="public_event_organizations"),
        ]


class PublicTopic(PublicRecord):
    topic = models.OneToOneField(
        "topics.Topic",
        verbose_name=_("topic"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="public",
    )

    class Meta:
        ordering = ["slug"]
        verbose_name = _("published topic")
        verbose_name_plural = _("published topics")
