from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lmec.slugs import SlugFromTextMixin


class Topic(SlugFromTextMixin, models.Model):
    """A theme that recurs across issues and events: biodiversity, green finance, …"""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_(
            "Part of the topic's address, e.g. “biodiversity”. Made from the name when left "
            "empty; keep it once published."
        ),
    )
    description = models.TextField(_("description"), blank=True)

    slug_fallback = "topic"

    class Meta:
        ordering = ["slug"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("bulletins:topic-detail", kwargs={"slug": self.slug})

    def slug_candidates(self):
        return [self.name_en, self.name_zh_hans, self.name]
