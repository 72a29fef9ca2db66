from django.contrib import admin

from lmec import history
from lmec.admin import EditorialAdmin
from lmec.localized import translated_search_fields
from topics.models import Topic

history.register(Topic)


@admin.register(Topic)
class TopicAdmin(EditorialAdmin):
    list_display = ["name", "slug"]
    search_fields = [*translated_search_fields("name"), "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
