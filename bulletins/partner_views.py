"""A partner's page: every published viewpoint it gave and every event it took part in.

Served by the bulletins app because it shows viewpoints and events; partners imports
neither. Its URL stays partners:detail (see bulletins/urls.py).
"""

from django.utils.translation import gettext as _
from django.views.generic import DetailView

from bulletins.views import image_url, published_viewpoints, with_article
from events.models import EventOrganizer
from lmec.localized import localized
from lmec.page_cache import CacheablePageMixin
from lmec.seo import PageMeta, describe
from partners.models import Organization


class OrganizationDetailView(CacheablePageMixin, DetailView):
    """A partner with every published viewpoint it gave and every event it took part in."""

    template_name = "partners/organization_detail.html"
    context_object_name = "organization"

    def get_queryset(self):
        return Organization.objects.select_related("parent")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organization = self.object
        name = localized(organization, "name")
        description = localized(organization, "description")
        roles = (
            EventOrganizer.objects.filter(organization=organization)
            .select_related("event")
            .order_by("-event__start_date", "position")
        )
        viewpoints = published_viewpoints().filter(organization=organization)
        context.update(
            name=name,
            short_name=localized(organization, "short_name"),
            description=description,
            units=organization.units.all(),
            viewpoints=[with_article(viewpoint) for viewpoint in viewpoints],
            event_roles=roles,
            meta=PageMeta(
                title=name,
                description=describe(description)
                or _("Viewpoints and events of %(name)s.") % {"name": name},
                image=image_url(self.request, organization.logo),
                json_ld=self.json_ld(organization, name, description),
            ),
        )
        return context

    def json_ld(self, organization, name, description):
        data = {
            "@context": "https://schema.org",
            "@type": "Organization",
            "@id": self.request.build_absolute_uri(organization.get_absolute_url()),
            "name": name,
            "url": organization.website or self.request.build_absolute_uri(),
        }
        if organization.short_name:
            data["alternateName"] = organization.short_name
        if description:
            data["description"] = describe(description, 300)
        if organization.website:
            data["sameAs"] = [organization.website]
        if organization.country:
            data["address"] = {
                "@type": "PostalAddress",
                "addressCountry": organization.country.code,
            }
        if organization.logo:
            data["logo"] = image_url(self.request, organization.logo)
        return data
