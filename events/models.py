from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lmec.slugs import SlugFromTextMixin
from partners.models import Organization

END_BEFORE_START = _("The end date cannot be before the start date.")


class Event(SlugFromTextMixin, models.Model):
    """Something the center held or took part in. Events nest: a forum within a dialogue."""

    class Kind(models.TextChoices):
        SERIES = "series", _("Event series")
        ROUND_TABLE = "round_table", _("Round table")
        FORUM = "forum", _("Forum")
        PARALLEL_FORUM = "parallel_forum", _("Parallel forum")
        CONFERENCE = "conference", _("Conference")
        WORKSHOP = "workshop", _("Workshop")
        TRAINING = "training", _("Training")
        VISIT = "visit", _("Visit")
        OTHER = "other", _("Other")

    class Format(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("In person")
        HYBRID = "hybrid", _("Hybrid")

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_(
            "Part of the event's address. Made from the title when left empty; keep it once "
            "published."
        ),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("The series or dialogue this event belongs to, if any."),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(
        _("end date"), blank=True, help_text=_("Leave empty for a one-day event.")
    )
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.IN_PERSON
    )
    place = models.CharField(
        _("place"), max_length=255, blank=True, help_text=_("City and venue; empty when online.")
    )
    summary = models.TextField(_("summary"), blank=True)
    website = models.URLField(_("website"), blank=True)
    topics = models.ManyToManyField(
        "topics.Topic", verbose_name=_("topics"), blank=True, related_name="events"
    )
    organizations = models.ManyToManyField(
        Organization,
        through="EventOrganizer",
        verbose_name=_("organizations"),
        related_name="events",
    )

    slug_fallback = "event"

    class Meta:
        ordering = ["-start_date", "slug"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="event_ends_after_it_starts",
                violation_error_message=END_BEFORE_START,
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.end_date is None:
            self.end_date = self.start_date
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.start_date and not self.end_date:
            self.end_date = self.start_date
        if self.start_date and self.end_date < self.start_date:
            # Beside the end date, where the editor corrects it, not at the top of the form.
            raise ValidationError({"end_date": END_BEFORE_START})
        super().clean()

    def slug_candidates(self):
        return [self.title_en, self.title_zh_hans, self.title]


class EventOrganizer(models.Model):
    """An organization's role in an event: host (主办), co-host (联合主办), …"""

    class Role(models.TextChoices):
        HOST = "host", _("Host")
        CO_HOST = "co_host", _("Co-host")
        ORGANIZER = "organizer", _("Organizer")
        SUPPORTER = "supporter", _("Supporter")
        GUIDANCE = "guidance", _("Guidance")
        PARTICIPANT = "participant", _("Participant")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="organizer_roles"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="event_roles",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["event", "position", "pk"]
        verbose_name = _("organizer role")
        verbose_name_plural = _("organizer roles")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organization", "role"],
                name="unique_role_per_event_and_organization",
                violation_error_message=_("This organization already has this role in the event."),
            ),
        ]

    def __str__(self):
        return f"{self.organization} – {self.get_role_display()}"
