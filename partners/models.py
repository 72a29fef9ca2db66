from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from lmec import renditions
from lmec.localized import translated_search_fields
from lmec.slugs import SlugFromTextMixin
from lmec.validators import validate_image_upload


class OrganizationQuerySet(models.QuerySet):
    def matching_name(self, name: str):
        """Organizations whose name, short name or an alias is exactly ``name``.

        Every language version counts, and case is ignored: "WWF", "wwf",
        "世界自然基金会" and "World Wide Fund for Nature" find the same partner.
        """
        name = name.strip()
        condition = Q(aliases__name__iexact=name)
        for field in translated_search_fields("name", "short_name"):
            condition |= Q(**{f"{field}__iexact": name})
        return self.filter(condition).distinct()


class Organization(SlugFromTextMixin, models.Model):
    """A partner: an international organization, NGO, ministry, university, …"""

    class Kind(models.TextChoices):
        INTERNATIONAL = "international", _("International organization")
        NGO = "ngo", _("NGO or foundation")
        GOVERNMENT = "government", _("Government body")
        RESEARCH = "research", _("Research institute or university")
        COMPANY = "company", _("Company")
        OTHER = "other", _("Other")

    name = models.CharField(
        _("name"), max_length=255, help_text=_("The full official name in each language.")
    )
    short_name = models.CharField(
        _("short name"),
        max_length=60,
        blank=True,
        help_text=_("Acronym or short form used in running text, e.g. “WWF”, “儿基会”."),
    )
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    country = CountryField(
        _("country"),
        blank=True,
        help_text=_("Where it is based; leave empty for international organizations."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="units",
        help_text=_("The ministry a department belongs to, the university of a school, …"),
    )
    website = models.URLField(_("website"), blank=True)
    logo = renditions.ImageField(
        _("logo"),
        upload_to="partners/logos/",
        blank=True,
        validators=[validate_image_upload],
        help_text=_("JPEG, PNG, GIF or WebP."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_(
            "Part of the partner's address, e.g. “wwf”. Made from the name when left empty; "
            "keep it once published."
        ),
    )

    objects = OrganizationQuerySet.as_manager()

    slug_fallback = "organization"

    class Meta:
        ordering = ["slug"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self):
        if self.short_name and self.short_name != self.name:
            return f"{self.name} ({self.short_name})"
        return self.name

    def get_absolute_url(self):
        return reverse("partners:detail", kwargs={"slug": self.slug})

    def slug_candidates(self):
        return [self.short_name_en, self.name_en, self.name_zh_hans, self.name]


class OrganizationAlias(models.Model):
    """Another name an organization goes by, used to recognise it in imported text and search.

    "保护国际基金" and "保护国际基金会" are the same partner; so are "儿基会" and UNICEF.
    """

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="aliases",
    )
    name = models.CharField(_("alias"), max_length=255)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, blank=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"],
                name="unique_alias_per_organization",
                violation_error_message=_("This organization already has this alias."),
            ),
        ]

    def __str__(self):
        return self.name


class Person(SlugFromTextMixin, models.Model):
    """Someone quoted in a viewpoint. Titles change, so they are kept on each viewpoint."""

    name = models.CharField(_("name"), max_length=200)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        help_text=_("Where the person works now, if known."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("Made from the name when left empty."),
    )

    slug_fallback = "person"

    class Meta:
        ordering = ["slug"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name

    def slug_candidates(self):
        return [self.name_en, self.name_zh_hans, self.name]
