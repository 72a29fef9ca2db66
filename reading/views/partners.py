"""The partner directory, and a partner's page: every published viewpoint it gave and every
event it took part in."""

from django import forms
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView

from events.models import EventOrganizer
from lmec.languages import country_name
from lmec.localized import localized
from lmec.page_cache import CacheablePageMixin
from lmec.seo import PageMeta, describe
from partners.models import Organization
from reading.views.issues import image_url, published_viewpoints, with_article


class PartnerViewMixin(CacheablePageMixin):
    """Public pages of the partners app: stored in the anonymous page cache."""


class PartnerFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        required=False,
        choices=[("", gettext_lazy("All kinds")), *Organization.Kind.choices],
    )
    country = forms.ChoiceField(label=gettext_lazy("Country"), required=False)

    def __init__(self, *args, country_codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("All countries"))] + sorted(
            ((code, country_name(code)) for code in country_codes), key=lambda choice: choice[1]
        )


class OrganizationListView(PartnerViewMixin, ListView):
    """Every partner, grouped by kind, to be narrowed by kind and country."""

    template_name = "partners/organization_list.html"
    context_object_name = "organizations"

    def get_queryset(self):
        country_codes = (
            Organization.objects.exclude(country="")
            .order_by("country")
            .values_list("country", flat=True)
            .distinct()
        )
        self.form = PartnerFilterForm(self.request.GET or None, country_codes=list(country_codes))
        if self.form.is_bound and not self.form.is_valid():
            raise Http404(_("There is no such kind or country of partner."))
        organizations = Organization.objects.all()
        if self.form.is_bound:
            if kind := self.form.cleaned_data["kind"]:
                organizations = organizations.filter(kind=kind)
            if country := self.form.cleaned_data["country"]:
                organizations = organizations.filter(country=country)
        return organizations

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups = {kind: [] for kind, _label in Organization.Kind.choices}
        for organization in context["organizations"]:
            groups[organization.kind].append(organization)
        context.update(
            form=self.form,
            groups=[
                (label, groups[kind]) for kind, label in Organization.Kind.choices if groups[kind]
            ],
            meta=PageMeta(
                title=_("Partners"),
                description=_(
                    "The organizations that work with the center, and what their experts said."
                ),
            ),
        )
        return context


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
