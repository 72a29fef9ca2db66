"""The partner directory, and a partner's page: every published viewpoint it gave and
every event it took part in. Partners and events as published (publishing/registry.py);
viewpoints of the editions readers see now."""

from django import forms
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from events.models import Event, EventOrganizer
from lmec.languages import country_name
from lmec.localized import localized
from lmec.page_cache import CacheablePageMixin
from lmec.seo import PageMeta, describe
from partners.models import Organization
from publishing.selectors import public_copies, published_viewpoints
from reading import feeds
from reading.pagination import paginate
from reading.presenters import partners_with_names, viewpoint_with_texts
from reading.registry import public_records


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


class OrganizationListView(CacheablePageMixin, TemplateView):
    """Every published partner, grouped by kind, to be narrowed by kind and country."""

    template_name = "partners/organization_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        copies = public_copies(Organization)
        country_codes = (
            copies.exclude(country="").order_by("country").values_list("country", flat=True)
        )
        form = PartnerFilterForm(
            self.request.GET or None, country_codes=list(country_codes.distinct())
        )
        if form.is_bound and not form.is_valid():
            raise Http404(_("There is no such kind or country of partner."))
        if form.is_bound:
            if kind := form.cleaned_data["kind"]:
                copies = copies.filter(kind=kind)
            if country := form.cleaned_data["country"]:
                copies = copies.filter(country=country)
        groups = {kind: [] for kind, _label in Organization.Kind.choices}
        for organization in partners_with_names(public_records(copies), sort=True):
            groups[organization.kind].append(organization)
        context.update(
            form=form,
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


# Twenty viewpoints with their sources make a page of about 60 KB.
VIEWPOINTS_PER_PAGE = 20
EVENTS_PER_PAGE = 20


class OrganizationDetailView(CacheablePageMixin, TemplateView):
    """A partner with every published viewpoint it gave and every event it took part in,
    each list a page at a time."""

    template_name = "partners/organization_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        copy = get_object_or_404(public_copies(Organization), slug=self.kwargs["slug"])
        [organization] = partners_with_names(public_records([copy]))
        parent = public_copies(Organization).filter(pk=copy.parent_id).first()
        organization.parent = partners_with_names(public_records([parent]))[0] if parent else None
        name = organization.display_name
        description = localized(organization, "description")
        roles = dict(EventOrganizer.Role.choices)
        event_roles = [
            (event_copy, str(roles.get(role, role)))
            for event_copy in public_copies(Event)
            .filter(organization_ids__contains=[copy.pk])
            .order_by("-start_date", "slug")
            for organization_id, role, _position in event_copy.data.get("roles", [])
            if organization_id == copy.pk
        ]
        viewpoint_pages = paginate(
            self.request,
            published_viewpoints().filter(organization_id=copy.pk),
            per_page=VIEWPOINTS_PER_PAGE,
            anchor="viewpoints-heading",
        )
        event_pages = paginate(
            self.request,
            event_roles,
            per_page=EVENTS_PER_PAGE,
            parameter="events",
            anchor="events-heading",
        )
        context.update(
            organization=organization,
            name=name,
            description=description,
            units=partners_with_names(
                public_records(public_copies(Organization).filter(parent_id=copy.pk)), sort=True
            ),
            viewpoints=[viewpoint_with_texts(viewpoint) for viewpoint in viewpoint_pages.items],
            pages=viewpoint_pages,
            event_roles=[
                (public_records([event_copy])[0], role) for event_copy, role in event_pages.items
            ],
            event_pages=event_pages,
            feeds=feeds.alternate_links(
                feeds.partner_feed_title(name),
                reverse("partners:feed-rss", kwargs={"slug": copy.slug}),
                reverse("partners:feed-atom", kwargs={"slug": copy.slug}),
            ),
            meta=PageMeta(
                title=name,
                description=describe(description)
                or _("Viewpoints and events of %(name)s.") % {"name": name},
                image=self.request.build_absolute_uri(organization.logo.shown_url)
                if organization.logo
                else "",
                json_ld=self.json_ld(organization, localized(organization, "name"), description),
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
            data["logo"] = self.request.build_absolute_uri(organization.logo.shown_url)
        return data
