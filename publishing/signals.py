"""Keep what readers are served in step with the content.

On every save and delete of content, the search index (publishing/search.py) is updated
for the items concerned and the anonymous page cache (lmec/page_cache.py) is cleared.
The receivers only dispatch; the work lives in those two modules. A bulk
``QuerySet.update()`` sends no signal: call ``lmec.page_cache.content_changed()`` and the
matching ``publishing.search.index_*`` function after one.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

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
from publishing import search
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


def indexer(update):
    """A receiver calling ``update(instance)``, except for fixtures and paused bulk loads."""

    def receiver(sender, instance, raw=False, created=False, **kwargs):
        if raw or search.is_paused():
            return
        if sender is Bulletin and created:
            return  # a new issue has no articles yet
        update(instance)

    return receiver


def index_organization_of(alias):
    organization = Organization.objects.filter(pk=alias.organization_id).first()
    if organization is not None:
        search.index_organization(organization)


def remover(kind):
    return indexer(lambda instance: search.remove(kind, instance.pk))


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

    for model, update in (
        (Article, search.index_article),
        (Viewpoint, search.index_viewpoint),
        (Event, search.index_event),
        (Organization, search.index_organization),
        (Person, search.index_person),
        (Bulletin, search.index_bulletin),
    ):
        post_save.connect(
            indexer(update), sender=model, weak=False, dispatch_uid=f"search-{model.__name__}"
        )
    for signal in (post_save, post_delete):
        signal.connect(
            indexer(index_organization_of),
            sender=OrganizationAlias,
            weak=False,
            dispatch_uid=f"search-alias-{signal is post_save}",
        )
    for model, kind in (
        (Article, SearchEntry.Kind.ARTICLE),
        (Viewpoint, SearchEntry.Kind.VIEWPOINT),
        (Event, SearchEntry.Kind.EVENT),
        (Organization, SearchEntry.Kind.ORGANIZATION),
    ):
        post_delete.connect(
            remover(kind), sender=model, dispatch_uid=f"search-remove-{kind}", weak=False
        )
