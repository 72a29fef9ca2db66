"""The partner directory. Each partner's page shows viewpoints and events, so it is served
by the bulletins app (bulletins/partner_views.py), which may import both."""

from django import forms
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView
from django_countries import countries

from lmec.page_cache import CacheablePageMixin
from lmec.seo import PageMeta
from partners.models import Organization


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
            ((code, countries.name(code)) for code in country_codes), key=lambda choice: choice[1]
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
