from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from lmec.admin import translated_search_fields
from topics.models import Topic


@admin.register(Topic)
class TopicAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = [*translated_search_fields("name"), "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
