from django.views.generic import DetailView

from partners.models import Organization


class OrganizationDetailView(DetailView):
    model = Organization
