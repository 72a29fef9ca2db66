from modeltranslation.translator import TranslationOptions, register

from events.models import Event


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "place", "summary")
