from django.contrib import admin

from audit import revisions
from editorial.admin.base import EditorialAdmin
from editorial.admin.publication import PublicRecordAdminMixin
from lmec.localized import translated_search_fields
from topics.models import Topic

revisions.register(Topic)


@admin.register(Topic)
class TopicAdmin(PublicRecordAdminMixin, EditorialAdmin):
    list_display = ["name", "slug"]
    search_fields = [*translated_search_fields("name"), "slug"]
