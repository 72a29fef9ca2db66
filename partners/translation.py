from modeltranslation.translator import TranslationOptions, register

from partners.models import Organization, Person


@register(Organization)
class OrganizationTranslationOptions(TranslationOptions):
    fields = ("name", "short_name", "description")


@register(Person)
class PersonTranslationOptions(TranslationOptions):
    fields = ("name",)
