from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from audit import revisions
from editorial.admin.base import EditorialAdmin
from editorial.admin.publication import PublicRecordAdminMixin
from lmec.localized import translated_search_fields
from partners.models import Organization, OrganizationAlias, Person

revisions.register(Organization, children=["aliases"])
revisions.register(OrganizationAlias, parent="organization")
revisions.register(Person)


class OrganizationAliasInline(admin.TabularInline):
    model = OrganizationAlias
    extra = 1


@admin.register(Organization)
class OrganizationAdmin(PublicRecordAdminMixin, EditorialAdmin):
    list_display = ["name", "short_name", "kind", "country", "slug"]
    list_filter = ["kind", "country"]
    search_fields = [
        *translated_search_fields("name", "short_name"),
        "aliases__name",
        "slug",
    ]
    autocomplete_fields = ["parent"]
    inlines = [OrganizationAliasInline]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "kind", "country", "parent", "slug"]}),
        (_("Presentation"), {"fields": ["description", "website", "logo"]}),
    ]


@admin.register(Person)
class PersonAdmin(EditorialAdmin):
    list_display = ["name", "organization", "slug"]
    list_filter = ["organization__kind"]
    search_fields = [*translated_search_fields("name"), "slug"]
    autocomplete_fields = ["organization"]
