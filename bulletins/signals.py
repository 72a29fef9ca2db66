"""Keep what readers are served in step with the content.

On every save and delete of content, the search index (bulletins/search.py) is updated
for the items concerned and the anonymous page cache (lmec/page_cache.py) is cleared.
The receivers only dispatch; the work lives in those two modules. A bulk
``QuerySet.update()`` sends no signal: call ``lmec.page_cache.content_changed()`` and the
matching ``bulletins.search.index_*`` function after one.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from bulletins import search
from bulletins.models import (
    AboutBlock,
    Article,
    ArticleImage,
    Bulletin,
    ContactBlock,
    SearchEntry,
    Viewpoint,
)
from events.models import Event, EventOrganizer
from lmec.page_cache import content_changed
from partners.models import Organization, OrganizationAlias, Person
from topics.models import Topic

CONTENT_MODELS = [
    Bulletin,
    Article,
    ArticleImage,
    Viewpoint,
    ContactBlock,
    AboutBlock,
    Organization,
    OrganizationAlias,
    Person,
    Event,
    EventOrganizer,
    Topic,
]


def clear_page_cache(sender, **kwargs):
    content_changed()


def article_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        search.index_article(instance)


def viewpoint_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        search.index_viewpoint(instance)


def event_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        search.index_event(instance)


def organization_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        search.index_organization(instance)


def alias_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    organization = Organization.objects.filter(pk=instance.organization_id).first()
    if organization is not None:
        search.index_organization(organization)


def person_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        search.index_person(instance)


def bulletin_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        search.index_bulletin(instance)


def remover(kind):
    def receiver(sender, instance, **kwargs):
        search.remove(kind, instance.pk)

    return receiver


def connect():
    for model in CONTENT_MODELS:
        post_save.connect(
            clear_page_cache, sender=model, dispatch_uid=f"page-cache-save-{model.__name__}"
        )
        post_delete.connect(
            clear_page_cache, sender=model, dispatch_uid=f"page-cache-delete-{model.__name__}"
        )
    for through in (Article.topics.through, Event.topics.through):
        m2m_changed.connect(
            clear_page_cache, sender=through, dispatch_uid=f"page-cache-m2m-{through.__name__}"
        )

    post_save.connect(article_saved, sender=Article, dispatch_uid="search-article")
    post_save.connect(viewpoint_saved, sender=Viewpoint, dispatch_uid="search-viewpoint")
    post_save.connect(event_saved, sender=Event, dispatch_uid="search-event")
    post_save.connect(organization_saved, sender=Organization, dispatch_uid="search-organization")
    post_save.connect(alias_changed, sender=OrganizationAlias, dispatch_uid="search-alias-save")
    post_delete.connect(alias_changed, sender=OrganizationAlias, dispatch_uid="search-alias-delete")
    post_save.connect(person_saved, sender=Person, dispatch_uid="search-person")
    post_save.connect(bulletin_saved, sender=Bulletin, dispatch_uid="search-bulletin")
    for model, kind in (
        (Article, SearchEntry.Kind.ARTICLE),
        (Viewpoint, SearchEntry.Kind.VIEWPOINT),
        (Event, SearchEntry.Kind.EVENT),
        (Organization, SearchEntry.Kind.ORGANIZATION),
    ):
        post_delete.connect(
            remover(kind), sender=model, dispatch_uid=f"search-remove-{kind}", weak=False
        )
